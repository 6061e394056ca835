import { Types } from 'mongoose';
import { bookableSlots, shanghaiDateTime, statusesAllowing, type InspectionDetail, type RtcPreference } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { Notifier } from '../../infra/notify/notifier';
import type { AuthUser } from '../auth/auth.tokens';
import { getApplicationForUser, transitionApplication } from '../applications/applications.service';
import { appendEvent } from '../ledger/ledger.service';
import { InspectionModel, type InspectionRecord } from './inspection.model';
import { findAccessibleInspection } from './inspections.access';
import { requireStatus, toDetail, updateInStatus } from './inspections.service';
import { applicationIdOf, isApplicationCall } from './inspections.call-subject';

/**
 * Booking: the inspector offers slots, the applicant picks one. Red and orange subjects may pick every slot; the
 * earliest ones (`priorityBookingHours`) are kept for them (DESIGN.md, Credit: priority booking).
 */

export interface BookingDeps { priorityBookingHours: number; notifier: Notifier; now?: () => Date }

type Slot = { _id: Types.ObjectId; start: Date; end: Date };

/** The tier that decides priority booking: the credit snapshot kept on the application by the gate. */
async function tierOf(user: AuthUser, inspection: InspectionRecord): Promise<string | null> {
  const application = await getApplicationForUser(user, String(applicationIdOf(inspection)));
  return application.creditSnapshot?.tier ?? null;
}

/** The slots this user sees: an applicant only the ones they may book; inspectors and staff every offered one. */
export async function visibleSlots(user: AuthUser, inspection: InspectionRecord, deps: BookingDeps): Promise<Slot[]> {
  const slots = (inspection.offeredSlots ?? []) as Slot[];
  if (user.role !== 'applicant') return [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  // a case's call is opened for now: nothing to book
  if (!isApplicationCall(inspection)) return [];
  if (inspection.status !== 'created' && inspection.status !== 'booked') return [];
  const now = deps.now?.() ?? new Date();
  const free = await freeSlots(inspection, slots);
  return bookableSlots(free, await tierOf(user, inspection), now, deps.priorityBookingHours);
}

/** Offered slots that no other open inspection of the same inspectors has booked meanwhile. */
async function freeSlots(inspection: InspectionRecord, slots: Slot[]): Promise<Slot[]> {
  if (slots.length === 0) return [];
  const taken = await InspectionModel.find({
    _id: { $ne: inspection._id },
    inspectorIds: { $in: inspection.inspectorIds },
    status: { $in: ['booked', 'in_progress'] },
  }, { slot: 1 }).lean<{ slot?: { start?: Date; end?: Date } }[]>();
  const overlaps = (s: Slot) => taken.some((t) => t.slot?.start && t.slot.end && t.slot.start < s.end && s.start < t.slot.end);
  return slots.filter((s) => !overlaps(s));
}

export async function offerSlots(
  user: AuthUser, id: string, body: { slots: { start: string; end: string }[]; rtcPreference?: RtcPreference }, deps: BookingDeps,
): Promise<InspectionDetail> {
  const inspection = await findAccessibleInspection(user, id);
  applicationIdOf(inspection);
  requireStatus(inspection, statusesAllowing('offer_slots'), 'offer_slots');
  const now = deps.now?.() ?? new Date();
  const slots = body.slots.map((s) => ({ _id: new Types.ObjectId(), start: new Date(s.start), end: new Date(s.end) }));
  if (slots.some((s) => s.start <= now || s.end <= s.start)) throw new AppError('INSPECTION.SLOT_INVALID');
  const updated = await updateInStatus(inspection._id, statusesAllowing('offer_slots'), {
    $push: { offeredSlots: { $each: slots } },
    $set: { slotsOfferedBy: new Types.ObjectId(user.id), ...(body.rtcPreference ? { rtcPreference: body.rtcPreference } : {}) },
  });
  await deps.notifier.notify({
    kind: 'slots_offered', inspectionId: String(updated._id), subjectId: String(updated.subjectId),
    text: `踏勘人员提供了 ${slots.length} 个可预约时段，请尽快选择`,
  });
  return toDetail(updated, await visibleSlots(user, updated, deps));
}

export async function book(user: AuthUser, id: string, slotId: string, deps: BookingDeps): Promise<InspectionDetail> {
  const inspection = await findAccessibleInspection(user, id);
  applicationIdOf(inspection);
  requireStatus(inspection, statusesAllowing('book'), 'book');
  const slot = (await visibleSlots(user, inspection, deps)).find((s) => String(s._id) === slotId);
  if (!slot) throw new AppError('INSPECTION.SLOT_UNAVAILABLE');
  const previous = inspection.status;
  const updated = await updateInStatus(inspection._id, statusesAllowing('book'), {
    $set: { status: 'booked', slot: { start: slot.start, end: slot.end }, reminderSentAt: null },
  });
  await appendEvent({
    inspectionId: updated._id, type: 'booked', actor: user,
    payload: { slotStart: slot.start.toISOString(), slotEnd: slot.end.toISOString(), rebooked: previous === 'booked' },
  });
  if (previous === 'created') await moveApplicationToBooked(updated);
  await deps.notifier.notify({
    kind: 'booked', inspectionId: String(updated._id), subjectId: String(updated.subjectId),
    text: '视频踏勘已预约', at: slot.start,
  });
  return toDetail(updated, await visibleSlots(user, updated, deps));
}

/**
 * The application moves to `inspection_booked` on the inspector's offer taken by the applicant: the state table
 * lets the inspector make that move, so the offering inspector is its actor.
 */
async function moveApplicationToBooked(inspection: InspectionRecord): Promise<void> {
  const inspectorId = String(inspection.slotsOfferedBy ?? inspection.inspectorIds[0]);
  await transitionApplication(String(applicationIdOf(inspection)), {
    to: 'inspection_booked',
    actor: { id: inspectorId, role: 'inspector', subjectId: null, username: 'inspector' },
    reason: `申请人选定了踏勘人员提供的时段：${inspection.slot?.start ? shanghaiDateTime(inspection.slot.start) : ''}`,
    patch: { inspectionId: inspection._id },
  });
}
