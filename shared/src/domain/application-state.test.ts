import { ApplicationStatus, ActorKind, actionsFor, applicationStatusInfo, canTransition, nextStates, type ActorKind as Actor, type ApplicationStatus as Status } from './application-state';

// every allowed move (besides withdrawal), written out independently of the module's table
const allowed: Array<[Status, Status, Actor]> = [
  ['submitted', 'remote_approved', 'system'],
  ['submitted', 'awaiting_credit_approval', 'system'],
  ['submitted', 'onsite_required', 'system'],
  ['awaiting_credit_approval', 'remote_approved', 'staff'],
  ['awaiting_credit_approval', 'onsite_required', 'staff'],
  ['remote_approved', 'inspection_booked', 'inspector'],
  ['onsite_required', 'inspection_booked', 'inspector'],
  ['inspection_booked', 'inspecting', 'system'],
  ['inspecting', 'approved', 'inspector'],
  ['inspecting', 'rejected', 'inspector'],
  ['inspecting', 'rectifying', 'inspector'],
  ['rectifying', 'inspection_booked', 'inspector'],
];
const nonFinal: Status[] = ['submitted', 'awaiting_credit_approval', 'remote_approved', 'onsite_required', 'inspection_booked', 'inspecting', 'rectifying'];
for (const from of nonFinal) allowed.push([from, 'withdrawn', 'applicant']);
// 不予受理 or a false commitment ends any open application; a false commitment after approval revokes it
for (const from of nonFinal) allowed.push([from, 'rejected', 'staff'], [from, 'rejected', 'system']);
allowed.push(['approved', 'revoked', 'staff'], ['approved', 'revoked', 'system']);

const key = (from: Status, to: Status, by: Actor) => `${from} → ${to} by ${by}`;
const allowedKeys = new Set(allowed.map(([f, t, b]) => key(f, t, b)));

describe('the application state machine', () => {
  it.each(allowed)('when %s → %s is asked by %s, then it is allowed', (from, to, by) => {
    expect(canTransition(from, to, by)).toBe(true);
  });

  it('when any other (from, to, actor) is asked, then it is refused', () => {
    const refused: string[] = [];
    for (const from of ApplicationStatus.options) {
      for (const to of ApplicationStatus.options) {
        for (const by of ActorKind.options) {
          if (!allowedKeys.has(key(from, to, by))) {
            if (canTransition(from, to, by)) refused.push(key(from, to, by));
          }
        }
      }
    }
    expect(refused).toEqual([]);
    // the count of pairs checked is the full cube minus the allowed ones
    expect(ApplicationStatus.options.length ** 2 * ActorKind.options.length - allowed.length).toBe(484 - 35);
  });

  it.each([
    ['submitted', 'system', ['awaiting_credit_approval', 'remote_approved', 'onsite_required', 'rejected']],
    ['submitted', 'applicant', ['withdrawn']],
    ['inspecting', 'inspector', ['rectifying', 'approved', 'rejected']],
    ['approved', 'applicant', []],
    ['withdrawn', 'staff', []],
  ] as Array<[Status, Actor, Status[]]>)('when the next states of %s for %s are asked, then they are %j', (from, by, expected) => {
    expect(nextStates(from, by)).toEqual(expected);
  });

  it.each([
    ['submitted', 'applicant', ['request_remote', 'withdraw']],
    ['awaiting_credit_approval', 'staff', ['decide_remote', 'reassign']],
    ['awaiting_credit_approval', 'admin', ['decide_remote', 'reassign']],
    ['remote_approved', 'inspector', ['book_inspection']],
    ['inspecting', 'inspector', ['conclude_inspection']],
    ['inspecting', 'expert', []],
    ['approved', 'applicant', []],
    ['approved', 'staff', []],
  ] as const)('when %s is seen by %s, then the actions are %j', (status, role, expected) => {
    expect(actionsFor(status, role)).toEqual(expected);
  });

  it('when the applicant looks at any status, then there is a Chinese label and a next step', () => {
    for (const s of ApplicationStatus.options) {
      expect(applicationStatusInfo[s].label).toMatch(/[\u4e00-\u9fa5]/);
      expect(applicationStatusInfo[s].nextStep).toMatch(/[\u4e00-\u9fa5]{4,}/);
    }
  });
});
