import {
  bookableSlots, canAct, inspectionDurationSeconds, latestJudgments, nextInspectionStatus, unjudgedItems, withinJoinWindow,
  type InspectionAction, type InspectionActor, type InspectionStatus,
} from './inspection-state';

describe('inspection state machine', () => {
  const moves: [InspectionStatus, InspectionAction, InspectionActor, InspectionStatus | null][] = [
    ['created', 'offer_slots', 'inspector', 'created'],
    ['created', 'offer_slots', 'applicant', null],
    ['created', 'book', 'applicant', 'booked'],
    ['booked', 'book', 'applicant', 'booked'],
    ['created', 'book', 'inspector', null],
    ['in_progress', 'book', 'applicant', null],
    ['booked', 'start', 'system', 'in_progress'],
    ['created', 'start', 'system', null],
    ['booked', 'start', 'inspector', null],
    ['created', 'join', 'applicant', null],
    ['booked', 'join', 'expert', 'booked'],
    ['concluded', 'join', 'inspector', null],
    ['in_progress', 'judge', 'inspector', 'in_progress'],
    ['booked', 'judge', 'inspector', null],
    ['in_progress', 'judge', 'expert', null],
    ['in_progress', 'conclude', 'inspector', 'concluded'],
    ['in_progress', 'conclude', 'staff', null],
    ['booked', 'conclude', 'inspector', null],
    ['concluded', 'conclude', 'inspector', null],
    ['created', 'cancel', 'inspector', 'cancelled'],
    ['booked', 'cancel', 'staff', 'cancelled'],
    ['in_progress', 'cancel', 'inspector', null],
    ['cancelled', 'book', 'applicant', null],
    ['in_progress', 'request_still', 'inspector', 'in_progress'],
    ['in_progress', 'request_still', 'applicant', null],
    ['concluded', 'add_opinion', 'expert', 'concluded'],
    ['created', 'add_opinion', 'expert', null],
  ];
  it.each(moves)('when %s receives %s from %s, then it becomes %s', (from, action, actor, to) => {
    expect(nextInspectionStatus(from, action, actor)).toBe(to);
    expect(canAct(from, action, actor)).toBe(to !== null);
  });
});

describe('checklist projection', () => {
  it('when a point is judged twice, then the later judgment wins and unjudged points are named', () => {
    const judgments = [
      { itemId: 'exits', result: 'fail' as const, at: '2026-11-29T01:00:00Z' },
      { itemId: 'exits', result: 'pass' as const, at: '2026-11-29T01:05:00Z' },
    ];
    expect(latestJudgments(judgments).get('exits')?.result).toBe('pass');
    expect(unjudgedItems(['exits', 'area'], judgments)).toEqual(['area']);
  });
});

describe('join window', () => {
  const slot = { start: new Date('2026-11-30T02:00:00Z'), end: new Date('2026-11-30T03:00:00Z') };
  it.each([
    ['2026-11-30T01:44:00Z', false, false],
    ['2026-11-30T01:45:00Z', false, true],
    ['2026-11-30T02:59:00Z', false, true],
    ['2026-11-30T03:01:00Z', false, false],
    ['2026-11-30T03:30:00Z', true, true],
  ] as const)('when it is %s (started %s), then joining is %s', (now, started, ok) => {
    expect(withinJoinWindow(slot, new Date(now), 15, started)).toBe(ok);
  });
});

describe('priority booking', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  const at = (h: number) => ({ start: new Date(now.getTime() + h * 3_600_000), end: new Date(now.getTime() + (h + 1) * 3_600_000) });
  const slots = [at(72), at(2), at(30), at(-1)];
  it('when the subject is red or orange, then every future slot is offered, earliest first', () => {
    expect(bookableSlots(slots, 'red', now, 48).map((s) => s.start)).toEqual([at(2).start, at(30).start, at(72).start]);
    expect(bookableSlots(slots, 'orange', now, 48)).toHaveLength(3);
  });
  it('when the subject is blue or has no snapshot, then the earliest slots stay kept for priority tiers', () => {
    expect(bookableSlots(slots, 'blue', now, 48).map((s) => s.start)).toEqual([at(72).start]);
    expect(bookableSlots(slots, null, now, 48)).toHaveLength(1);
  });
});

describe('duration', () => {
  it('when an inspection was joined and concluded, then its duration is whole seconds between them', () => {
    expect(inspectionDurationSeconds('2026-11-30T02:00:00Z', '2026-11-30T02:31:10.900Z')).toBe(1870);
    expect(inspectionDurationSeconds(null, '2026-11-30T02:31:10Z')).toBeNull();
  });
});
