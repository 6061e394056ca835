import { CreditTier, Uscc, type CreditImportReport, type CreditRecord } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { findSubject } from '../subjects/subjects.service';
import { CreditRecordModel, type CreditRecordDoc } from './credit-record.model';
import { csvFields } from '../../lib/csv';

/**
 * The local credit records staff maintain: set a tier by hand, or import a CSV of `USCC,tier,score,reason`.
 * Every change is a new record (the latest wins); nothing is overwritten, so the history stays evidence.
 */

function toCreditRecord(doc: CreditRecordDoc): CreditRecord {
  return {
    id: String(doc._id), uscc: doc.uscc, tier: doc.tier, score: doc.score ?? null, reason: doc.reason,
    origin: doc.origin, recordedBy: doc.recordedBy, recordedAt: doc.recordedAt.toISOString(),
  };
}

export async function setCreditTier(
  user: AuthUser,
  input: { uscc: string; tier: CreditTier; score?: number | null; reason: string },
): Promise<CreditRecord> {
  const doc = await CreditRecordModel.create({
    uscc: input.uscc, tier: input.tier, score: input.score ?? null, reason: input.reason,
    origin: 'staff', recordedBy: user.id, recordedAt: new Date(),
  });
  return toCreditRecord(doc.toObject() as CreditRecordDoc);
}

/** Every record of a USCC, latest first. */
export async function creditHistory(uscc: string): Promise<CreditRecord[]> {
  const docs = await CreditRecordModel.find({ uscc }).sort({ recordedAt: -1, _id: -1 }).lean<CreditRecordDoc[]>();
  return docs.map(toCreditRecord);
}

/** A subject's records, for the staff deciding its remote request (features talk through services: subjects). */
export async function subjectCreditHistory(subjectId: string): Promise<CreditRecord[]> {
  const subject = await findSubject(subjectId);
  if (!subject) throw new AppError('SUBJECT.NOT_FOUND', { status: 404, message: '经营主体不存在' });
  // a natural person has no USCC, so no local records either: their tier comes from the platform or the seed
  return subject.uscc ? creditHistory(subject.uscc) : [];
}

/** The tier names a CSV may use: ours, the platform's grades A–D, or the Chinese colour. */
const tierNames: Record<string, CreditTier> = {
  red: 'red', orange: 'orange', blue: 'blue', black: 'black',
  A: 'red', B: 'orange', C: 'blue', D: 'black', 红: 'red', 橙: 'orange', 蓝: 'blue', 黑: 'black',
};

interface ParsedRow { uscc: string; tier: CreditTier; score: number | null; reason: string }

function parseRow(fields: string[]): ParsedRow | string {
  if (fields.length !== 4) return `应有 4 列（统一社会信用代码,等级,分数,理由），实际 ${fields.length} 列`;
  const [uscc = '', tierName = '', scoreText = '', reason = ''] = fields;
  if (!Uscc.safeParse(uscc).success) return '统一社会信用代码格式不正确（应为 18 位数字或大写字母）';
  const tier = tierNames[tierName] ?? tierNames[tierName.toLowerCase()];
  if (!tier) return `信用等级“${tierName.slice(0, 20)}”无法识别（可用 red/orange/blue/black、A–D 或 红/橙/蓝/黑）`;
  let score: number | null = null;
  if (scoreText !== '') {
    score = Number(scoreText);
    if (!Number.isFinite(score) || score < 0 || score > 1000) return `分数“${scoreText.slice(0, 20)}”不是 0–1000 之间的数字`;
  }
  if (reason.length < 2) return '请填写调整理由（至少 2 个字）';
  if (reason.length > 500) return '理由过长（最多 500 字）';
  return { uscc, tier, score, reason };
}

/** Imports a CSV; each line is accepted or rejected on its own, and the report says which and why. */
export async function importCreditCsv(user: AuthUser, csv: string): Promise<CreditImportReport> {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: CreditImportReport['rows'] = [];
  const accepted: ParsedRow[] = [];
  const seenAt = new Map<string, number>();
  lines.forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    const fields = csvFields(line);
    if (index === 0 && fields[0]?.toLowerCase() === 'uscc') return; // header
    const parsed = parseRow(fields);
    const uscc = fields[0] ?? '';
    if (typeof parsed === 'string') return rows.push({ row, uscc, accepted: false, reason: parsed });
    const earlier = seenAt.get(parsed.uscc);
    if (earlier) return rows.push({ row, uscc, accepted: false, reason: `该代码已在第 ${earlier} 行出现，同一文件中每个主体只能有一行` });
    seenAt.set(parsed.uscc, row);
    accepted.push(parsed);
    return rows.push({ row, uscc, accepted: true });
  });
  if (accepted.length) {
    const recordedAt = new Date();
    await CreditRecordModel.insertMany(accepted.map((r) => ({ ...r, origin: 'import', recordedBy: user.id, recordedAt })));
  }
  return { accepted: accepted.length, rejected: rows.length - accepted.length, rows };
}
