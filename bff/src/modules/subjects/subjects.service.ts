import { Types } from 'mongoose';
import type { Subject } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { SubjectModel, type SubjectRecord } from './subjects.model';
import { lookupHash, maskIdNumber, maskPhone } from './masking';

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

export interface NewSubject {
  kind: 'organisation' | 'person';
  name: string;
  uscc: string | null;
  /** Kept only as a lookup hash and its masked form. */
  idNumber: string | null;
  contactName: string | null;
  contactPhone: string | null;
  siteAddress: string;
  site: { lat: number; lng: number } | null;
  seedCreditTier: SubjectRecord['seedCreditTier'];
}

/** Creates the subject unless one with the same USCC (or ID number) exists; returns the stored one either way. */
export async function ensureSubject(s: NewSubject): Promise<{ subject: SubjectRecord; created: boolean }> {
  const key = s.uscc ? { uscc: s.uscc } : s.idNumber ? { idNumberHash: lookupHash(s.idNumber) } : { name: s.name };
  const res = await SubjectModel.updateOne(key, {
    $setOnInsert: {
      kind: s.kind, name: s.name, uscc: s.uscc,
      idNumberHash: s.idNumber ? lookupHash(s.idNumber) : null,
      idNumberMasked: s.idNumber ? maskIdNumber(s.idNumber) : null,
      contactName: s.contactName,
      contactPhoneHash: s.contactPhone ? lookupHash(s.contactPhone) : null,
      contactPhoneMasked: s.contactPhone ? maskPhone(s.contactPhone) : null,
      siteAddress: s.siteAddress, site: s.site, seedCreditTier: s.seedCreditTier,
    },
  }, { upsert: true });
  const subject = await SubjectModel.findOne(key).lean<SubjectRecord>();
  return { subject: subject!, created: res.upsertedCount > 0 };
}
