import type { Logger } from 'pino';
import { shanghaiDateTime } from '@ycta/shared';
import type { WechatSubscribeClient } from './wechat-subscribe';

/** Something the applicant should hear about an inspection: the staff's remote decision, slots to pick, a booking, a reminder, the result. */
export interface InspectionNotice {
  kind: 'slots_offered' | 'booked' | 'reminder' | 'concluded' | 'supplement_overdue' | 'remote_decided';
  /** The case the notice is about (an application's id for acceptance notices, with `page` saying where it opens). */
  inspectionId: string;
  /** The mini-program page the message opens; default: the inspection's page. */
  page?: string;
  subjectId: string;
  /** Short Chinese text (the template's `thing` field takes at most 20 characters). */
  text: string;
  /** The time the notice is about (the slot's start). */
  at?: Date;
}

/** Never throws: a reminder that could not be sent must not undo the booking it is about. */
export interface Notifier {
  notify(notice: InspectionNotice): Promise<{ sent: number; failed: number }>;
}

export interface NotifierDeps {
  logger: Logger;
  /** WeChat subscribe messages; null when no template is configured (notices are then only logged). */
  wechat: WechatSubscribeClient | null;
  templateId: string;
  /** The openids of the applicant users of a subject. */
  recipientsOf(subjectId: string): Promise<string[]>;
}

/** Sends each notice to the subject's applicants as a WeChat subscribe message (template fields thing1, time2). */
export function createNotifier(deps: NotifierDeps): Notifier {
  return {
    async notify(notice) {
      if (!deps.wechat || !deps.templateId) {
        deps.logger.info({ kind: notice.kind, inspectionId: notice.inspectionId }, 'notice not sent: no WeChat template configured');
        return { sent: 0, failed: 0 };
      }
      let sent = 0;
      let failed = 0;
      for (const openid of await deps.recipientsOf(notice.subjectId).catch(() => [])) {
        try {
          await deps.wechat.send({
            touser: openid,
            templateId: deps.templateId,
            page: notice.page ?? `packages/inspection/detail/index?id=${notice.inspectionId}`,
            data: { thing1: notice.text.slice(0, 20), ...(notice.at ? { time2: shanghaiDateTime(notice.at) } : {}) },
          });
          sent++;
        } catch (err) {
          failed++;
          deps.logger.warn({ kind: notice.kind, inspectionId: notice.inspectionId, err: (err as Error).message }, 'notice failed');
        }
      }
      return { sent, failed };
    },
  };
}
