import { Schema, model, type Types } from 'mongoose';
import { CreditTier } from '@ycta/shared';

/**
 * 经营主体. ID and phone numbers are never stored in clear: a sha256 for lookups and the masked form for display.
 * `seedCreditTier` is the demo tier the credit module's local provider reads; real tiers come from the credit source.
 */
const subjectSchema = new Schema({
  kind: { type: String, enum: ['organisation', 'person'], required: true },
  name: { type: String, required: true },
  uscc: { type: String, default: null, index: true },
  idNumberHash: { type: String, default: null, index: true },
  idNumberMasked: { type: String, default: null },
  contactName: { type: String, default: null },
  contactPhoneHash: { type: String, default: null },
  contactPhoneMasked: { type: String, default: null },
  siteAddress: { type: String, required: true },
  site: { type: { _id: false, lat: Number, lng: Number }, default: null },
  seedCreditTier: { type: String, enum: [...CreditTier.options, null], default: null },
  /** The office the subject is registered with; null: this office (OFFICE_CODE). */
  officeCode: { type: String, default: null },
  /** The joint-inspection scenes (综合查一次) the subject's business falls under, e.g. `catering`. */
  jointScenes: { type: [String], default: [] },
}, { timestamps: true });

export const SubjectModel = model('Subject', subjectSchema);

export interface SubjectRecord {
  _id: Types.ObjectId;
  kind: 'organisation' | 'person';
  name: string;
  uscc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  contactName: string | null;
  contactPhoneHash: string | null;
  contactPhoneMasked: string | null;
  siteAddress: string;
  site: { lat: number; lng: number } | null;
  seedCreditTier: CreditTier | null;
}
