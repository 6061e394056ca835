/** A point on the WGS-84 ellipsoid in decimal degrees, as phones and EXIF report it. */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), metres: haversine on a sphere errs by < 0.5 %, far finer than phone GPS. */
const earthRadiusMeters = 6_371_008.8;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

export function isGeoPoint(p: Partial<GeoPoint> | null | undefined): p is GeoPoint {
  return !!p && Number.isFinite(p.lat) && Number.isFinite(p.lng)
    && Math.abs(p.lat as number) <= 90 && Math.abs(p.lng as number) <= 180;
}

/** Great-circle distance between two points in metres (haversine), rounded to whole metres. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h))));
}

/*
 * GCJ-02, the obfuscated datum every map in mainland China (Tencent, AMap) and WeChat's `chooseLocation` report.
 * It is WGS-84 shifted by a published, non-linear offset of 100–700 m, so a map-picked site compared with a photo's
 * GPS (WGS-84) without converting would mark honest photos "far". The forward transform is the well-known one
 * (Krasovsky 1940 ellipsoid); the inverse is found by fixed-point iteration to under a millimetre. Outside mainland
 * China's bounding box the datums coincide.
 */
const krasovskyA = 6_378_245.0;
const krasovskyEe = 0.006_693_421_622_965_943;

function outOfChina(p: GeoPoint): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02(p: GeoPoint): GeoPoint {
  if (outOfChina(p)) return { ...p };
  const radLat = toRadians(p.lat);
  const magic = 1 - krasovskyEe * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (shiftLat(p.lng - 105, p.lat - 35) * 180) / (((krasovskyA * (1 - krasovskyEe)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (shiftLng(p.lng - 105, p.lat - 35) * 180) / ((krasovskyA / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/** GCJ-02 → WGS-84 (what the BFF stores and compares): the inverse of `wgs84ToGcj02` by iteration. */
export function gcj02ToWgs84(p: GeoPoint): GeoPoint {
  if (outOfChina(p)) return { ...p };
  let wgs = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 30; i++) {
    const back = wgs84ToGcj02(wgs);
    const dLat = back.lat - p.lat;
    const dLng = back.lng - p.lng;
    wgs = { lat: wgs.lat - dLat, lng: wgs.lng - dLng };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break;
  }
  return wgs;
}
