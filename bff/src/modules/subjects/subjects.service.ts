import { Types } from 'mongoose';
import type { Subject } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { SubjectModel, type SubjectRecord } from './subjects.model';

export function toSubject(s: SubjectRecord): Subject {
  return {
    id: String(s._id),
    kind: s.kind,
    name: s.name,
    uscc: s.uscc ?? null,
    idNumberMasked: s.idNumberMasked ?? null,
    contactName: s.contactName ?? null,
    contactPhoneMasked: s.contactPhoneMasked ?? null,
    siteAddress: s.siteAddress,
    site: s.site?.lat !== undefined && s.site?.lng !== undefined ? { lat: s.site.lat, lng: s.site.lng } : null,
  };
}

/** The stored subject (for other modules: the credit gate reads `uscc` and `seedCreditTier`); null when unknown. */
export async function findSubject(id: string): Promise<SubjectRecord | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return SubjectModel.findById(id).lean<SubjectRecord>();
}

/** The applicant's own subject; 404 `SUBJECT.NOT_FOUND` when their account is not linked to one. */
export async function subjectOf(user: AuthUser): Promise<SubjectRecord> {
  const subject = user.subjectId ? await findSubject(user.subjectId) : null;
  if (!subject) throw new AppError('SUBJECT.NOT_FOUND');
  return subject;
}
