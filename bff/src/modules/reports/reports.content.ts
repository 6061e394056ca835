import type { ChainVerification, InspectionDetail, Photo, Subject } from '@ycta/shared';
import type { InspectionRecord } from '../inspections/inspection.model';
import { toDetail } from '../inspections/inspections.service';
import { verifyInspectionChain } from '../ledger/ledger.service';
import { photosWithThumbnails } from '../media/photos.service';
import { findSubject, toSubject } from '../subjects/subjects.service';

/** A photo as the report prints it: its facts and its thumbnail (null when none could be made). */
export interface ReportPhoto { photo: Photo; thumbnail: Buffer | null }

/** Everything the archival report prints, read once; the renderer does no I/O. */
export interface ReportContent {
  detail: InspectionDetail;
  /** The subject as any viewer may see it: ID and phone numbers only in their masked form. */
  subject: Pick<Subject, 'name' | 'kind' | 'uscc' | 'idNumberMasked' | 'contactName' | 'contactPhoneMasked'> | null;
  /** Each point's photos and stills: those uploaded for it and those its latest judgment names. */
  photosByPoint: Map<string, ReportPhoto[]>;
  /** Photos tied to no point. */
  otherPhotos: ReportPhoto[];
  verification: ChainVerification;
  /** Where a reader checks the record online (the QR code's target). */
  verifyUrl: string;
  generatedAt: Date;
}

export async function reportContent(inspection: InspectionRecord, verifyUrl: string, now = new Date()): Promise<ReportContent> {
  const id = String(inspection._id);
  const [detail, subjectRecord, photos, verification] = await Promise.all([
    toDetail(inspection, []),
    findSubject(String(inspection.subjectId)),
    photosWithThumbnails(inspection._id),
    verifyInspectionChain(id),
  ]);
  const photosByPoint = new Map<string, ReportPhoto[]>();
  const placed = new Set<string>();
  for (const point of detail.checklist) {
    const mine = photos.filter((p) => p.photo.checklistItemId === point.id || point.photoIds.includes(p.photo.id));
    mine.forEach((p) => placed.add(p.photo.id));
    photosByPoint.set(point.id, mine);
  }
  const subject = subjectRecord ? toSubject(subjectRecord) : null;
  return {
    detail,
    subject: subject && {
      name: subject.name, kind: subject.kind, uscc: subject.uscc, idNumberMasked: subject.idNumberMasked,
      contactName: subject.contactName, contactPhoneMasked: subject.contactPhoneMasked,
    },
    photosByPoint,
    otherPhotos: photos.filter((p) => !placed.has(p.photo.id)),
    verification,
    verifyUrl,
    generatedAt: now,
  };
}
