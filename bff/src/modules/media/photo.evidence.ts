import exifr from 'exifr';
import { distanceMeters, isGeoPoint, type GeoPoint } from '@ycta/shared';

/**
 * What a photo says about when and where it was taken, and the marks an inspector must see. Pure functions except
 * the EXIF read: the rules are tested with tables.
 */

export interface ExifEvidence {
  capturedAt: Date | null;
  gps: GeoPoint | null;
}

/** EXIF has no zone unless an OffsetTime tag says so: the phones this serves are set to China Standard Time. */
const defaultOffset = '+08:00';

/** `2026:11:29 10:15:00` (+ optional `+08:00`) → a Date, or null when unreadable. */
export function exifDateTime(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : defaultOffset;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** EXIF GPS degrees/minutes/seconds (as rationals already divided) and a hemisphere ref → signed decimal degrees. */
export function exifCoordinate(dms: unknown, ref: unknown): number | null {
  const parts = Array.isArray(dms) || dms instanceof Float64Array ? Array.from(dms as ArrayLike<number>) : typeof dms === 'number' ? [dms] : null;
  if (!parts || parts.length === 0 || parts.some((n) => typeof n !== 'number' || !Number.isFinite(n))) return null;
  const [d = 0, m = 0, s = 0] = parts;
  const value = d + m / 60 + s / 3600;
  return typeof ref === 'string' && /^[SW]/i.test(ref) ? -value : value;
}

/** Capture time and position from the image's EXIF; nothing when it has none or cannot be read. */
export async function readExif(head: Buffer): Promise<ExifEvidence> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(head, { reviveValues: false, tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false });
  } catch {
    return { capturedAt: null, gps: null };
  }
  if (!tags) return { capturedAt: null, gps: null };
  const capturedAt = exifDateTime(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal ?? tags.OffsetTime);
  const lat = exifCoordinate(tags.GPSLatitude, tags.GPSLatitudeRef);
  const lng = exifCoordinate(tags.GPSLongitude, tags.GPSLongitudeRef);
  const gps = lat !== null && lng !== null && isGeoPoint({ lat, lng }) && !(lat === 0 && lng === 0) ? { lat, lng } : null;
  return { capturedAt, gps };
}

export interface MarkInput {
  capturedAt: Date | null;
  receivedAt: Date;
  /** When the session began (first join), else the booked slot's start; null before either exists. */
  sessionStart: Date | null;
  distanceMeters: number | null;
  maxAgeMinutes: number;
  maxDistanceMeters: number;
  /** The site point is the applicant's own map pick, not yet confirmed by staff: the distance proves little. */
  siteUnconfirmed?: boolean;
}

const shanghai = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * `stale`: taken before the session began (once it has begun), or older than the allowed age when it arrived.
 * `far`: farther from the site than allowed. Reasons are for the inspector, in Chinese.
 */
export function photoMarks(input: MarkInput): { stale: boolean; far: boolean; siteUnconfirmed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  let stale = false;
  if (input.capturedAt) {
    const sessionBegun = input.sessionStart !== null && input.receivedAt >= input.sessionStart;
    if (sessionBegun && input.capturedAt < input.sessionStart!) {
      stale = true;
      reasons.push(`拍摄时间（${shanghai(input.capturedAt)}）早于本次踏勘开始时间（${shanghai(input.sessionStart!)}）`);
    } else if (input.receivedAt.getTime() - input.capturedAt.getTime() > input.maxAgeMinutes * 60_000) {
      stale = true;
      reasons.push(`拍摄时间（${shanghai(input.capturedAt)}）距上传已超过 ${formatMinutes(input.maxAgeMinutes)}`);
    }
  }
  const far = input.distanceMeters !== null && input.distanceMeters > input.maxDistanceMeters;
  if (far) reasons.push(`拍摄地点距登记的场所位置约 ${input.distanceMeters} 米，超过允许的 ${input.maxDistanceMeters} 米`);
  const siteUnconfirmed = !!input.siteUnconfirmed && input.distanceMeters !== null;
  if (siteUnconfirmed) reasons.push('场所位置由申请人在地图上选定，尚未经工作人员确认：距离仅供参考');
  return { stale, far, siteUnconfirmed, reasons };
}

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
}

/** Distance from the site's registered coordinates, or null when either position is unknown. */
export function distanceFromSite(site: Partial<GeoPoint> | undefined, at: GeoPoint | null): number | null {
  return at && isGeoPoint(site) ? distanceMeters(site, at) : null;
}
