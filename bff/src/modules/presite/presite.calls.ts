import { Types } from 'mongoose';
import type { PresiteCall } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { callsOfCase, openCaseCall, type CallCase } from '../inspections/inspections.calls';
import { appendEvent, listEvents } from '../ledger/ledger.service';
import { listPhotos } from '../media/photos.service';
import type { PresiteRequestDoc, StoredLook } from './presite.model';

/**
 * A short remote look at a candidate site (预选址): the staff member reviewing the request opens the shared video
 * room with the applicant, who shows the place with the phone's camera. The call keeps its own chain (joins, stills,
 * recording) like any inspection; the request's chain notes it opened and ended, and the request shows who held it,
 * when, for how long, with how many stills. The rules are the call's points to look at; they are judged on the desk.
 */

const lookMinutes = 30;

/** Opens (or re-enters) the look; the caller has read the request as this user (access checked). */
export async function startPresiteLook(user: AuthUser, request: PresiteRequestDoc): Promise<void> {
  const id = String(request._id);
  if (request.status === 'advised') throw new AppError('PRESITE.ALREADY_ADVISED', { message: '意见书已出具，不再发起远程查看' });
  const { call, opened } = await openCaseCall(user, {
    callFor: { kind: 'presite', id, title: `预选址远程查看 · ${request.matterName}` },
    subjectId: request.subjectId, hostIds: [new Types.ObjectId(user.id)],
    site: { address: request.siteAddress, lat: request.site.lat, lng: request.site.lng },
    checklist: request.precheck.map((r) => ({ id: r.ruleId, title: r.title, guidance: r.figure, requiresPhoto: false, judgeIds: [] })),
    minutes: lookMinutes,
  });
  if (opened) await appendEvent({ inspectionId: new Types.ObjectId(id), type: 'presite.call', actor: user, payload: { callId: String(call._id), action: 'opened' } });
}

/** The looks held for a request, oldest first: who, when, how long, how many stills. */
export async function presiteCalls(user: AuthUser, id: string): Promise<PresiteCall[]> {
  const calls = await callsOfCase('presite', id);
  const hosts = await findUsers(calls.flatMap((c) => c.inspectorIds.map(String)));
  return Promise.all(calls.map(async (c) => ({
    id: String(c._id),
    heldByName: hosts.find((h) => h.id === String(c.inspectorIds[0]))?.displayName ?? '',
    startedAt: (c.firstJoinAt ?? c.createdAt).toISOString(),
    endedAt: c.concludedAt ? c.concludedAt.toISOString() : null,
    durationSeconds: c.durationSeconds ?? null,
    stills: (await listPhotos(user, String(c._id))).items.filter((p) => p.stillRequestId).length,
  })));
}

export const presiteCallCase: CallCase = {
  async ended(user, call) {
    await appendEvent({
      inspectionId: new Types.ObjectId(call.callFor!.id), type: 'presite.call', actor: user,
      payload: { callId: String(call._id), action: 'ended', durationSeconds: call.durationSeconds ?? null },
    });
  },
};

/**
 * What the advice letter says of each look that ended, as it stood when the letter was issued: when, who took part
 * (everyone who joined the call), how long, and the call's own chain — its length and head hash, how many recording
 * chunks and stills are on it — so the letter points at the record that can be verified.
 */
export async function endedLooks(caseId: string): Promise<StoredLook[]> {
  const calls = (await callsOfCase('presite', caseId)).filter((c) => c.concludedAt);
  return Promise.all(calls.map(async (c) => {
    const events = await listEvents(c._id);
    const joinedIds = [...new Set([...c.inspectorIds.map(String), ...events.filter((e) => e.type === 'joined').map((e) => String(e.actor.id))])];
    const people = await findUsers(joinedIds);
    return {
      callId: String(c._id), startedAt: c.firstJoinAt ?? c.createdAt, endedAt: c.concludedAt!, durationSeconds: c.durationSeconds ?? 0,
      participants: joinedIds.flatMap((id) => people.filter((p) => p.id === id).map((p) => ({ name: p.displayName, role: p.role }))),
      chainEvents: events.length, headHash: events.at(-1)?.hash ?? '',
      recordingChunks: events.filter((e) => e.type === 'recording.chunk.stored').length,
      stills: events.filter((e) => e.type === 'photo.stored' && e.payload.stillRequestId).length,
    };
  }));
}
