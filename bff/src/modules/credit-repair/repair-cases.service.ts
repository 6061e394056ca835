import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  recordKindLabels, repairEligibility, shanghaiDate, type NewRepairCaseBody, type RepairCase, type WorkingDayClock,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { currentClock } from '../calendar/calendar.service';
import { appendEvent } from '../ledger/ledger.service';
import { subjectOf } from '../subjects/subjects.service';
import { DishonestyRecordModel, type DishonestyRecordDoc } from './dishonesty-record.model';
import { RepairCaseModel, RepairLockModel, RepairProofModel, type RepairCaseDoc } from './repair-case.model';
import { currentRepairPolicy } from './repair-policy.service';
import { ownUnusedProofs } from './repair-proofs.service';
import { departmentNames, reviewerDepartment } from './repair-access';

/** Working days a repair case may take (Haikou's 信用修复一件事: five working days from submission). */
export const caseWorkingDays = 5;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The pages' view of cases: their clock today and their departments by name. */
export async function repairCaseViews(docs: RepairCaseDoc[], now = new Date()): Promise<RepairCase[]> {
  const [clock, nameOf] = await Promise.all([currentClock(), departmentNames(docs.flatMap((d) => d.departmentCodes))]);
  return docs.map((d) => toRepairCase(d, clock, nameOf, now));
}

export async function repairCaseView(doc: RepairCaseDoc, now = new Date()): Promise<RepairCase> {
  return (await repairCaseViews([doc], now))[0]!;
}

function toRepairCase(c: RepairCaseDoc, clock: WorkingDayClock, nameOf: (code: string) => string, now: Date): RepairCase {
  const decidedOn = c.decidedAt ? shanghaiDate(c.decidedAt) : null;
  return {
    id: String(c._id), subjectName: c.subjectName, uscc: c.uscc, state: c.state,
    submittedAt: c.submittedAt.toISOString(), decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
    clock: { deadline: c.deadline, workingDaysLeft: clock.workingDaysBetween(decidedOn ?? shanghaiDate(now), c.deadline).days, covered: c.deadlineCovered },
    decidedInTime: decidedOn ? decidedOn <= c.deadline : null,
    policyVersion: c.policyVersion,
    commitment: { ...c.commitment, signedAt: c.commitment.signedAt.toISOString() },
    items: c.items.map((i) => ({
      recordId: String(i.recordId), kind: i.kind as RepairCase['items'][number]['kind'], severity: i.severity as RepairCase['items'][number]['severity'],
      departmentCode: i.departmentCode, departmentName: nameOf(i.departmentCode), decisionNo: i.decisionNo, purpose: i.purpose,
      proofs: i.proofs.map((p) => ({ ...p, receivedAt: p.receivedAt.toISOString() })),
      decision: i.decision ? { accept: i.decision.accept, reason: i.decision.reason, by: i.decision.by, at: i.decision.at.toISOString() } : null,
    })),
    notices: c.notices.map((n) => ({ at: n.at.toISOString(), text: n.text })),
    tierAfter: (c.tierAfter as RepairCase['tierAfter']) ?? null,
  };
}

/** Checks every item before anything is written: whose record, repairable now, not in an open case, proof given. */
async function checkedItems(subjectUscc: string | null, subjectId: Types.ObjectId, body: NewRepairCaseBody, today: string) {
  const ids = body.items.map((i) => i.recordId);
  if (new Set(ids).size !== ids.length) throw new AppError('REQUEST.INVALID', { message: '同一条记录不能在一份申请中出现两次' });
  const policy = await currentRepairPolicy();
  if (body.commitment.version !== policy.commitment.version) throw new AppError('REPAIR.COMMITMENT_OUTDATED');
  const records = await DishonestyRecordModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<DishonestyRecordDoc[]>();
  const byId = new Map(records.map((r) => [String(r._id), r]));
  const locked = new Set((await RepairLockModel.find({ _id: { $in: records.map((r) => r._id) } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>()).map((l) => String(l._id)));
  const proofs = await ownUnusedProofs(subjectId, body.items.flatMap((i) => i.proofIds));
  return {
    policy,
    items: body.items.map((item) => {
      const record = byId.get(item.recordId);
      // another subject's record is answered like a missing one: its existence is not revealed
      if (!record || !subjectUscc || record.uscc !== subjectUscc) throw new AppError('REPAIR.RECORD_NOT_FOUND', { details: { recordId: item.recordId } });
      const label = `${recordKindLabels[record.kind]}（${record.decisionNo}）`;
      if (locked.has(item.recordId) || record.state === 'under_repair') {
        throw new AppError('REPAIR.RECORD_IN_OPEN_CASE', { message: `${label}已在办理中的修复申请里，请等待审核结果`, details: { recordId: item.recordId } });
      }
      const eligibility = repairEligibility(record, policy, today);
      if (eligibility.status !== 'now') {
        throw new AppError('REPAIR.NOT_REPAIRABLE', { message: `${label}目前不能申请修复：${eligibility.reason}`, details: { recordId: item.recordId, eligibility } });
      }
      if (item.proofIds.length === 0) {
        throw new AppError('REPAIR.PROOF_MISSING', { message: `请为${label}上传证明材料：${eligibility.proofs.join('、')}`, details: { recordId: item.recordId, proofs: eligibility.proofs } });
      }
      const bad = item.proofIds.filter((id) => proofs.bad.includes(id));
      if (bad.length) throw new AppError('REPAIR.PROOF_MISSING', { message: `${label}的证明材料不存在或已用于其他申请，请重新上传`, details: { recordId: item.recordId, proofIds: bad } });
      return { record, proofs: item.proofIds.map((id) => proofs.found.get(id)!) };
    }),
  };
}

/** Takes each record for this case (unique insert on the record id); on a collision gives back what it took. */
async function lockRecords(caseId: Types.ObjectId, recordIds: Types.ObjectId[], at: Date): Promise<void> {
  const taken: Types.ObjectId[] = [];
  for (const id of recordIds) {
    try {
      await RepairLockModel.create({ _id: id, caseId, at });
      taken.push(id);
    } catch (err) {
      await RepairLockModel.deleteMany({ _id: { $in: taken }, caseId });
      if (isDuplicateKey(err)) throw new AppError('REPAIR.RECORD_IN_OPEN_CASE', { details: { recordId: String(id) } });
      throw err;
    }
  }
}

/** The applicant submits one case for several records: checked whole, then stored, then put on the case's chain. */
export async function submitRepairCase(user: AuthUser, body: NewRepairCaseBody, now = new Date()): Promise<RepairCase> {
  const subject = await subjectOf(user);
  const { policy, items } = await checkedItems(subject.uscc, subject._id, body, shanghaiDate(now));
  const clock = await currentClock();
  const deadline = clock.addWorkingDays(shanghaiDate(now), caseWorkingDays);
  const caseId = new Types.ObjectId();
  const recordIds = items.map((i) => i.record._id);
  await lockRecords(caseId, recordIds, now);
  const commitment = { version: policy.commitment.version, text: policy.commitment.text, sha256: sha256(policy.commitment.text), signedAt: now };
  const departments = [...new Set(items.map((i) => i.record.departmentCode))];
  const nameOf = await departmentNames(departments);
  try {
    await RepairCaseModel.create({
      _id: caseId, subjectId: subject._id, subjectName: subject.name, uscc: subject.uscc, applicantId: user.id, departmentCodes: departments,
      submittedAt: now, deadline: deadline.date, deadlineCovered: deadline.covered, policyVersion: policy.version, commitment,
      items: items.map(({ record, proofs }) => ({
        recordId: record._id, providerId: record.providerId ?? String(record._id), kind: record.kind, severity: record.severity,
        departmentCode: record.departmentCode, decisionNo: record.decisionNo, purpose: record.purpose,
        proofs: proofs.map((p) => ({ id: String(p._id), type: p.type, size: p.size, sha256: p.sha256, receivedAt: p.receivedAt })),
      })),
      notices: [{ at: now, text: `已收到您的信用修复申请（${items.length} 条记录），将由 ${departments.map(nameOf).join('、')} 分别审核，${deadline.date} 前办结` }],
    });
  } catch (err) {
    await RepairLockModel.deleteMany({ _id: { $in: recordIds }, caseId });
    throw err;
  }
  await DishonestyRecordModel.updateMany({ _id: { $in: recordIds } }, { $set: { state: 'under_repair' } });
  await RepairProofModel.updateMany({ _id: { $in: items.flatMap((i) => i.proofs.map((p) => p._id)) } }, { $set: { caseId } });
  const actor = { id: user.id, role: user.role };
  await appendEvent({
    inspectionId: caseId, type: 'repair.submitted', actor,
    payload: { subjectId: String(subject._id), uscc: subject.uscc, recordIds: recordIds.map(String), policyVersion: policy.version, deadline: deadline.date, deadlineCovered: deadline.covered },
  });
  await appendEvent({ inspectionId: caseId, type: 'repair.committed', actor, payload: { version: commitment.version, sha256: commitment.sha256, text: commitment.text } });
  for (const { record, proofs } of items) {
    for (const p of proofs) {
      await appendEvent({ inspectionId: caseId, type: 'repair.proof', actor, payload: { recordId: String(record._id), mediaId: String(p._id), sha256: p.sha256, size: p.size, type: p.type } });
    }
  }
  return repairCaseView((await RepairCaseModel.findById(caseId).lean<RepairCaseDoc>())!, now);
}

/** The case if this user may see it: the applicant's subject, a reviewer of a department with an item in it, staff. */
export async function findVisibleCase(user: AuthUser, id: string): Promise<RepairCaseDoc> {
  const found = Types.ObjectId.isValid(id) ? await RepairCaseModel.findById(id).lean<RepairCaseDoc>() : null;
  const visible = found && (
    user.role === 'staff' || user.role === 'admin'
    || (user.role === 'applicant' && user.subjectId === String(found.subjectId))
    || (user.role === 'dept_reviewer' && found.departmentCodes.includes(await reviewerDepartment(user))));
  if (!visible) throw new AppError('REPAIR.CASE_NOT_FOUND');
  return found;
}

export async function getRepairCase(user: AuthUser, id: string): Promise<RepairCase> {
  return repairCaseView(await findVisibleCase(user, id));
}

export async function listRepairCases(user: AuthUser, state?: 'open' | 'decided'): Promise<RepairCase[]> {
  const filter: Record<string, unknown> = state ? { state } : {};
  if (user.role === 'applicant') filter.subjectId = user.subjectId && Types.ObjectId.isValid(user.subjectId) ? new Types.ObjectId(user.subjectId) : null;
  if (user.role === 'dept_reviewer') filter.departmentCodes = await reviewerDepartment(user);
  return repairCaseViews(await RepairCaseModel.find(filter).sort({ submittedAt: -1 }).limit(200).lean<RepairCaseDoc[]>());
}
