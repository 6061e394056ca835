import { z } from 'zod';

/**
 * Every error the API can answer with: a stable code the client switches on, the HTTP status,
 * and the Chinese message shown to people. Codes cross process boundaries: never rename one.
 */
export const errorCatalogue = {
  'REQUEST.INVALID': { status: 400, message: '请求内容不正确' },
  'REQUEST.TOO_LARGE': { status: 413, message: '请求内容过大' },
  'REQUEST.UNSUPPORTED_TYPE': { status: 415, message: '不支持的内容类型' },
  'REQUEST.RATE_LIMITED': { status: 429, message: '请求过于频繁，请稍后再试' },
  'ROUTE.NOT_FOUND': { status: 404, message: '接口不存在' },
  'AUTH.REQUIRED': { status: 401, message: '请先登录' },
  'AUTH.TOKEN_INVALID': { status: 401, message: '登录已失效，请重新登录' },
  'AUTH.TOKEN_EXPIRED': { status: 401, message: '登录已过期，请重新登录' },
  'AUTH.BAD_CREDENTIALS': { status: 401, message: '用户名或密码错误' },
  'AUTH.LOCKED': { status: 423, message: '密码错误次数过多，账号已临时锁定，请稍后再试' },
  'AUTH.DEV_LOGIN_DISABLED': { status: 403, message: '开发登录未启用' },
  'AUTH.WECHAT_NOT_CONFIGURED': { status: 503, message: '本服务未配置微信登录，请使用其他方式登录' },
  'AUTH.WECHAT_FAILED': { status: 502, message: '微信登录失败，请稍后重试' },
  'AUTH.WECHAT_CODE_INVALID': { status: 401, message: '微信登录凭证无效或已使用，请重新进入小程序' },
  'AUTH.USER_NOT_FOUND': { status: 401, message: '用户不存在' },
  'AUTH.FORBIDDEN': { status: 403, message: '没有权限执行此操作' },
  'DB.UNAVAILABLE': { status: 503, message: '数据库暂时不可用，请稍后重试' },
  'LEDGER.IMMUTABLE': { status: 500, message: '踏勘记录不可修改或删除，只能追加更正事件' },
  'LEDGER.APPEND_CONTENDED': { status: 503, message: '踏勘记录写入繁忙，请稍后重试' },
  'LEDGER.INVALID_EVENT': { status: 500, message: '踏勘记录事件内容无效' },
  'CREDIT.UNAVAILABLE': { status: 503, message: '信用信息服务暂时不可用，请稍后重试' },
  'CREDIT.NO_RECORD': { status: 409, message: '未查询到该主体的信用评价，请联系窗口工作人员核实' },
  'CREDIT.DISHONEST_REFUSED': { status: 403, message: '该事项对失信主体不予受理，请先完成信用修复' },
  'CREDIT.TIER_DROPPED': { status: 403, message: '您的信用等级已发生变化，当前等级不能进行远程踏勘，请联系工作人员改为现场踏勘' },
  'APPLICATION.NOT_FOUND': { status: 404, message: '申请不存在' },
  'APPLICATION.INVALID_TRANSITION': { status: 409, message: '申请当前的状态不允许此操作，请刷新后查看' },
  'APPLICATION.INSPECTOR_NOT_FOUND': { status: 400, message: '指定的踏勘人员不存在' },
  'MATTER.NOT_FOUND': { status: 404, message: '事项不存在' },
  'SUBJECT.NOT_FOUND': { status: 404, message: '未找到您的经营主体信息，请联系窗口工作人员' },
  'INSPECTION.NOT_FOUND': { status: 404, message: '踏勘不存在' },
  'INSPECTION.INVALID_STATE': { status: 409, message: '踏勘当前的状态不允许此操作，请刷新后查看' },
  'INSPECTION.SLOT_INVALID': { status: 400, message: '时段无效：开始时间须晚于现在，结束时间须晚于开始时间' },
  'INSPECTION.SLOT_UNAVAILABLE': { status: 409, message: '该时段不可预约，请选择其他时段' },
  'INSPECTION.OUTSIDE_WINDOW': { status: 403, message: '不在预约的踏勘时间内，请在预约时间前后进入' },
  'INSPECTION.NOT_PARTICIPANT': { status: 403, message: '您不是本次踏勘的参与人' },
  'INSPECTION.CHECKLIST_ITEM_NOT_FOUND': { status: 404, message: '踏勘要点不存在' },
  'INSPECTION.CHECKLIST_INCOMPLETE': { status: 409, message: '还有踏勘要点未判定，请逐项判定后再作出结论' },
  'INSPECTION.RECTIFICATION_REQUIRED': { status: 400, message: '整改后复查须列明整改事项和整改期限' },
  'INVITATION.INVALID': { status: 404, message: '邀请链接无效、已使用或已过期，请联系踏勘人员重新邀请' },
  'RTC.AGORA_NOT_CONFIGURED': { status: 503, message: '声网视频未配置（缺少 App ID 或 App 证书），请改用本地视频方式或联系管理员' },
  'RTC.AGORA_FAILED': { status: 502, message: '声网服务暂时不可用，请稍后重试' },
  'RTC.WEBHOOK_SIGNATURE': { status: 401, message: '回调签名无效' },
  'NOTIFY.FAILED': { status: 502, message: '消息通知发送失败' },
  'MEDIA.TYPE_NOT_ALLOWED': { status: 415, message: '文件类型不支持：照片只接受 JPEG、PNG、WebP 或 HEIC 格式（按文件内容识别，改扩展名无效）' },
  'MEDIA.TOO_LARGE': { status: 413, message: '文件超过大小上限，请压缩后重新上传' },
  'MEDIA.TOO_MANY_PIXELS': { status: 413, message: '照片像素过多，请降低分辨率后重新上传' },
  'MEDIA.NO_FILE': { status: 400, message: '未收到文件，请在 file 字段中上传' },
  'MEDIA.UPLOAD_INCOMPLETE': { status: 400, message: '上传未完成（连接中断或内容不完整），文件未保存，请重新上传' },
  'MEDIA.IMAGE_UNREADABLE': { status: 415, message: '照片内容已损坏，无法读取，请重新拍摄上传' },
  'MEDIA.NOT_FOUND': { status: 404, message: '文件不存在' },
  'MEDIA.RANGE_NOT_SATISFIABLE': { status: 416, message: '请求的数据范围无效' },
  'RECORDING.NOT_STORED': { status: 503, message: '录像分段已收到，但暂时未能保存为证据，请稍后重试（本机保留的分段会自动重传）' },
  'RECORDING.REFUSED': { status: 409, message: '录像分段不被接收' },
  'INTERNAL': { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type BaseErrorCode = keyof typeof errorCatalogue;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
