import { distanceMeters, gcj02ToWgs84, isGeoPoint, wgs84ToGcj02 } from './geo';

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

describe('GCJ-02 (the datum of maps in China and of WeChat chooseLocation) and WGS-84 (GPS, EXIF)', () => {
  // published pairs (WGS-84 → GCJ-02) used by open-source converters such as eviltransform
  const pairs = [
    { city: '上海', wgs: { lat: 31.1774276, lng: 121.5272106 }, gcj: { lat: 31.17530398364597, lng: 121.531541859215 } },
    { city: '深圳', wgs: { lat: 22.543847, lng: 113.912316 }, gcj: { lat: 22.540796131694766, lng: 113.9171764808363 } },
    { city: '北京', wgs: { lat: 39.911954, lng: 116.377817 }, gcj: { lat: 39.91334545536069, lng: 116.38404722455657 } },
  ];

  it.each(pairs)('when a point in $city is converted either way, then it lands on the published pair (under a millimetre)', ({ wgs, gcj }) => {
    const forward = wgs84ToGcj02(wgs);
    expect(forward.lat).toBeCloseTo(gcj.lat, 9);
    expect(forward.lng).toBeCloseTo(gcj.lng, 9);
    const back = gcj02ToWgs84(gcj);
    expect(back.lat).toBeCloseTo(wgs.lat, 8);
    expect(back.lng).toBeCloseTo(wgs.lng, 8);
  });

  it('when a map-picked site is compared with GPS unconverted, then honest photos look hundreds of metres away; converted, they do not', () => {
    const site = { lat: 20.0226, lng: 110.3254 }; // 海口, WGS-84
    const picked = wgs84ToGcj02(site);
    expect(distanceMeters(site, picked)).toBeGreaterThan(200);
    expect(distanceMeters(site, gcj02ToWgs84(picked))).toBe(0);
  });

  it('when the point is outside mainland China, then both datums are the same', () => {
    const tokyo = { lat: 35.6812, lng: 139.7671 };
    expect(wgs84ToGcj02(tokyo)).toEqual(tokyo);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
  });
});
