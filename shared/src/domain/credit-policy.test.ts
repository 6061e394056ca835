import { CreditTier, type MatterCreditPolicy } from './credit-tier';
import {
  creditRepairText, privilegeText, privileges, refusedOutright, remoteDecision, remoteOutcomeText, tierAfterPenalty, timeLimitWorkingDays,
} from './credit-policy';

const policies: Record<string, MatterCreditPolicy | undefined> = {
  none: undefined,
  empty: {},
  blueAllowed: { remote: { blue: 'allowed' } },
  strict: { remote: { orange: 'staff_approval', blue: 'refused' }, refuseDishonest: true },
  redTwoDays: { redTierTimeLimitWorkingDays: 2 },
};

// expected remote decision per policy, in tier order red, orange, blue, black
const expected: Record<string, [string, string, string, string]> = {
  none: ['allowed', 'allowed', 'staff_approval', 'refused'],
  empty: ['allowed', 'allowed', 'staff_approval', 'refused'],
  blueAllowed: ['allowed', 'allowed', 'allowed', 'refused'],
  strict: ['allowed', 'staff_approval', 'refused', 'refused'],
  redTwoDays: ['allowed', 'allowed', 'staff_approval', 'refused'],
};

const cases = Object.keys(policies).flatMap((name) =>
  CreditTier.options.map((tier, i) => [name, tier, expected[name]![i]!] as const));

describe('remoteDecision', () => {
  it.each(cases)('when the matter policy is %s and the tier is %s, then remote is %s', (name, tier, decision) => {
    expect(remoteDecision(tier, policies[name])).toBe(decision);
  });
});

describe('refusedOutright', () => {
  it.each(Object.keys(policies).flatMap((name) => CreditTier.options.map((tier) => [name, tier] as const)))(
    'when the matter policy is %s and the tier is %s, then only black on a dishonest-list matter is refused outright',
    (name, tier) => {
      expect(refusedOutright(tier, policies[name])).toBe(tier === 'black' && name === 'strict');
    },
  );
});

describe('timeLimitWorkingDays', () => {
  it.each([
    // tier, standard, matter's red limit, expected
    ['red', 5, undefined, 3],
    ['red', 5, 2, 2],
    ['red', 20, undefined, 14],
    ['red', 1, undefined, 1],
    ['red', 3, undefined, 2],
    ['orange', 5, 2, 5],
    ['blue', 5, 2, 5],
    ['black', 5, undefined, 5],
  ] as const)('when the tier is %s, the standard %i days and the red limit %s, then the limit is %i', (tier, standard, red, days) => {
    const matter = { timeLimitWorkingDays: standard, creditPolicy: red === undefined ? undefined : { redTierTimeLimitWorkingDays: red } };
    expect(timeLimitWorkingDays(tier, matter)).toBe(days);
  });
});

describe('privileges', () => {
  it('when the tier is red, then every privilege applies; orange has 容缺 and priority booking; blue and black none', () => {
    expect(privileges('red')).toEqual({ acceptWithGaps: true, commitment: true, priorityBooking: true });
    expect(privileges('orange')).toEqual({ acceptWithGaps: true, commitment: false, priorityBooking: true });
    expect(privileges('blue')).toEqual({ acceptWithGaps: false, commitment: false, priorityBooking: false });
    expect(privileges('black')).toEqual({ acceptWithGaps: false, commitment: false, priorityBooking: false });
  });

  it('when a matter takes 告知承诺 away from red, then red keeps 容缺 only, and a matter can never widen blue', () => {
    const policy = { privileges: { red: { commitment: false }, blue: { acceptWithGaps: true, commitment: true } } };
    expect(privileges('red', policy)).toMatchObject({ acceptWithGaps: true, commitment: false });
    expect(privileges('blue', policy)).toMatchObject({ acceptWithGaps: false, commitment: false });
    expect(privilegeText('red', privileges('red', policy))).toContain('本事项不适用');
  });
});

describe('texts and penalties', () => {
  it('when a black-tier request goes on-site, then the text names the on-site route and how to repair credit', () => {
    const text = remoteOutcomeText('onsite_required', 'black', '失信主体不能使用远程踏勘。');
    expect(text).toContain('失信主体不能使用远程踏勘');
    expect(text).toContain('现场踏勘');
    expect(text).toContain(creditRepairText);
    expect(remoteOutcomeText('refused', 'black')).toContain('信用修复');
  });

  it('when a penalty lands, then the tier drops one step and black stays black', () => {
    expect(CreditTier.options.map(tierAfterPenalty)).toEqual(['orange', 'blue', 'black', 'black']);
  });
});
