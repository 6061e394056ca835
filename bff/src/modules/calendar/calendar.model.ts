import { Schema, model } from 'mongoose';

/** A year's official holiday list loaded by staff. Replacing a year keeps who loaded it and when. */
const calendarYearSchema = new Schema({
  year: { type: Number, required: true, unique: true },
  holidays: { type: [String], default: [] },
  workdays: { type: [String], default: [] },
  loadedBy: { type: String, required: true },
  loadedAt: { type: Date, required: true },
});

export const CalendarYearModel = model('CalendarYear', calendarYearSchema);

export interface CalendarYearRecord {
  year: number;
  holidays: string[];
  workdays: string[];
  loadedBy: string;
  loadedAt: Date;
}
