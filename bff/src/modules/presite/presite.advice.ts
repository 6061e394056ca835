import type { Types } from 'mongoose';
import { distanceMeters, presitePolicy, type GeoPoint, type PresiteLink } from '@ycta/shared';
import { PresiteAdviceModel, type PresiteAdviceDoc } from './presite.model';

/**
 * The advice that covers a licence application: same subject, same matter, a site within `sameSiteMeters`, still
 * valid; the newest wins. Only rules it found met settle checklist points.
 */
export async function adviceCovering(subjectId: Types.ObjectId, matterCode: string, site: GeoPoint | null, today: string): Promise<PresiteLink | null> {
  if (!site) return null;
  const advices = await PresiteAdviceModel.find({ subjectId }).lean<PresiteAdviceDoc[]>();
  const covering = advices
    .filter((a) => a.matterCode === matterCode && a.validUntil >= today && distanceMeters(a.site, site) <= presitePolicy.sameSiteMeters)
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
  if (!covering) return null;
  return {
    adviceId: String(covering._id), decision: covering.decision, issuedOn: covering.issuedOn, validUntil: covering.validUntil,
    settled: covering.outcomes.filter((o) => o.result === 'compliant')
      .flatMap((o) => (o.settlesChecklistItemIds ?? []).map((checklistItemId) => ({ checklistItemId, ruleTitle: o.title, figure: o.figure }))),
  };
}
