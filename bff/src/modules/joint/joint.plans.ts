import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import {
  DrawError, drawJointPlan, frequencyVerdict, type CreditTier, type DrawInput, type DrawResult, type FrequencyTable,
  type JointCandidate, type JointPlan, type WorkingDayClock,
} from '@ycta/shared';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { UserModel } from '../auth/auth.model';
import { currentClock } from '../calendar/calendar.service';
import { departmentsByCode } from '../departments/departments.service';
import { checkCredit } from '../credit/credit.service';
import { appendEvent } from '../ledger/ledger.service';
import { SubjectModel, type SubjectRecord } from '../subjects/subjects.model';
import { JointPlanModel, JointVisitModel, type JointPlanDoc } from './joint.model';
import { currentFrequencyTable, getScene } from './joint.scenes';
import { jointHistoryOf } from './joint.visits';

export interface CreatePlanInput {
  sceneCode: string; title: string; subjectIds: string[]; complaintSubjectIds: string[]; count: number;
  mode: 'onsite' | 'remote'; startDate: string; seed?: string | undefined; departmentCodes?: string[] | undefined;
}

/** The inspectors of each department the scene needs (users bound to it), by department code. */
async function departmentPools(codes: string[]): Promise<Record<string, string[]>> {
  const users = await UserModel.find({ role: 'inspector', departmentCode: { $in: codes } }, { departmentCode: 1 }).lean<{ _id: Types.ObjectId; departmentCode: string }[]>();
  const pools: Record<string, string[]> = Object.fromEntries(codes.map((c) => [c, []]));
  for (const u of users) pools[u.departmentCode]?.push(String(u._id));
  return pools;
}

/** The visit dates: one working day apart from the start (the office plans one joint visit per working day and team). */
function visitDates(clock: WorkingDayClock, start: string, n: number): string[] {
  const first = clock.isWorkingDay(start).working ? start : clock.addWorkingDays(start, 1).date;
  return Array.from({ length: n }, (_, i) => (i === 0 ? first : clock.addWorkingDays(first, i).date));
}

/** Each subject's tier now and what the frequency table says of it: the draw's input and the coordinator's preview. */
async function evaluate(subjects: SubjectRecord[], table: FrequencyTable, complaints: ReadonlySet<string>) {
  const now = new Date();
  const tiers = new Map<string, CreditTier>();
  const candidates: DrawInput['candidates'] = [];
  for (const s of subjects) {
    const id = String(s._id);
    const [credit, history] = await Promise.all([checkCredit(id), jointHistoryOf(id)]);
    tiers.set(id, credit.tier);
    candidates.push({ subjectId: id, verdict: frequencyVerdict(table, { tier: credit.tier, lastVisitedAt: history.lastVisitedAt, openFindings: history.openFindings, complaint: complaints.has(id), now }) });
  }
  return { tiers, candidates };
}

/** The subjects of this office the scene covers, each with its tier and whether the frequency table lets it be drawn now. */
export async function listCandidates(sceneCode: string, office: { code: string }): Promise<JointCandidate[]> {
  await getScene(sceneCode);
  const subjects = (await SubjectModel.find({ jointScenes: sceneCode }).lean<(SubjectRecord & { officeCode?: string | null })[]>())
    .filter((s) => !s.officeCode || s.officeCode === office.code);
  const { tiers, candidates } = await evaluate(subjects, (await currentFrequencyTable()).table, new Set());
  return candidates.map(({ subjectId, verdict }) => {
    const s = subjects.find((x) => String(x._id) === subjectId)!;
    return {
      subjectId, subjectName: s.name, siteAddress: s.siteAddress, tier: tiers.get(subjectId)!, eligible: verdict.eligible,
      tracked: verdict.eligible && verdict.tracked, reason: verdict.reason, nextEligibleAt: verdict.eligible ? null : verdict.nextEligibleAt.toISOString(),
    };
  }).sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'zh'));
}

const StoredDrawInput = z.object({
  seed: z.string(), count: z.number(), pools: z.record(z.string(), z.array(z.string())),
  candidates: z.array(z.object({ subjectId: z.string(), verdict: z.union([
    z.object({ eligible: z.literal(true), tracked: z.boolean(), reason: z.string() }),
    z.object({ eligible: z.literal(false), reason: z.string(), nextEligibleAt: z.coerce.date() }),
  ]) })),
});

/**
 * A coordinator's plan: each subject's tier and last joint visit decide whether it may be drawn (the frequency table,
 * reasons kept for the skipped), then 双随机 draws subjects and one inspector per department from a seed stored with
 * the plan; each drawn subject gets a visit with its own chain. Refused whole, with nothing stored, when a subject
 * belongs to another office or a department has no inspectors.
 */
/** The scene's departments that take part: all of them, or the ones the coordinator picked (a department not in the scene is refused). */
function chosenDepartments(sceneDepartments: string[], picked: string[] | undefined): string[] {
  if (!picked) return sceneDepartments;
  const unknown = picked.filter((d) => !sceneDepartments.includes(d));
  if (unknown.length > 0) throw new AppError('JOINT.DEPARTMENT_UNKNOWN', { message: `所选部门不参与该场景：${unknown.join('、')}` });
  return sceneDepartments.filter((d) => picked.includes(d));
}

export async function createPlan(user: AuthUser, input: CreatePlanInput, office: { code: string }): Promise<JointPlan> {
  const scene = await getScene(input.sceneCode);
  const ids = [...new Set(input.subjectIds)];
  const subjects = await SubjectModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<(SubjectRecord & { officeCode?: string | null })[]>();
  const missing = ids.filter((id) => !subjects.some((s) => String(s._id) === id));
  if (missing.length > 0) throw new AppError('SUBJECT.NOT_FOUND', { status: 404, message: `经营主体不存在：${missing.join('、')}` });
  const foreign = subjects.filter((s) => s.officeCode && s.officeCode !== office.code);
  if (foreign.length > 0) {
    throw new AppError('JOINT.SUBJECT_OTHER_OFFICE', { message: `以下经营主体不属于本单位辖区，不能列入计划：${foreign.map((s) => s.name).join('、')}` });
  }
  const departments = chosenDepartments(scene.departments.map((d) => d.departmentCode), input.departmentCodes);
  const pools = await departmentPools(departments);
  const policy = await currentFrequencyTable();
  const { tiers, candidates } = await evaluate(subjects, policy.table, new Set(input.complaintSubjectIds));
  const drawInput: DrawInput = { seed: input.seed ?? randomBytes(12).toString('hex'), candidates, count: input.count, pools };
  let drawn: DrawResult;
  try {
    drawn = drawJointPlan(drawInput);
  } catch (err) {
    if (err instanceof DrawError) throw new AppError(`JOINT.${err.code}`, { message: err.message.replace(err.department, (await departmentName(err.department))) });
    throw err;
  }
  const dates = visitDates(await currentClock(), input.startDate, drawn.visits.length);
  const name = (id: string) => subjects.find((s) => String(s._id) === id)?.name ?? '';
  const planId = new Types.ObjectId();
  const visits = drawn.visits.map((v, i) => ({
    _id: new Types.ObjectId(), planId, sceneCode: scene.code, sceneVersion: scene.version, mode: input.mode,
    subjectId: new Types.ObjectId(v.subjectId), tier: tiers.get(v.subjectId), tracked: v.tracked, scheduledDate: dates[i],
    inspectors: departments.map((d) => ({ departmentCode: d, inspectorId: new Types.ObjectId(v.inspectors[d]) })),
    inspectorIds: Object.values(v.inspectors).map((x) => new Types.ObjectId(x)), createdAt: new Date(),
  }));
  const plan = await JointPlanModel.create({
    _id: planId, title: input.title, sceneCode: scene.code, sceneVersion: scene.version, mode: input.mode, seed: drawInput.seed,
    policyVersion: policy._id, count: input.count, drawInput, considered: candidates.length,
    skipped: drawn.skipped.map((s) => ({ ...s, subjectId: new Types.ObjectId(s.subjectId), subjectName: name(s.subjectId), tier: tiers.get(s.subjectId) })),
    visitIds: visits.map((v) => v._id), createdBy: user.id, createdAt: new Date(),
  });
  for (const v of visits) {
    await JointVisitModel.create(v);
    await appendEvent({
      inspectionId: v._id, type: 'joint.planned', actor: { id: user.id, role: user.role },
      payload: {
        planId: String(planId), seed: drawInput.seed, sceneCode: scene.code, sceneVersion: scene.version, policyVersion: policy._id,
        subjectId: String(v.subjectId), tier: v.tier, tracked: v.tracked, mode: v.mode, scheduledDate: v.scheduledDate,
        inspectors: v.inspectors.map((x) => ({ departmentCode: x.departmentCode, inspectorId: String(x.inspectorId) })),
      },
    });
  }
  return toPlan(plan.toObject() as JointPlanDoc, scene.name);
}

async function departmentName(code: string): Promise<string> {
  return (await departmentsByCode([code])).get(code)?.name ?? code;
}

export function toPlan(p: JointPlanDoc, sceneName: string): JointPlan {
  return {
    id: String(p._id), title: p.title, sceneCode: p.sceneCode, sceneName, sceneVersion: p.sceneVersion, mode: p.mode, seed: p.seed,
    policyVersion: p.policyVersion, createdBy: p.createdBy, createdAt: p.createdAt.toISOString(), considered: p.considered,
    skipped: p.skipped.map((s) => ({ subjectId: String(s.subjectId), subjectName: s.subjectName, tier: s.tier as CreditTier, reason: s.reason, nextEligibleAt: s.nextEligibleAt.toISOString() })),
    visitIds: p.visitIds.map(String),
  };
}

async function planDoc(id: string): Promise<JointPlanDoc> {
  const doc = await JointPlanModel.findById(id).lean<JointPlanDoc>();
  if (!doc) throw new AppError('JOINT.PLAN_NOT_FOUND');
  return doc;
}

export async function getPlan(id: string): Promise<JointPlan> {
  const doc = await planDoc(id);
  return toPlan(doc, (await getScene(doc.sceneCode, doc.sceneVersion)).name);
}

export async function listPlans(): Promise<JointPlan[]> {
  const docs = await JointPlanModel.find({}).sort({ createdAt: -1 }).limit(100).lean<JointPlanDoc[]>();
  const names = new Map<string, string>();
  for (const d of docs) if (!names.has(`${d.sceneCode}@${d.sceneVersion}`)) names.set(`${d.sceneCode}@${d.sceneVersion}`, (await getScene(d.sceneCode, d.sceneVersion)).name);
  return docs.map((d) => toPlan(d, names.get(`${d.sceneCode}@${d.sceneVersion}`) ?? d.sceneCode));
}

/** Audit: the draw redone from the plan's stored seed and inputs gives the same subjects and inspectors. */
export async function redoDraw(id: string): Promise<{ identical: boolean; seed: string }> {
  const doc = await planDoc(id);
  const input = StoredDrawInput.parse(doc.drawInput);
  const again = drawJointPlan(input);
  const visits = await JointVisitModel.find({ _id: { $in: doc.visitIds } }).lean<{ _id: Types.ObjectId; subjectId: Types.ObjectId; inspectors: { departmentCode: string; inspectorId: Types.ObjectId }[] }[]>();
  const sortedEntries = (pairs: [string, string][]) => pairs.sort(([a], [b]) => a.localeCompare(b));
  const stored = doc.visitIds.map((vid) => visits.find((v) => String(v._id) === String(vid))).map((v) => v && ({
    subjectId: String(v.subjectId), inspectors: sortedEntries(v.inspectors.map((x) => [x.departmentCode, String(x.inspectorId)])),
  }));
  const redone = again.visits.map((v) => ({ subjectId: v.subjectId, inspectors: sortedEntries(Object.entries(v.inspectors)) }));
  return { identical: JSON.stringify(stored) === JSON.stringify(redone), seed: doc.seed };
}
