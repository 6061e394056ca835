import { finalStatuses, type SiteConfirmationBody, type SiteOrigin } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { InspectionModel } from '../inspections/inspection.model';
import { appendEvent } from '../ledger/ledger.service';
import { commitChange } from './application-changes';
import { ApplicationModel, type ApplicationRecord } from './applications.model';

type Point = { lat: number; lng: number };
type SiteEntry = NonNullable<ApplicationRecord['siteHistory']>[number];

const samePoint = (a: Point | null | undefined, b: Point | null | undefined) => !!a && !!b && a.lat === b.lat && a.lng === b.lng;

/**
 * The site's point at filing. The register's point is the subject's own evidence; a different point the applicant
 * picked on the map is only their proposal until staff confirm it (SECURITY.md, "evidence the applicant cannot steer").
 */
export function initialSite(user: AuthUser, picked: Point | undefined, registered: Point | null, now: Date): {
  site: Point | null; siteOrigin: SiteOrigin | null; siteHistory: SiteEntry[];
} {
  if (picked && !samePoint(picked, registered)) {
    return {
      site: picked, siteOrigin: 'proposed',
      siteHistory: [{ ...picked, origin: 'proposed', by: user.id, role: user.role, reason: '申请人在地图上选定', at: now }],
    };
  }
  if (!registered) return { site: null, siteOrigin: null, siteHistory: [] };
  return {
    site: registered, siteOrigin: 'registered',
    siteHistory: [{ ...registered, origin: 'registered', by: 'system', role: 'system', reason: '取自经营主体登记地址', at: now }],
  };
}

/**
 * Staff confirm the proposed point, or set the one they found. The application and its open inspection take it, and
 * both records say who confirmed which point and why (`app` as the user may see it); photos already judged keep the mark they were judged with.
 */
export async function confirmSite(user: AuthUser, app: ApplicationRecord, body: SiteConfirmationBody): Promise<ApplicationRecord> {
  if (finalStatuses.includes(app.status)) throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '申请已办结，不能改定场所位置' });
  const point = body.site ?? app.site;
  if (!point) throw new AppError('APPLICATION.SITE_MISSING');
  const entry: SiteEntry = { lat: point.lat, lng: point.lng, origin: 'confirmed', by: user.id, role: user.role, reason: body.reason, at: new Date() };
  const won = await commitChange(app._id, app.version ?? 0, {
    kind: 'site', set: { site: { lat: point.lat, lng: point.lng }, siteOrigin: 'confirmed' }, push: { siteHistory: entry },
  });
  if (!won) throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '申请已被他人更新，请刷新后重试' });
  const payload = {
    applicationId: String(app._id), lat: point.lat, lng: point.lng, reason: body.reason,
    previous: app.site ? { lat: app.site.lat, lng: app.site.lng, origin: app.siteOrigin ?? 'registered' } : null,
  };
  await appendEvent({ inspectionId: app._id, type: 'site.confirmed', actor: user, payload });
  const open = await InspectionModel.findOne({ applicationId: app._id, status: { $in: ['created', 'booked', 'in_progress'] } }, { _id: 1 }).lean();
  if (open) {
    await InspectionModel.updateOne({ _id: open._id }, { $set: { 'site.lat': point.lat, 'site.lng': point.lng, 'site.origin': 'confirmed' } });
    await appendEvent({ inspectionId: open._id, type: 'site.confirmed', actor: user, payload });
  }
  return (await ApplicationModel.findById(app._id).lean<ApplicationRecord>())!;
}
