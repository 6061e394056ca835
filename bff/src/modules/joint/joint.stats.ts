import type { CreditTier, JointStats } from '@ycta/shared';
import { listEvents } from '../ledger/ledger.service';
import { JointVisitModel, type JointVisitDoc } from './joint.model';
import { listScenes } from './joint.scenes';
import { foldVisitEvents, visitStatusOf } from './joint.visits';

const tiers: CreditTier[] = ['red', 'orange', 'blue', 'black'];

/**
 * The office's joint-inspection figures: visits done (concluded), business visits spared (departments − 1 per visit),
 * subjects tracked (with a rectification at any time) and closed (all rectified). Read from every visit's chain: a
 * city runs hundreds of joint visits a year, not hundreds of thousands.
 */
export async function jointStats(): Promise<JointStats> {
  const [visits, scenes] = await Promise.all([JointVisitModel.find({}).lean<JointVisitDoc[]>(), listScenes()]);
  const zero = () => ({ visits: 0, spared: 0, tracked: 0, closed: 0 });
  const byScene = new Map(scenes.map((s) => [s.code, { sceneCode: s.code, sceneName: s.name, ...zero() }]));
  const byTier = new Map(tiers.map((t) => [t, { tier: t, ...zero() }]));
  const trackedSubjects = new Set<string>();
  const openSubjects = new Set<string>();
  for (const v of visits) {
    const state = foldVisitEvents(await listEvents(v._id));
    if (!state.concluded) continue;
    const spared = Math.max(0, v.inspectors.length - 1);
    const hadFindings = state.rectifications.length > 0;
    const closed = hadFindings && visitStatusOf(state) === 'closed';
    for (const row of [byScene.get(v.sceneCode), byTier.get(v.tier as CreditTier)]) {
      if (!row) continue;
      row.visits += 1;
      row.spared += spared;
      if (hadFindings) row.tracked += 1;
      if (closed) row.closed += 1;
    }
    if (hadFindings) trackedSubjects.add(String(v.subjectId));
    if (visitStatusOf(state) === 'rectifying') openSubjects.add(String(v.subjectId));
  }
  const rows = [...byScene.values()];
  return {
    visits: rows.reduce((n, r) => n + r.visits, 0),
    visitsSpared: rows.reduce((n, r) => n + r.spared, 0),
    subjectsTracked: trackedSubjects.size,
    subjectsClosed: [...trackedSubjects].filter((s) => !openSubjects.has(s)).length,
    byScene: rows,
    byTier: [...byTier.values()],
  };
}
