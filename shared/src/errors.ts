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
  'AUTH.WECHAT_FAILED': { status: 502, message: '微信登录失败，请稍后重试' },
  'AUTH.WECHAT_CODE_INVALID': { status: 401, message: '微信登录凭证无效或已使用，请重新进入小程序' },
  'AUTH.USER_NOT_FOUND': { status: 401, message: '用户不存在' },
  'AUTH.FORBIDDEN': { status: 403, message: '没有权限执行此操作' },
  'DB.UNAVAILABLE': { status: 503, message: '数据库暂时不可用，请稍后重试' },
  'CREDIT.UNAVAILABLE': { status: 503, message: '信用信息服务暂时不可用，请稍后重试' },
  'CREDIT.NO_RECORD': { status: 409, message: '未查询到该主体的信用评价，请联系窗口工作人员核实' },
  'CREDIT.DISHONEST_REFUSED': { status: 403, message: '该事项对失信主体不予受理，请先完成信用修复' },
  'CREDIT.TIER_DROPPED': { status: 403, message: '您的信用等级已发生变化，当前等级不能进行远程踏勘，请联系工作人员改为现场踏勘' },
  'APPLICATION.NOT_FOUND': { status: 404, message: '申请不存在' },
  'APPLICATION.INVALID_TRANSITION': { status: 409, message: '申请当前的状态不允许此操作，请刷新后查看' },
  'APPLICATION.INSPECTOR_NOT_FOUND': { status: 400, message: '指定的踏勘人员不存在' },
  'MATTER.NOT_FOUND': { status: 404, message: '事项不存在' },
  'SUBJECT.NOT_FOUND': { status: 404, message: '未找到您的经营主体信息，请联系窗口工作人员' },
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
