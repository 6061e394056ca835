import { Schema, model } from 'mongoose';

/** One document per department, keyed by its code: a lookup is an `_id` read on either database. */
const departmentSchema = new Schema({
  _id: { type: String, required: true },
  name: { type: String, required: true },
  shortName: { type: String, required: true },
}, { collection: 'departments', versionKey: false });

export const DepartmentModel = model('Department', departmentSchema);

export interface DepartmentDoc { _id: string; name: string; shortName: string }
