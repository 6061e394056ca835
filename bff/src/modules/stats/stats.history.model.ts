import { Schema, model } from 'mongoose';

/**
 * Past inspections from before this system (the office's own register), seeded so the figures page has history to
 * show. Kept apart from the live `inspections` collection on purpose: they are not inspections anyone can open, join or
 * review, only counted. Every document says where it came from (`source`).
 */
const inspectionHistorySchema = new Schema({
  source: { type: String, required: true, enum: ['seeded-history'] },
  matterCode: { type: String, required: true },
  matterName: { type: String, required: true },
  mode: { type: String, required: true, enum: ['remote', 'onsite'] },
  inspector: { type: String, required: true },
  creditTier: { type: String, enum: ['red', 'orange', 'blue', 'black'], default: null },
  /** Remote only: when the applicant asked for the remote route. */
  requestedAt: { type: Date, default: null },
  firstJoinAt: { type: Date, required: true },
  concludedAt: { type: Date, required: true, index: true },
  durationSeconds: { type: Number, required: true },
}, { minimize: false });

export const InspectionHistoryModel = model('InspectionHistory', inspectionHistorySchema, 'inspection_history');

export interface InspectionHistoryRecord {
  matterCode: string;
  matterName: string;
  mode: 'remote' | 'onsite';
  inspector: string;
  creditTier: 'red' | 'orange' | 'blue' | 'black' | null;
  requestedAt: Date | null;
  concludedAt: Date;
  durationSeconds: number;
}
