import { Schema, model } from 'mongoose';
import type { Logger } from 'pino';
import { AppError } from '../../lib/app-error';
import { agoraUidOf, channelOf, type RtcTokenIssuer } from '../../infra/agora/rtc-token-issuer';
import { CloudRecordingError, type CloudRecordingClient } from '../../infra/agora/cloud-recording';
import { agoraSignatureValid } from '../../infra/agora/notification-signature';

/**
 * Cloud recording of agora-mode calls, driven by the BFF: started on the first join, queried periodically, restarted
 * when the recorder is gone (404 after start), stopped at the conclusion. Every step is appended to the recording's
 * `history`; Agora's notifications are kept as received (deduplicated by `noticeId`) once their signature checks out.
 */
const cloudRecordingSchema = new Schema({
  inspectionId: { type: String, required: true, index: true },
  cname: { type: String, required: true },
  uid: { type: String, required: true },
  resourceId: { type: String, required: true },
  sid: { type: String, required: true },
  state: { type: String, enum: ['recording', 'lost', 'stopped'], required: true },
  history: { type: [{ _id: false, at: Date, what: String, detail: Schema.Types.Mixed }], default: [] },
  files: { type: [Schema.Types.Mixed], default: [] },
}, { timestamps: true });
export const CloudRecordingModel = model('CloudRecording', cloudRecordingSchema, 'cloud_recordings');

const notificationSchema = new Schema({
  noticeId: { type: String, required: true, unique: true },
  eventType: { type: Number, required: true },
  sid: { type: String, default: null },
  cname: { type: String, default: null },
  payload: { type: Schema.Types.Mixed },
  receivedAt: { type: Date, required: true },
});
export const AgoraNotificationModel = model('AgoraNotification', notificationSchema, 'agora_notifications');

interface RecordingDoc { _id: unknown; inspectionId: string; cname: string; uid: string; resourceId: string; sid: string; state: string }

/** Recorder-side failure events of Agora's notification service (Cloud Recording, productId 3). */
const failureEvents = new Set([1, 2, 40]);

export function createCloudRecorder(deps: { client: CloudRecordingClient | null; tokens: RtcTokenIssuer; logger: Logger }) {
  const log = deps.logger.child({ component: 'cloud-recording' });
  let poller: ReturnType<typeof setInterval> | null = null;

  async function begin(inspectionId: string, note: string): Promise<RecordingDoc> {
    const client = deps.client!;
    const cname = channelOf(inspectionId);
    const uid = String(agoraUidOf(`cloud-recorder:${inspectionId}`));
    const token = deps.tokens.issue(inspectionId, `cloud-recorder:${inspectionId}`, false).token;
    const resourceId = await client.acquire(cname, uid);
    const sid = await client.start(resourceId, cname, uid, token);
    const created = await CloudRecordingModel.create({
      inspectionId, cname, uid, resourceId, sid, state: 'recording', history: [{ at: new Date(), what: note, detail: null }],
    });
    return created.toObject() as unknown as RecordingDoc;
  }

  return {
    enabled: deps.client !== null,
    /** Starts recording a call unless one is already running. Failures are logged, never thrown at the joiner. */
    async ensureStarted(inspectionId: string): Promise<void> {
      if (!deps.client) return;
      if (await CloudRecordingModel.exists({ inspectionId, state: 'recording' })) return;
      try {
        await begin(inspectionId, 'started');
        // a recorder can fail over and lose files: look at every running one each minute
        poller ??= setInterval(() => { void this.poll().catch((e: Error) => log.error({ err: e.message }, 'poll failed')); }, 60_000);
        poller.unref();
      } catch (err) {
        log.error({ inspectionId, err: (err as Error).message }, 'cloud recording did not start');
      }
    },
    /** Queries every running recorder; one that is gone is marked lost and a new one started in its place. */
    async poll(): Promise<{ checked: number; restarted: number }> {
      if (!deps.client) return { checked: 0, restarted: 0 };
      const running = await CloudRecordingModel.find({ state: 'recording' }).lean<RecordingDoc[]>();
      let restarted = 0;
      for (const r of running) {
        try {
          const answer = await deps.client.query(r.resourceId, r.sid);
          await CloudRecordingModel.updateOne({ _id: r._id }, { $push: { history: { at: new Date(), what: 'queried', detail: { status: answer.status } } } });
        } catch (err) {
          if (!(err instanceof CloudRecordingError) || !err.recorderGone) {
            log.warn({ inspectionId: r.inspectionId, err: (err as Error).message }, 'cloud recording query failed');
            continue;
          }
          await CloudRecordingModel.updateOne({ _id: r._id, state: 'recording' }, {
            $set: { state: 'lost' }, $push: { history: { at: new Date(), what: 'lost', detail: { status: 404, reason: err.reason } } },
          });
          log.warn({ inspectionId: r.inspectionId }, 'cloud recorder gone (404 after start): starting a new one');
          await begin(r.inspectionId, `restarted after ${r.sid} was lost`).then(() => restarted++, (e: Error) => log.error({ err: e.message }, 'restart failed'));
        }
      }
      return { checked: running.length, restarted };
    },
    async stop(inspectionId: string): Promise<void> {
      if (!deps.client) return;
      for (const r of await CloudRecordingModel.find({ inspectionId, state: 'recording' }).lean<RecordingDoc[]>()) {
        try {
          const { fileList } = await deps.client.stop(r.resourceId, r.sid, r.cname, r.uid);
          await CloudRecordingModel.updateOne({ _id: r._id }, { $set: { state: 'stopped', files: fileList }, $push: { history: { at: new Date(), what: 'stopped', detail: null } } });
        } catch (err) {
          log.error({ inspectionId, err: (err as Error).message }, 'cloud recording stop failed');
          await CloudRecordingModel.updateOne({ _id: r._id }, { $set: { state: 'lost' }, $push: { history: { at: new Date(), what: 'stop failed', detail: { message: (err as Error).message } } } });
        }
      }
    },
    close() {
      if (poller) clearInterval(poller);
      poller = null;
    },
    /** Agora's notification callback: signature first, then kept once per noticeId; recorder failures trigger a query. */
    async receiveNotification(rawBody: string, signatureV2: string | undefined, secret: string): Promise<{ ok: boolean }> {
      if (!agoraSignatureValid(rawBody, signatureV2, secret)) throw new AppError('RTC.WEBHOOK_SIGNATURE');
      const notice = JSON.parse(rawBody) as { noticeId?: string; eventType?: number; payload?: { sid?: string; cname?: string } };
      if (!notice.noticeId || typeof notice.eventType !== 'number') throw new AppError('REQUEST.INVALID');
      const stored = await AgoraNotificationModel.updateOne(
        { noticeId: notice.noticeId },
        { $setOnInsert: { eventType: notice.eventType, sid: notice.payload?.sid ?? null, cname: notice.payload?.cname ?? null, payload: notice, receivedAt: new Date() } },
        { upsert: true },
      );
      if (stored.upsertedCount === 1 && failureEvents.has(notice.eventType)) await this.poll();
      return { ok: true };
    },
  };
}
export type CloudRecorder = ReturnType<typeof createCloudRecorder>;
