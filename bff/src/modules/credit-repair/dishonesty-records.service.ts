import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import {
  CalendarDate, RecordKind, Severity, Uscc, recordKindLabels, repairEligibility, severityLabels,
  shanghaiDate, type Department, type DishonestyRecord, type MyCreditView, type RepairPolicy,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { departmentsByCode, listDepartments } from '../departments/departments.service';
import { departmentNames } from './repair-access';
import type { z } from 'zod';
import type { NewDishonestyRecordBody, RecordImportReport } from '@ycta/shared';
import type { AuthUser } from '../auth/auth.tokens';
import type { CreditSubject } from '../../infra/credit/credit-provider';
import { isDuplicateKey } from '../../infra/db';
import { creditProvider } from '../credit/credit.service';
import { csvFields } from '../../lib/csv';
import { subjectOf } from '../subjects/subjects.service';
import { DishonestyRecordModel, type DishonestyRecordDoc } from './dishonesty-record.model';
import { RepairLockModel } from './repair-case.model';
import { currentRepairPolicy } from './repair-policy.service';

/**
 * A subject's dishonesty records: read from the credit provider (the platform's are mirrored here, keyed by their
 * platform id, so the repair state can be kept beside them), with what the repair rules say about each today.
 */

async function mirrorPlatformRecords(subject: CreditSubject): Promise<void> {
  const provider = creditProvider();
  if (provider.kind !== 'http' || !subject.uscc) return;
  for (const r of await provider.listRecords(subject)) {
    const entryKey = `platform:${r.providerId}`;
    try {
      await DishonestyRecordModel.create({
        uscc: subject.uscc, kind: r.kind, departmentCode: r.departmentCode, decisionNo: r.decisionNo, decidedOn: r.decidedOn,
        purpose: r.purpose, severity: r.severity, fulfilled: r.fulfilled, legallyUnrepairable: r.legallyUnrepairable,
        state: r.repaired ? 'repaired' : 'active', origin: 'platform', providerId: r.providerId, entryKey, recordedBy: 'system', recordedAt: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // the platform repaired it elsewhere (another window, 信用中国): it stops counting here too
      if (r.repaired) await DishonestyRecordModel.updateOne({ entryKey, state: 'active' }, { $set: { state: 'repaired' } });
    }
  }
}

export async function recordsOf(subject: CreditSubject): Promise<DishonestyRecordDoc[]> {
  if (!subject.uscc) return [];
  await mirrorPlatformRecords(subject);
  return DishonestyRecordModel.find({ uscc: subject.uscc }).sort({ decidedOn: -1, _id: -1 }).lean<DishonestyRecordDoc[]>();
}

export function toDishonestyRecord(
  r: DishonestyRecordDoc, policy: RepairPolicy, today: string, openCaseId: string | null, nameOf: (code: string) => string,
): DishonestyRecord {
  return {
    id: String(r._id), kind: r.kind, departmentCode: r.departmentCode, departmentName: nameOf(r.departmentCode),
    decisionNo: r.decisionNo, decidedOn: r.decidedOn, purpose: r.purpose, severity: r.severity, fulfilled: r.fulfilled, state: r.state,
    origin: r.origin, eligibility: repairEligibility(r, policy, today), openCaseId,
  };
}

/** 我的信用: the applicant's tier (or why it is unknown), records, and the commitment to sign. */
export async function myCredit(user: AuthUser, now = new Date()): Promise<MyCreditView> {
  const subject = await subjectOf(user);
  const creditSubject: CreditSubject = { id: String(subject._id), uscc: subject.uscc, seedCreditTier: subject.seedCreditTier };
  const [policy, records] = await Promise.all([currentRepairPolicy(), recordsOf(creditSubject)]);
  let tier: MyCreditView['tier'] = null;
  let tierNote: string | null = null;
  try {
    tier = (await creditProvider().lookup(creditSubject)).tier;
  } catch (err) {
    tierNote = (err as Error).message;
  }
  const locks = await RepairLockModel.find({ _id: { $in: records.map((r) => r._id) } }).lean<{ _id: Types.ObjectId; caseId: Types.ObjectId }[]>();
  const openCase = new Map(locks.map((l) => [String(l._id), String(l.caseId)]));
  const today = shanghaiDate(now);
  const nameOf = await departmentNames(records.map((r) => r.departmentCode));
  return {
    subjectName: subject.name, tier, tierNote,
    records: records.map((r) => toDishonestyRecord(r, policy, today, openCase.get(String(r._id)) ?? null, nameOf)),
    policyVersion: policy.version, commitment: policy.commitment,
  };
}

export async function addRecord(user: AuthUser, body: z.infer<typeof NewDishonestyRecordBody>, origin: 'staff' | 'import' = 'staff'): Promise<{ id: string }> {
  if (!(await departmentsByCode([body.departmentCode])).has(body.departmentCode)) {
    throw new AppError('REQUEST.INVALID', { message: '请求内容不正确：部门不在部门目录中', details: [{ field: 'body.departmentCode', message: '部门不在部门目录中' }] });
  }
  const doc = await DishonestyRecordModel.create({
    ...body, state: 'active', origin, entryKey: `record:${randomUUID()}`, recordedBy: user.id, recordedAt: new Date(),
  });
  return { id: String(doc._id) };
}

const byLabel = <T extends string>(labels: Record<T, string>, text: string): T | undefined =>
  (Object.keys(labels) as T[]).find((k) => k === text || labels[k] === text);
const departmentByText = (departments: Department[], text: string) =>
  departments.find((d) => d.code === text || d.name === text || d.shortName === text)?.code;
const yes = new Set(['是', 'true', 'yes', '1', '已履行']);
const no = new Set(['否', 'false', 'no', '0', '未履行']);

const importColumns = '统一社会信用代码,类型,部门,决定书文号,决定日期,事由,严重程度,是否已履行';

function parseRecordRow(f: string[], departments: Department[]): z.infer<typeof NewDishonestyRecordBody> | string {
  if (f.length !== 8) return `应有 8 列（${importColumns}），实际 ${f.length} 列`;
  const [uscc = '', kindText = '', deptText = '', decisionNo = '', decidedOn = '', purpose = '', severityText = '', fulfilledText = ''] = f;
  if (!Uscc.safeParse(uscc).success) return '统一社会信用代码格式不正确（应为 18 位数字或大写字母）';
  const kind = byLabel(recordKindLabels, kindText);
  if (!kind || !RecordKind.safeParse(kind).success) return `类型“${kindText.slice(0, 20)}”无法识别（可用 ${Object.values(recordKindLabels).join('、')}）`;
  const departmentCode = departmentByText(departments, deptText);
  if (!departmentCode) return `部门“${deptText.slice(0, 30)}”不在部门目录中`;
  if (decisionNo.length < 2 || decisionNo.length > 80) return '决定书文号应为 2–80 个字';
  if (!CalendarDate.safeParse(decidedOn).success) return `决定日期“${decidedOn.slice(0, 20)}”应为 YYYY-MM-DD`;
  if (purpose.length < 2 || purpose.length > 300) return '事由应为 2–300 个字';
  const severity = byLabel(severityLabels, severityText);
  if (!severity || !Severity.safeParse(severity).success) return `严重程度“${severityText.slice(0, 20)}”无法识别（可用 轻微、一般、严重）`;
  const fulfilled = yes.has(fulfilledText.toLowerCase()) ? true : no.has(fulfilledText.toLowerCase()) ? false : null;
  if (fulfilled === null) return `是否已履行“${fulfilledText.slice(0, 20)}”应为 是 或 否`;
  return { uscc, kind, departmentCode, decisionNo, decidedOn, purpose, severity, fulfilled, legallyUnrepairable: false };
}

/** Imports records staff keep elsewhere; each line is accepted or refused on its own, with its reason. */
export async function importRecords(user: AuthUser, csv: string): Promise<z.infer<typeof RecordImportReport>> {
  const rows: z.infer<typeof RecordImportReport>['rows'] = [];
  const accepted: z.infer<typeof NewDishonestyRecordBody>[] = [];
  const departments = await listDepartments();
  csv.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = csvFields(line);
    if (index === 0 && (fields[0] === '统一社会信用代码' || fields[0]?.toLowerCase() === 'uscc')) return;
    const parsed = parseRecordRow(fields, departments);
    if (typeof parsed === 'string') return rows.push({ row: index + 1, accepted: false, reason: parsed });
    accepted.push(parsed);
    return rows.push({ row: index + 1, accepted: true });
  });
  const recordedAt = new Date();
  if (accepted.length) {
    await DishonestyRecordModel.insertMany(accepted.map((r) => ({
      ...r, state: 'active', origin: 'import', entryKey: `record:${randomUUID()}`, recordedBy: user.id, recordedAt,
    })));
  }
  return { accepted: accepted.length, rejected: rows.length - accepted.length, rows };
}
