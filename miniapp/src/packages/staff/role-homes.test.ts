import { homeOfRole } from './role-homes';

describe('role homes', () => {
  it.each([
    ['applicant', null],
    ['inspector', '/packages/inspector/queue/index'],
    ['expert', '/packages/expert/invitations/index'],
    ['staff', '/packages/staff/reviews/index'],
    ['admin', '/packages/staff/reviews/index'],
    ['dept_reviewer', '/packages/staff/repairs/index'],
  ] as const)('when %s signs in, then the home is %s', (role, home) => {
    expect(homeOfRole(role)).toBe(home);
  });
});
