import { distanceMeters, isGeoPoint } from './geo';

describe('distanceMeters', () => {
  // reference distances from the haversine formula on a 6371.0088 km sphere (independently computed)
  it.each([
    ['the same point', { lat: 20.0442, lng: 110.1999 }, { lat: 20.0442, lng: 110.1999 }, 0, 0],
    ['one degree of latitude', { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111_195, 1],
    ['one degree of longitude at the equator', { lat: 0, lng: 0 }, { lat: 0, lng: 1 }, 111_195, 1],
    ['Haikou to Sanya', { lat: 20.0442, lng: 110.1999 }, { lat: 18.2528, lng: 109.5119 }, 211_000, 1500],
    ['about 200 m north in Haikou', { lat: 20.0442, lng: 110.1999 }, { lat: 20.0460, lng: 110.1999 }, 200, 1],
    ['across the antimeridian', { lat: 0, lng: 179.9 }, { lat: 0, lng: -179.9 }, 22_239, 1],
  ])('when %s, then the distance is about the reference', (_name, a, b, expected, tolerance) => {
    expect(Math.abs(distanceMeters(a, b) - expected)).toBeLessThanOrEqual(tolerance);
    expect(distanceMeters(b, a)).toBe(distanceMeters(a, b));
  });
});

describe('isGeoPoint', () => {
  it.each([
    [{ lat: 20, lng: 110 }, true],
    [{ lat: 91, lng: 0 }, false],
    [{ lat: 0, lng: 181 }, false],
    [{ lat: Number.NaN, lng: 0 }, false],
    [{ lat: 20 }, false],
    [null, false],
  ])('when %j, then %s', (p, ok) => {
    expect(isGeoPoint(p as never)).toBe(ok);
  });
});
