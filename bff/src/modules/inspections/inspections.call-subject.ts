import type { Types } from 'mongoose';
import type { CallSubject, Role } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { matterNameOf } from '../matters/matters.service';
import type { CallChecklistItem, InspectionRecord } from './inspection.model';

/** What a call is held for and who does what in it: pure rules over the call document (see `inspections.calls.ts`). */

export const isApplicationCall = (call: Pick<InspectionRecord, 'callFor'>) => !call.callFor || call.callFor.kind === 'application';

/** The case a call is held for, as people read it. */
export function callSubjectOf(call: Pick<InspectionRecord, 'callFor' | 'applicationId' | 'matterCode'>): CallSubject {
  return call.callFor ?? { kind: 'application', id: String(call.applicationId), title: matterNameOf(call.matterCode) };
}

/** The application of an application call; any other call is refused (booking, conclusions, the credit gate). */
export function applicationIdOf(call: Pick<InspectionRecord, 'callFor' | 'applicationId'>): Types.ObjectId {
  if (!isApplicationCall(call) || !call.applicationId) throw new AppError('CALL.APPLICATION_ONLY');
  return call.applicationId;
}

/** A host runs the call: the inspectors of an application or a joint visit, the staff member who opened a 预选址 look. */
export const isHost = (user: Pick<AuthUser, 'id'>, call: Pick<InspectionRecord, 'inspectorIds'>) => call.inspectorIds.some((id) => String(id) === user.id);

/** The role one holds in the room: a staff host runs it as an inspector does (admits, asks for stills, records). */
export const roomRoleOf = (user: AuthUser, call: InspectionRecord): Role => (user.role === 'staff' && isHost(user, call) ? 'inspector' : user.role);

/** Staff may ask for stills only in a call they host; inspectors and experts as before. */
export function requireStillAsker(user: AuthUser, call: InspectionRecord): void {
  if (user.role === 'staff' && !isHost(user, call)) throw new AppError('CALL.NOT_HOST');
}

/** Whether this caller may judge the point: a point names its judges, or any inspector of the call may. */
export function mayJudge(user: Pick<AuthUser, 'id' | 'role'>, item: CallChecklistItem): boolean {
  return item.judgeIds ? item.judgeIds.includes(user.id) : user.role === 'inspector';
}

export function requireJudge(user: AuthUser, item: CallChecklistItem): void {
  if (mayJudge(user, item)) return;
  throw item.departmentCode
    ? new AppError('JOINT.OTHER_DEPARTMENT', { message: `只能判定本部门的检查项：“${item.title}”属于${item.departmentName ?? '其他部门'}` })
    : new AppError('AUTH.FORBIDDEN', { message: '这一要点只供查看，不在视频中判定' });
}
