import type { ChecklistResult, JointItemResult, JointVisit } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { departmentsByCode } from '../departments/departments.service';
import { openCaseCall, type CallCase } from '../inspections/inspections.calls';
import { appendEvent } from '../ledger/ledger.service';
import { findSubject } from '../subjects/subjects.service';
import { getVisit, judgeItem, visitWithState } from './joint.visits';

/**
 * A remote 综合查一次 in the shared video room: the business's camera and one inspector per department in one call.
 * The call's points are every department's items for the scene, each judged only by its department's drawn
 * inspector; a judgment made in the room lands on the visit's own chain (naming the call) before the call's record
 * takes it, so the visit desk, the combined result and the figures read it as they read an on-site one.
 */

/** How long the call stays open to join after it is started. */
const callMinutes = 90;

/** A point of the call: `<department>.<item>` (item ids are unique within a department only). */
const pointId = (departmentCode: string, itemId: string) => `${departmentCode}.${itemId}`;

const toJointResult: Record<ChecklistResult, JointItemResult> = { pass: 'pass', fail: 'fail', na: 'not_applicable' };

/** The coordinator or a drawn inspector starts (or re-enters) the visit's call; the visit's chain notes it. */
export async function startVisitCall(user: AuthUser, id: string): Promise<JointVisit> {
  const { visit: v, scene, status } = await visitWithState(user, id);
  if (v.mode !== 'remote') throw new AppError('JOINT.NOT_REMOTE', { message: '本次综合检查为现场检查，不能发起远程视频' });
  if (status !== 'planned' && status !== 'booked' && status !== 'judging') {
    throw new AppError('JOINT.INVALID_STATE', { message: '本次检查已汇总结果，不能再发起视频检查' });
  }
  const [subject, departments] = await Promise.all([findSubject(String(v.subjectId)), departmentsByCode(v.inspectors.map((x) => x.departmentCode))]);
  const checklist = v.inspectors.flatMap(({ departmentCode, inspectorId }) => {
    const departmentName = departments.get(departmentCode)?.name ?? departmentCode;
    return (scene.departments.find((d) => d.departmentCode === departmentCode)?.items ?? []).map((item) => ({
      id: pointId(departmentCode, item.id), title: item.title, guidance: item.guidance, requiresPhoto: false,
      departmentCode, departmentName, judgeIds: [String(inspectorId)],
    }));
  });
  const { call, opened } = await openCaseCall(user, {
    callFor: { kind: 'joint-visit', id, title: `综合查一次 · ${scene.name}` },
    subjectId: v.subjectId, hostIds: v.inspectorIds,
    site: { address: subject?.siteAddress, lat: subject?.site?.lat, lng: subject?.site?.lng },
    checklist, minutes: callMinutes,
  });
  if (opened) await appendEvent({ inspectionId: v._id, type: 'joint.call', actor: { id: user.id, role: user.role }, payload: { callId: String(call._id), action: 'opened' } });
  return getVisit(user, id);
}

export const jointCallCase: CallCase = {
  async judged(user, call, item, body) {
    const itemId = item.id.slice(`${item.departmentCode}.`.length);
    await judgeItem(user, call.callFor!.id, item.departmentCode!, itemId, { ...body, result: toJointResult[body.result] }, { callId: call._id });
  },
  async ended(user, call) {
    await appendEvent({
      inspectionId: call.callFor!.id, type: 'joint.call', actor: { id: user.id, role: user.role },
      payload: { callId: String(call._id), action: 'ended', durationSeconds: call.durationSeconds ?? null },
    });
  },
};
