import type { Logger } from 'pino';
import type { Notifier } from '../../infra/notify/notifier';
import { InspectionModel, type InspectionRecord } from './inspection.model';

/**
 * Reminds applicants of a booked call shortly before it starts, once per booking: each reminder is claimed with a
 * conditional update first, so two BFF processes never send the same one twice.
 */
export async function sendDueReminders(notifier: Notifier, now = new Date(), leadMinutes = 30): Promise<number> {
  const due = await InspectionModel.find({
    status: 'booked', reminderSentAt: null, 'slot.start': { $gt: now, $lte: new Date(now.getTime() + leadMinutes * 60_000) },
  }).lean<InspectionRecord[]>();
  let sent = 0;
  for (const inspection of due) {
    const claimed = await InspectionModel.findOneAndUpdate(
      { _id: inspection._id, status: 'booked', reminderSentAt: null },
      { $set: { reminderSentAt: now } },
    ).lean();
    if (!claimed) continue;
    await notifier.notify({
      kind: 'reminder', inspectionId: String(inspection._id), subjectId: String(inspection.subjectId),
      text: '视频踏勘即将开始，请准备好现场', at: inspection.slot?.start ?? undefined,
    });
    sent++;
  }
  return sent;
}

/** Looks for due reminders every minute; `main.ts` starts and stops it. */
export function createReminderScheduler(notifier: Notifier, logger: Logger, intervalMs = 60_000) {
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    start() {
      timer ??= setInterval(() => {
        sendDueReminders(notifier).catch((err: Error) => logger.error({ err: err.message }, 'reminders failed'));
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
