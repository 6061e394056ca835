import { exifCoordinate, exifDateTime, photoMarks } from './photo.evidence';

describe('exifDateTime', () => {
  it.each([
    ['no offset: China Standard Time', '2026:11:29 10:15:00', undefined, '2026-11-29T02:15:00.000Z'],
    ['an offset tag wins', '2026:11:29 10:15:00', '+09:00', '2026-11-29T01:15:00.000Z'],
    ['a negative offset', '2026:11:28 21:15:00', '-05:00', '2026-11-29T02:15:00.000Z'],
    ['a malformed offset falls back to +08:00', '2026:11:29 10:15:00', 'Z', '2026-11-29T02:15:00.000Z'],
  ])('when %s, then the UTC instant is right', (_n, value, offset, iso) => {
    expect(exifDateTime(value, offset)?.toISOString()).toBe(iso);
  });
  it.each([[undefined], [''], ['0000:00:00 00:00:00'], ['yesterday'], [1234]])('when %j, then null', (value) => {
    expect(exifDateTime(value, undefined)).toBeNull();
  });
});

describe('exifCoordinate', () => {
  it.each([
    [[20, 1, 21.36], 'N', 20.0226],
    [[110, 19, 31.44], 'E', 110.3254],
    [[33, 52, 4.8], 'S', -33.868],
    [[70, 0, 0], 'W', -70],
  ])('when %j %s, then %d', (dms, ref, expected) => {
    expect(exifCoordinate(dms, ref)).toBeCloseTo(expected, 4);
  });
  it('when the value is missing or not numbers, then null', () => {
    expect(exifCoordinate(undefined, 'N')).toBeNull();
    expect(exifCoordinate(['a'], 'N')).toBeNull();
  });
});

describe('photoMarks', () => {
  const receivedAt = new Date('2026-11-29T03:00:00Z');
  const base = { receivedAt, maxAgeMinutes: 24 * 60, maxDistanceMeters: 200 };
  const at = (iso: string) => new Date(iso);
  it.each([
    ['taken during the session, at the site', { capturedAt: at('2026-11-29T02:50:00Z'), sessionStart: at('2026-11-29T02:45:00Z'), distanceMeters: 20 }, false, false],
    ['taken before the session began', { capturedAt: at('2026-11-29T02:00:00Z'), sessionStart: at('2026-11-29T02:45:00Z'), distanceMeters: 20 }, true, false],
    ['taken before the call by an applicant preparing (session not begun), recent', { capturedAt: at('2026-11-28T20:00:00Z'), sessionStart: at('2026-11-30T02:00:00Z'), distanceMeters: null }, false, false],
    ['taken two days before an upload with no session yet', { capturedAt: at('2026-11-27T03:00:00Z'), sessionStart: null, distanceMeters: 10 }, true, false],
    ['taken 201 m away', { capturedAt: at('2026-11-29T02:59:00Z'), sessionStart: null, distanceMeters: 201 }, false, true],
    ['exactly 200 m away', { capturedAt: at('2026-11-29T02:59:00Z'), sessionStart: null, distanceMeters: 200 }, false, false],
    ['with no time and no place', { capturedAt: null, sessionStart: at('2026-11-29T02:45:00Z'), distanceMeters: null }, false, false],
  ])('when %s, then stale=%s far=%s, each with a reason', (_n, input, stale, far) => {
    const marks = photoMarks({ ...base, ...input });
    expect([marks.stale, marks.far]).toEqual([stale, far]);
    expect(marks.reasons).toHaveLength(Number(stale) + Number(far));
  });
});
