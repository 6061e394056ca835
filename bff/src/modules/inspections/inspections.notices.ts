import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { createNotifier, type Notifier } from '../../infra/notify/notifier';
import { createWechatSubscribeClient } from '../../infra/notify/wechat-subscribe';
import { UserModel } from '../auth/auth.model';

/** The applicants' WeChat openids of a subject: who hears about their inspections. (Read-only use of the user store.) */
async function applicantOpenIds(subjectId: string): Promise<string[]> {
  if (!Types.ObjectId.isValid(subjectId)) return [];
  const users = await UserModel.find({ subjectId: new Types.ObjectId(subjectId), role: 'applicant', wechatOpenId: { $ne: null } }, { wechatOpenId: 1 }).lean();
  return users.map((u) => String(u.wechatOpenId));
}

export function createInspectionNotifier(opts: {
  logger: Logger; wechat: { appId: string; secret: string; apiBase: string }; templateId: string;
}): Notifier {
  const wechat = opts.wechat.appId && opts.wechat.secret && opts.templateId ? createWechatSubscribeClient(opts.wechat) : null;
  return createNotifier({ logger: opts.logger, wechat, templateId: opts.templateId, recipientsOf: applicantOpenIds });
}
