import { Types } from 'mongoose';
import { recordKindLabels, type RecordKind, type RepairCase } from '@ycta/shared';
import type pino from 'pino';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { appendEvent } from '../ledger/ledger.service';
import { DishonestyRecordModel } from './dishonesty-record.model';
import { RepairCaseModel, RepairLockModel, RepairOnceModel, type RepairCaseDoc } from './repair-case.model';
import { RepairForwardModel } from './repair-forward.model';
import type { RepairOutbox } from './repair-outbox';
import { findVisibleCase, repairCaseView } from './repair-cases.service';
import { reviewerDepartment } from './repair-access';

let outbox: RepairOutbox | null = null;
let log: pino.Logger | undefined;
/** Sets the outbox a decided case is forwarded through (`createApp` does). */
export function useRepairOutbox(o: RepairOutbox, logger?: pino.Logger): void {
  outbox = o;
  log = logger;
}

/** Happens once: the unique insert of `key` is the claim (FerretDB's conditional updates are not atomic). */
async function once(key: string, by: string, at: Date): Promise<boolean> {
  try {
    await RepairOnceModel.create({ _id: key, by, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** A reviewer of the record's issuing department accepts or rejects it, with a reason the applicant reads. */
export async function decideRepairItem(
  user: AuthUser, caseId: string, recordId: string, body: { accept: boolean; reason: string }, now = new Date(),
): Promise<RepairCase> {
  const found = await findVisibleCase(user, caseId);
  const index = found.items.findIndex((i) => String(i.recordId) === recordId);
  const item = found.items[index];
  if (!item) throw new AppError('REPAIR.RECORD_NOT_FOUND');
  if (item.departmentCode !== await reviewerDepartment(user)) throw new AppError('REPAIR.NOT_YOUR_DEPARTMENT');
  if (item.decision || !(await once(`${caseId}:${recordId}`, user.id, now))) throw new AppError('REPAIR.ALREADY_DECIDED');
  const [me] = await findUsers([user.id]);
  const decision = { accept: body.accept, reason: body.reason, byId: user.id, by: me?.displayName ?? user.username, at: now };
  const label = `${recordKindLabels[item.kind as RecordKind]}（${item.decisionNo}）`;
  await RepairCaseModel.updateOne({ _id: found._id }, {
    $set: { [`items.${index}.decision`]: decision },
    $push: { notices: { at: now, text: `${label}：${body.accept ? '同意修复' : '不予修复'}，理由：${body.reason}` } },
  });
  await DishonestyRecordModel.updateOne({ _id: item.recordId }, { $set: { state: body.accept ? 'repaired' : 'active' } });
  // a rejected record may be put in a new case once the applicant has more to show
  if (!body.accept) await RepairLockModel.deleteOne({ _id: item.recordId, caseId: found._id });
  await appendEvent({
    inspectionId: found._id, type: 'repair.decided', actor: { id: user.id, role: user.role },
    payload: { recordId, departmentCode: item.departmentCode, accept: body.accept, reason: body.reason },
  });
  await closeIfDecided(found._id, now);
  return repairCaseView((await RepairCaseModel.findById(found._id).lean<RepairCaseDoc>())!, now);
}

/** When every item is decided: the case closes, its accepted records are forwarded, the applicant is told. */
async function closeIfDecided(caseId: Types.ObjectId, now: Date): Promise<void> {
  const c = await RepairCaseModel.findById(caseId).lean<RepairCaseDoc>();
  if (!c || c.items.some((i) => !i.decision) || !(await once(`${caseId}:closed`, 'system', now))) return;
  const accepted = c.items.filter((i) => i.decision?.accept);
  await RepairLockModel.deleteMany({ caseId });
  await RepairCaseModel.updateOne({ _id: caseId }, {
    $set: { state: 'decided', decidedAt: now },
    $push: { notices: { at: now, text: `修复申请已办结：${accepted.length} 条同意修复，${c.items.length - accepted.length} 条不予修复` } },
  });
  await appendEvent({ inspectionId: caseId, type: 'repair.closed', actor: 'system', payload: { accepted: accepted.length, rejected: c.items.length - accepted.length } });
  if (!accepted.length) return;
  await RepairForwardModel.create({
    _id: caseId, idempotencyKey: `repair-${caseId}`, subjectId: c.subjectId, uscc: c.uscc, recordIds: accepted.map((i) => i.providerId),
    decidedAt: now, commitmentSha256: c.commitment.sha256, delivery: { attempts: 0, nextAttemptAt: now },
  });
  // forwarded right away so the new tier is there when the applicant asks again; the worker retries a failure
  await outbox?.drain().catch((err: Error) => log?.warn({ err: err.message, caseId: String(caseId) }, 'repair forward failed, the outbox retries'));
}
