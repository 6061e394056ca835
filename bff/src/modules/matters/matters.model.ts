import { Schema, model } from 'mongoose';

/** The matter catalogue: read-only for the API, written by the seed (and later by an admin import). */
const matterSchema = new Schema({
  code: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  description: { type: String, required: true },
  checklist: {
    type: [{ _id: false, id: String, title: String, guidance: String, requiresPhoto: Boolean, verifiesCommitment: { type: String, default: undefined } }],
    default: [],
  },
  timeLimitWorkingDays: { type: Number, required: true },
  creditPolicy: { type: Schema.Types.Mixed, default: {} },
  policyVersion: { type: String, required: true },
  /** The current material list (`MatterMaterials`); earlier versions stay in `materialVersions`. */
  materials: { type: Schema.Types.Mixed, default: null },
  materialVersions: { type: [Schema.Types.Mixed], default: [] },
}, { timestamps: true, minimize: false });

export const MatterModel = model('Matter', matterSchema);
