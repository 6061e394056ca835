import {
  combineJointResult, defaultFrequencyTable, drawJointPlan, DrawError, frequencyVerdict, seededRandom, visitsSpared,
  type DrawCandidate, type FrequencyInput,
} from './joint-supervision';

const now = new Date('2026-11-30T02:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const base: FrequencyInput = { tier: 'red', lastVisitedAt: null, openFindings: 0, complaint: false, now };

describe('frequencyVerdict', () => {
  it.each([
    ['red, never visited', { ...base }, true],
    ['red, visited 200 days ago', { ...base, lastVisitedAt: daysAgo(200) }, false],
    ['red, visited 366 days ago', { ...base, lastVisitedAt: daysAgo(366) }, true],
    ['red, visited 200 days ago with a complaint', { ...base, lastVisitedAt: daysAgo(200), complaint: true }, true],
    ['orange, visited 100 days ago', { ...base, tier: 'orange' as const, lastVisitedAt: daysAgo(100) }, false],
    ['blue, visited 100 days ago', { ...base, tier: 'blue' as const, lastVisitedAt: daysAgo(100) }, true],
    ['black, visited 10 days ago', { ...base, tier: 'black' as const, lastVisitedAt: daysAgo(10) }, false],
    ['black, visited 31 days ago', { ...base, tier: 'black' as const, lastVisitedAt: daysAgo(31) }, true],
    ['red with open findings, visited 5 days ago', { ...base, lastVisitedAt: daysAgo(5), openFindings: 2 }, true],
  ])('when %s, then eligible is %s', (_name, input, eligible) => {
    expect(frequencyVerdict(defaultFrequencyTable, input).eligible).toBe(eligible);
  });

  it('when a red subject is skipped, then the reason says the interval and the next date is a year after the last visit', () => {
    const v = frequencyVerdict(defaultFrequencyTable, { ...base, lastVisitedAt: daysAgo(200) });
    expect(v).toMatchObject({ eligible: false, reason: expect.stringContaining('365 天内至多检查一次') });
    if (!v.eligible) expect(v.nextEligibleAt.toISOString()).toBe(new Date(daysAgo(200).getTime() + 365 * 86_400_000).toISOString());
  });

  it('when black or with open findings, then the subject is tracked', () => {
    expect(frequencyVerdict(defaultFrequencyTable, { ...base, tier: 'black' })).toMatchObject({ eligible: true, tracked: true });
    expect(frequencyVerdict(defaultFrequencyTable, { ...base, openFindings: 1 })).toMatchObject({ eligible: true, tracked: true });
    expect(frequencyVerdict(defaultFrequencyTable, { ...base, tier: 'orange' })).toMatchObject({ eligible: true, tracked: false });
  });
});

describe('drawJointPlan', () => {
  const candidates: DrawCandidate[] = Array.from({ length: 12 }, (_, i) => ({
    subjectId: `s${String(i).padStart(2, '0')}`,
    verdict: frequencyVerdict(defaultFrequencyTable, { ...base, tier: i === 3 ? 'black' : 'orange', lastVisitedAt: i === 5 ? daysAgo(10) : null }),
  }));
  const pools = { fire: ['f1', 'f2', 'f3'], market: ['m1', 'm2', 'x'], health: ['h1', 'x'] };

  it('when the same seed is drawn twice, in any input order, then the draw is identical', () => {
    const a = drawJointPlan({ seed: 'plan-2026-11-30-a', candidates, count: 4, pools });
    const b = drawJointPlan({ seed: 'plan-2026-11-30-a', candidates: [...candidates].reverse(), count: 4, pools: { health: ['x', 'h1'], market: pools.market, fire: pools.fire } });
    expect(b).toEqual(a);
  });

  it('when another seed is used, then some draw differs', () => {
    const draws = new Set(['a', 'b', 'c', 'd', 'e'].map((s) => JSON.stringify(drawJointPlan({ seed: s, candidates, count: 4, pools }).visits)));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('when drawing, then a skipped subject carries its reason, the tracked black subject comes first, and no visit has one inspector twice', () => {
    for (const seed of Array.from({ length: 50 }, (_, i) => `seed-${i}`)) {
      const r = drawJointPlan({ seed, candidates, count: 4, pools });
      expect(r.skipped.map((s) => s.subjectId)).toEqual(['s05']);
      expect(r.visits[0]?.subjectId).toBe('s03');
      expect(r.visits).toHaveLength(4);
      for (const v of r.visits) {
        expect(Object.keys(v.inspectors).sort()).toEqual(['fire', 'health', 'market']);
        expect(new Set(Object.values(v.inspectors)).size).toBe(3);
      }
      expect(r.notDrawn).toHaveLength(12 - 1 - 4);
    }
  });

  it('when a department pool is empty or cannot avoid a repeat, then the draw is refused naming the department', () => {
    expect(() => drawJointPlan({ seed: 's', candidates, count: 1, pools: { fire: [] } })).toThrow(DrawError);
    expect(() => drawJointPlan({ seed: 's', candidates, count: 1, pools: { a: ['x'], b: ['x'] } })).toThrow(/b/);
  });

  it('when the stream is read, then it is uniform enough to be fair', () => {
    const random = seededRandom('fairness');
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) buckets[Math.floor(random() * 4)]! += 1;
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });
});

describe('combineJointResult', () => {
  it('when a department has not judged, then the result waits for it', () => {
    expect(combineJointResult([{ department: 'fire', result: 'pass', serious: false }, { department: 'market', result: null, serious: false }]))
      .toEqual({ complete: false, outcome: null, pendingDepartments: ['market'] });
  });
  it.each([
    [[{ department: 'fire', result: 'pass', serious: true }, { department: 'market', result: 'not_applicable', serious: false }], 'pass'],
    [[{ department: 'fire', result: 'fail', serious: false }, { department: 'market', result: 'pass', serious: false }], 'rectify'],
    [[{ department: 'fire', result: 'fail', serious: true }, { department: 'market', result: 'fail', serious: false }], 'serious'],
  ] as const)('when judged %j, then the outcome is %s', (items, outcome) => {
    expect(combineJointResult([...items]).outcome).toBe(outcome);
  });
  it('when three departments visit together, then two visits are spared', () => {
    expect(visitsSpared(3)).toBe(2);
    expect(visitsSpared(1)).toBe(0);
  });
});
