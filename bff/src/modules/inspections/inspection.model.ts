import { Schema, model, type Types } from 'mongoose';

/**
 * One inspection session of an application. Owned by the inspections module; other modules reach it only through
 * `inspections.service.ts`. Evidence and the event chain live in their own collections (media, ledger).
 */
const inspectionSchema = new Schema({
  applicationId: { type: Schema.Types.ObjectId, required: true, index: true },
  subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
  matterCode: { type: String, required: true },
  mode: { type: String, enum: ['remote', 'onsite'], required: true },
  status: { type: String, required: true, default: 'created', index: true },
  inspectorIds: { type: [Schema.Types.ObjectId], default: [], index: true },
  expertIds: { type: [Schema.Types.ObjectId], default: [] },
  /** Site's registered coordinates (WGS-84), copied from the application for distance checks. */
  site: { address: String, lat: Number, lng: Number },
  slot: { start: Date, end: Date },
  firstJoinAt: { type: Date, default: null },
  concludedAt: { type: Date, default: null },
}, { timestamps: true });

export const InspectionModel = model('Inspection', inspectionSchema);

export interface InspectionRecord {
  _id: Types.ObjectId;
  applicationId: Types.ObjectId;
  subjectId: Types.ObjectId;
  matterCode: string;
  mode: 'remote' | 'onsite';
  status: string;
  inspectorIds: Types.ObjectId[];
  expertIds: Types.ObjectId[];
  site?: { address?: string; lat?: number; lng?: number };
  slot?: { start?: Date; end?: Date };
  firstJoinAt: Date | null;
  concludedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
