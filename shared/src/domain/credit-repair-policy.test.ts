import { addMonths, defaultRepairPolicy, repairEligibility, tierAfterRepair, type RepairableRecord } from './credit-repair-policy';

const record = (over: Partial<RepairableRecord>): RepairableRecord => ({
  kind: 'administrative_penalty', severity: 'general', decidedOn: '2026-06-15', fulfilled: true, legallyUnrepairable: false, state: 'active', ...over,
});

describe('credit repair eligibility (default policy)', () => {
  it.each([
    // kind, severity, decided, today, status, from
    ['administrative_penalty', 'minor', '2026-11-20', '2026-11-30', 'now', '2026-11-20'],
    ['administrative_penalty', 'general', '2026-08-30', '2026-11-29', 'from', '2026-11-30'],
    ['administrative_penalty', 'general', '2026-08-30', '2026-11-30', 'now', '2026-11-30'],
    ['administrative_penalty', 'serious', '2026-01-31', '2026-11-30', 'from', '2027-01-31'],
    ['abnormal_operation', 'general', '2026-11-29', '2026-11-30', 'now', '2026-11-29'],
    ['serious_dishonesty', 'serious', '2025-11-30', '2026-11-30', 'now', '2026-11-30'],
    ['serious_dishonesty', 'general', '2026-05-01', '2026-11-30', 'from', '2027-05-01'],
    ['false_material', 'general', '2026-09-01', '2026-11-30', 'from', '2026-12-01'],
  ] as const)('when %s (%s) was decided %s, then on %s it is %s (from %s)', (kind, severity, decidedOn, today, status, from) => {
    expect(repairEligibility(record({ kind, severity, decidedOn }), defaultRepairPolicy, today)).toMatchObject({ status, from });
  });

  it('when the duty is not fulfilled, the law forbids repair, or a case holds it, then it says so', () => {
    const p = defaultRepairPolicy;
    expect(repairEligibility(record({ fulfilled: false, decidedOn: '2026-01-01' }), p, '2026-11-30').status).toBe('fulfil_first');
    expect(repairEligibility(record({ legallyUnrepairable: true }), p, '2026-11-30')).toMatchObject({ status: 'never', proofs: [] });
    expect(repairEligibility(record({ state: 'under_repair' }), p, '2026-11-30').status).toBe('under_repair');
    expect(repairEligibility(record({ state: 'repaired' }), p, '2026-11-30').status).toBe('repaired');
  });

  it('when months are added past a short month end, then the day is kept to the month', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-11-30', -5)).toBe('2026-06-30');
    expect(addMonths('2026-12-15', 3)).toBe('2027-03-15');
  });
});

describe('the local tier rule after a repair', () => {
  const rule = defaultRepairPolicy.tierRule;
  const general = { kind: 'administrative_penalty', severity: 'general' } as const;
  it.each([
    ['black', [], 'orange'],
    ['black', [general], 'orange'],
    ['black', [general, general], 'blue'],
    ['black', [general, general, general], 'black'],
    ['black', [{ kind: 'serious_dishonesty', severity: 'minor' }], 'black'],
    ['red', [general, general], 'red'],
  ] as const)('when the tier was %s and %j still count, then it is %s', (current, active, tier) => {
    expect(tierAfterRepair(current, active, rule)).toBe(tier);
  });
});
