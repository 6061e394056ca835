import {
  placeKindLabels, ruleResultLabels, shanghaiDate,
  type PresiteRequestDetail, type PresiteRequestSummary, type RuleOutcome, type RuleOutcomeView, type WorkingDayClock,
} from '@ycta/shared';
import type { PresiteAdviceDoc, PresiteRequestDoc, StoredReview } from './presite.model';

/** Shapes stored requests into replies; the deadline is computed at read time so a newly loaded calendar year applies. */

export const outcomeView = (o: RuleOutcome): RuleOutcomeView => ({
  ruleId: o.ruleId, title: o.title, result: o.result, resultLabel: ruleResultLabels[o.result], figure: o.figure, basis: o.basis,
  settlesChecklistItemIds: o.settlesChecklistItemIds ?? [], ...(o.nearest ? { nearest: o.nearest } : {}),
});

export function latestReviews(reviews: readonly StoredReview[]): Map<string, StoredReview> {
  const latest = new Map<string, StoredReview>();
  for (const r of reviews) latest.set(r.ruleId, r);
  return latest;
}

/** The automatic answers with staff's reviews applied: an override keeps the figure and adds the reviewer's note. */
export function finalOutcomes(doc: Pick<PresiteRequestDoc, 'precheck' | 'reviews'>): RuleOutcome[] {
  const reviews = latestReviews(doc.reviews);
  return doc.precheck.map((o) => {
    const review = reviews.get(o.ruleId);
    if (!review) return o;
    return { ...o, result: review.result, figure: review.note ? `${o.figure}；核实说明：${review.note}` : o.figure };
  });
}

function deadline(doc: PresiteRequestDoc, clock: WorkingDayClock) {
  const due = clock.addWorkingDays(doc.submittedOn, doc.timeLimitWorkingDays);
  const left = clock.workingDaysBetween(shanghaiDate(new Date()), due.date);
  return { dueOn: due.date, remainingWorkingDays: left.days, overdue: doc.status === 'submitted' && left.days < 0, covered: due.covered && left.covered };
}

export function toSummary(doc: PresiteRequestDoc, clock: WorkingDayClock): PresiteRequestSummary {
  const d = deadline(doc, clock);
  const results = doc.precheck.map((o) => o.result);
  return {
    id: String(doc._id), subjectName: doc.subjectName, matterCode: doc.matterCode, matterName: doc.matterName,
    siteAddress: doc.siteAddress, status: doc.status, statusLabel: doc.status === 'advised' ? '已出具意见书' : '待审核',
    creditTier: doc.creditTier,
    precheckDecision: results.includes('noncompliant') ? 'noncompliant' : results.includes('manual') ? 'manual' : 'compliant',
    submittedAt: doc.createdAt.toISOString(), dueOn: d.dueOn, remainingWorkingDays: d.remainingWorkingDays, overdue: d.overdue,
  };
}

export function toDetail(doc: PresiteRequestDoc, advice: PresiteAdviceDoc | null, clock: WorkingDayClock): Omit<PresiteRequestDetail, 'calls' | 'photos'> {
  const d = deadline(doc, clock);
  return {
    ...toSummary(doc, clock),
    site: doc.site, lowestFloor: doc.lowestFloor, highestFloor: doc.highestFloor, aboveGroundFloors: doc.aboveGroundFloors,
    undergroundFloors: doc.undergroundFloors, buildingUse: doc.buildingUse, landUse: doc.landUse, floorArea: doc.floorArea,
    plannedOpeningOn: doc.plannedOpeningOn, timeLimitWorkingDays: doc.timeLimitWorkingDays,
    deadlineCovered: d.covered, ruleSetVersion: doc.ruleSetVersion, layer: doc.layer,
    precheck: doc.precheck.map(outcomeView),
    reviews: [...latestReviews(doc.reviews).values()].map((r) => ({
      ruleId: r.ruleId, result: r.result, resultLabel: ruleResultLabels[r.result], confirmed: r.confirmed, note: r.note, byName: r.byName, at: r.at.toISOString(),
    })),
    nearby: doc.nearby.map((p) => ({ kind: p.kind, kindLabel: placeKindLabels[p.kind], name: p.name, meters: p.meters, lat: p.lat, lng: p.lng })),
    rings: doc.rings ?? [],
    advice: advice ? {
      decision: advice.decision, decisionLabel: ruleResultLabels[advice.decision], outcomes: advice.outcomes.map(outcomeView),
      note: advice.note, issuedByName: advice.issuedByName, issuedAt: advice.issuedAt.toISOString(), validUntil: advice.validUntil,
      workingDaysTaken: advice.workingDaysTaken,
    } : null,
  };
}
