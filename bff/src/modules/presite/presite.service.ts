import { Types } from 'mongoose';
import {
  evaluatePresite, gcj02ToWgs84, overallResult, presitePolicy, searchRadiusOf, shanghaiDate,
  type CreatePresiteBody, type CreditTier, type GeoPoint, type PresiteRequestDetail, type PresiteRequestSummary, type RuleResult,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { currentClock } from '../calendar/calendar.service';
import { checkCredit } from '../credit/credit.service';
import { appendEvent } from '../ledger/ledger.service';
import { photosOf } from '../media/photos.service';
import { endedLooks, presiteCalls } from './presite.calls';
import { getMatter } from '../matters/matters.service';
import { subjectOf } from '../subjects/subjects.service';
import { placesAround } from './places.service';
import { currentRuleSet } from './presite-rules.service';
import { PresiteAdviceModel, PresiteRequestModel, type PresiteAdviceDoc, type PresiteRequestDoc } from './presite.model';
import { finalOutcomes, latestReviews, toDetail, toSummary } from './presite.view';

/**
 * 预选址 requests: the subject describes a candidate site, the rules answer at once (preliminary), staff confirm or
 * override each rule and issue the advice letter. Every step is an event on the request's own chain (the ledger, keyed
 * by the request id).
 */

const notFound = () => new AppError('PRESITE.NOT_FOUND');

function checkArea(site: GeoPoint) {
  const a = presitePolicy.officeArea;
  if (site.lat < a.south || site.lat > a.north || site.lng < a.west || site.lng > a.east) {
    throw new AppError('PRESITE.OUTSIDE_AREA', { message: `所选场所不在${a.name}辖区内，请到场所所在地的审批部门申请`, details: { area: a.name } });
  }
}

function checkFloors(b: CreatePresiteBody) {
  const refuse = (why: string) => { throw new AppError('PRESITE.FLOOR_NOT_EXIST', { message: `所填楼层不存在：${why}` }); };
  if (b.lowestFloor === 0 || b.highestFloor === 0) refuse('楼层没有“0 层”，地上从 1 层起，地下为 −1、−2 层');
  if (b.lowestFloor > b.highestFloor) refuse('最低楼层高于最高楼层');
  if (b.highestFloor > b.aboveGroundFloors) refuse(`该建筑地上只有 ${b.aboveGroundFloors} 层`);
  if (b.lowestFloor < -b.undergroundFloors) refuse(b.undergroundFloors === 0 ? '该建筑没有地下室' : `该建筑地下只有 ${b.undergroundFloors} 层`);
}

/** The subject's tier now; when the credit source is down the request still goes in, at the standard limit, never a guessed good tier. */
async function tierOf(subjectId: string): Promise<CreditTier | null> {
  try { return (await checkCredit(subjectId)).tier; } catch { return null; }
}

export async function createPresite(user: AuthUser, body: CreatePresiteBody): Promise<PresiteRequestDetail> {
  const [subject, matter] = await Promise.all([subjectOf(user), getMatter(body.matterCode)]);
  const ruleSet = await currentRuleSet(matter.code);
  if (!ruleSet || ruleSet.rules.length === 0) throw new AppError('PRESITE.NO_RULES', { message: `“${matter.name}”暂无预选址规则，请到窗口咨询` });
  const site = body.datum === 'gcj02' ? gcj02ToWgs84(body.site) : body.site;
  checkArea(site);
  checkFloors(body);
  const searchMeters = Math.max(500, 2 * searchRadiusOf(ruleSet.rules));
  const around = await placesAround(site, searchMeters);
  const precheck = evaluatePresite(ruleSet.rules, body, { nearby: around.nearby, searchMeters, kindsInLayer: around.kindsInLayer });
  const creditTier = await tierOf(String(subject._id));
  const now = new Date();
  const { datum: _datum, site: _picked, ...facts } = body;
  const created = await PresiteRequestModel.create({
    ...facts, site, subjectId: subject._id, subjectName: subject.name, createdBy: new Types.ObjectId(user.id),
    matterName: matter.name, creditTier, submittedOn: shanghaiDate(now),
    timeLimitWorkingDays: presitePolicy.timeLimitWorkingDays[creditTier ?? 'blue'],
    ruleSetVersion: ruleSet.version, layer: around.layer, precheck, nearby: around.nearby.slice(0, 50), status: 'submitted',
    rings: ruleSet.rules.flatMap((r) => (r.kind === 'distance' ? [{ meters: r.minMeters, label: `${r.placeLabel} ${r.minMeters} 米` }] : [])),
  });
  const doc = created.toObject() as unknown as PresiteRequestDoc;
  await appendEvent({
    inspectionId: doc._id, type: 'presite.submitted', actor: user,
    payload: {
      matterCode: matter.code, siteAddress: body.siteAddress, site, datum: body.datum, ruleSetVersion: ruleSet.version,
      layerVersion: around.layer?.version ?? null, precheck: precheck.map((o) => ({ ruleId: o.ruleId, result: o.result, figure: o.figure })),
    },
  });
  return { ...toDetail(doc, null, await currentClock()), calls: [], photos: [] };
}

const canSee = (user: AuthUser, doc: Pick<PresiteRequestDoc, 'subjectId'>) =>
  user.role === 'staff' || user.role === 'admin' || (user.role === 'applicant' && user.subjectId === String(doc.subjectId));

/** The request if this user may see it (the applicant's subject, staff); 404 otherwise. */
export async function requestFor(user: AuthUser, id: string): Promise<PresiteRequestDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound();
  const doc = await PresiteRequestModel.findById(new Types.ObjectId(id)).lean<PresiteRequestDoc>();
  if (!doc || !canSee(user, doc)) throw notFound();
  return doc;
}

const adviceOf = (id: Types.ObjectId) => PresiteAdviceModel.findById(id).lean<PresiteAdviceDoc>();

export async function getPresite(user: AuthUser, id: string): Promise<PresiteRequestDetail> {
  const doc = await requestFor(user, id);
  const [advice, clock, calls, photos] = await Promise.all([adviceOf(doc._id), currentClock(), presiteCalls(user, id), photosOf(doc._id)]);
  return { ...toDetail(doc, advice, clock), calls, photos };
}

/** The applicant's own requests, newest first; staff get the open queue: red and orange first, then the earliest due. */
export async function listPresite(user: AuthUser, status?: 'submitted' | 'advised'): Promise<PresiteRequestSummary[]> {
  const clock = await currentClock();
  if (user.role === 'applicant') {
    if (!user.subjectId || !Types.ObjectId.isValid(user.subjectId)) return [];
    const docs = await PresiteRequestModel.find({ subjectId: new Types.ObjectId(user.subjectId) }).sort({ _id: -1 }).limit(100).lean<PresiteRequestDoc[]>();
    return docs.filter((d) => !status || d.status === status).map((d) => toSummary(d, clock));
  }
  const docs = await PresiteRequestModel.find({ status: status ?? 'submitted' }).limit(500).lean<PresiteRequestDoc[]>();
  const rank = (d: PresiteRequestDoc) => presitePolicy.tierPriority[d.creditTier ?? 'blue'];
  return docs.map((d) => ({ d, s: toSummary(d, clock) }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.s.dueOn.localeCompare(b.s.dueOn) || a.s.submittedAt.localeCompare(b.s.submittedAt))
    .map(({ s }) => s);
}

async function displayName(user: AuthUser) {
  return (await findUsers([user.id]))[0]?.displayName ?? user.username;
}

/** Staff confirm or override one rule; an override must say why. Reviews are appended, the latest per rule counts. */
export async function reviewRule(user: AuthUser, id: string, ruleId: string, body: { result: RuleResult; note: string }): Promise<PresiteRequestDetail> {
  const doc = await requestFor(user, id);
  if (doc.status === 'advised' || await adviceOf(doc._id)) throw new AppError('PRESITE.ALREADY_ADVISED');
  const automatic = doc.precheck.find((o) => o.ruleId === ruleId);
  if (!automatic) throw new AppError('PRESITE.RULE_NOT_FOUND');
  const confirmed = automatic.result === body.result;
  if (!confirmed && body.note.length < 2) throw new AppError('PRESITE.NOTE_REQUIRED');
  const review = { ruleId, result: body.result, confirmed, note: body.note, by: user.id, byName: await displayName(user), at: new Date() };
  await PresiteRequestModel.updateOne({ _id: doc._id }, { $push: { reviews: review } });
  await appendEvent({ inspectionId: doc._id, type: 'presite.reviewed', actor: user, payload: { ruleId, result: body.result, confirmed, note: body.note } });
  return getPresite(user, id);
}

/**
 * Issues the advice once every rule was confirmed or overridden. The advice document's key is the request id, so a
 * second issue (a double click, two staff) collides on the primary key and is refused.
 */
export async function issueAdvice(user: AuthUser, id: string, note: string): Promise<PresiteRequestDetail> {
  const doc = await requestFor(user, id);
  const reviews = latestReviews(doc.reviews);
  const missing = doc.precheck.filter((o) => !reviews.has(o.ruleId));
  if (missing.length) {
    throw new AppError('PRESITE.REVIEW_INCOMPLETE', { message: `还有 ${missing.length} 条规则未确认或改判：${missing.map((o) => o.title).join('、')}` });
  }
  const calls = await presiteCalls(user, id);
  if (calls.some((c) => !c.endedAt)) throw new AppError('PRESITE.LOOK_OPEN');
  const outcomes = finalOutcomes(doc);
  const decision = overallResult(outcomes.map((o) => o.result));
  const clock = await currentClock();
  const issuedAt = new Date();
  const issuedOn = shanghaiDate(issuedAt);
  const validUntil = shanghaiDate(new Date(issuedAt.getTime() + presitePolicy.validityDays * 86_400_000));
  try {
    await PresiteAdviceModel.create({
      _id: doc._id, subjectId: doc.subjectId, matterCode: doc.matterCode, site: doc.site, creditTier: doc.creditTier,
      decision, outcomes, note, issuedBy: user.id, issuedByName: await displayName(user), issuedAt, issuedOn, validUntil,
      workingDaysTaken: Math.max(0, clock.workingDaysBetween(doc.submittedOn, issuedOn).days), looks: await endedLooks(id),
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('PRESITE.ALREADY_ADVISED');
    throw err;
  }
  await PresiteRequestModel.updateOne({ _id: doc._id }, { $set: { status: 'advised' } });
  await appendEvent({ inspectionId: doc._id, type: 'presite.advised', actor: user, payload: { decision, validUntil, note, outcomes: outcomes.map((o) => ({ ruleId: o.ruleId, result: o.result })) } });
  return getPresite(user, id);
}

/** The request and its advice for the letter; refused until the advice exists. */
export async function adviceForLetter(user: AuthUser, id: string): Promise<{ request: PresiteRequestDoc; advice: PresiteAdviceDoc }> {
  const request = await requestFor(user, id);
  const advice = await adviceOf(request._id);
  if (!advice) throw new AppError('PRESITE.NOT_ADVISED');
  return { request, advice };
}
