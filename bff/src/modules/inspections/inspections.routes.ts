import type { Context } from 'koa';
import type { Logger } from 'pino';
import { agoraWebhookContract, inspectionsContract as c } from '@ycta/shared';
import type { Config } from '../../config';
import { bind } from '../../lib/contract-router';
import { createRtcTokenIssuer } from '../../infra/agora/rtc-token-issuer';
import { cloudRecordingConfigured, createCloudRecordingClient } from '../../infra/agora/cloud-recording';
import { createCloudRecorder, type CloudRecorder } from './inspections.cloud-recording';
import { signallingPath, type SignallingServer } from '../../infra/signalling/signalling-server';
import type { Notifier } from '../../infra/notify/notifier';
import { findAccessibleInspection } from './inspections.access';
import { book, offerSlots, visibleSlots, type BookingDeps } from './inspections.booking';
import { addOpinion, judgeChecklistItem } from './inspections.checklist';
import { concludeInspection } from './inspections.conclusion';
import { acceptInvitation, inviteExpert } from './inspections.invitations';
import { joinInspection, renewAgoraToken, type JoinDeps } from './inspections.join';
import { cancelInspection, listInspections, toDetail } from './inspections.service';
import { requestStill } from './inspections.stills';
import { createRoomCode, redeemRoomCode } from './inspections.room-codes';
import { endCaseCall } from './inspections.calls';
import { tellRoom } from './inspections.signalling';
import { findUsers } from '../auth/users.directory';

export interface InspectionsDeps {
  config: Config;
  logger: Logger;
  signalling: SignallingServer;
  notifier: Notifier;
  /** Cloud recording of agora-mode calls; built from config when not given. */
  recorder?: CloudRecorder;
  /** Signs the inspection-scoped token a join answer carries. */
  roomPass: JoinDeps['roomPass'];
}

/** The signalling socket's address as the caller reached this server. */
const wsUrlOf = (ctx: Context) => `${ctx.protocol === 'https' ? 'wss' : 'ws'}://${ctx.host}${signallingPath}`;

export function inspectionsRoutes(deps: InspectionsDeps) {
  const booking: BookingDeps = { priorityBookingHours: deps.config.inspections.priorityBookingHours, notifier: deps.notifier };
  const tokens = createRtcTokenIssuer(deps.config.agora);
  const recording = { ...deps.config.agora, storage: deps.config.agora.recordingStorage };
  const recorder = deps.recorder ?? createCloudRecorder({
    client: tokens.configured && cloudRecordingConfigured(recording) ? createCloudRecordingClient(recording) : null,
    tokens, logger: deps.logger,
  });
  const joining: JoinDeps = {
    recorder,
    joinEarlyMinutes: deps.config.inspections.joinEarlyMinutes,
    ticketTtlSeconds: deps.config.rtc.ticketTtlSeconds,
    iceServers: deps.config.rtc.iceServers,
    tokens,
    roomPass: deps.roomPass,
  };
  return [
    bind(c.listInspections, ({ user, query }) => listInspections(user, query)),
    bind(c.getInspection, async ({ user, params }) => {
      const inspection = await findAccessibleInspection(user, params.id);
      const detail = await toDetail(inspection, await visibleSlots(user, inspection, booking), user);
      return { ...detail, inCall: deps.signalling.presence(params.id), joinEarlyMinutes: joining.joinEarlyMinutes };
    }),
    bind(c.offerSlots, ({ user, params, body }) => offerSlots(user, params.id, body, booking)),
    bind(c.book, async ({ user, params, body }) => ({ ...await book(user, params.id, body.slotId, booking), joinEarlyMinutes: joining.joinEarlyMinutes })),
    bind(c.join, ({ user, params }, ctx) => joinInspection(user, params.id, joining, wsUrlOf(ctx))),
    bind(c.createRoomCode, ({ user, params }) => createRoomCode(user, params.id)),
    bind(c.redeemRoomCode, ({ params, body }, ctx) => redeemRoomCode(params.id, body.code, joining, wsUrlOf(ctx))),
    bind(c.renewToken, ({ user, params }) => renewAgoraToken(user, params.id, joining)),
    bind(c.invite, ({ user, params, body }) => inviteExpert(user, params.id, body.validMinutes)),
    bind(c.acceptInvitation, ({ user, body }) => acceptInvitation(user, body.token)),
    bind(c.requestStill, ({ user, params, body }) => requestStill(user, params.id, body, deps.signalling)),
    bind(c.judge, ({ user, params, body }) => judgeChecklistItem(user, params.id, params.itemId, body)),
    bind(c.conclude, ({ user, params, body }) => concludeInspection(user, params.id, body, { notifier: deps.notifier, recorder })),
    bind(c.addOpinion, async ({ user, params, body }) => {
      const opinion = await addOpinion(user, params.id, body.text);
      const [me] = await findUsers([user.id]);
      tellRoom(deps.signalling, params.id, { type: 'opinion', opinion: { ...opinion, displayName: me?.displayName ?? user.username } });
      return opinion;
    }),
    bind(agoraWebhookContract.agoraRecordingWebhook, (_input, ctx) => recorder.receiveNotification(
      String((ctx.request as { rawBody?: string }).rawBody ?? ''), ctx.get('agora-signature-v2') || undefined, deps.config.agora.webhookSecret,
    )),
    bind(c.cancel, ({ user, params, body }) => cancelInspection(user, params.id, body.reason)),
    bind(c.endCall, async ({ user, params }) => {
      const ended = await endCaseCall(user, params.id, { recorder });
      // the others' pages leave the call now; the host's own page leaves once it has stopped its recording
      tellRoom(deps.signalling, params.id, { type: 'call-ended' }, user.id);
      return ended;
    }),
  ];
}
