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
