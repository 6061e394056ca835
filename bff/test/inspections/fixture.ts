import { Types } from 'mongoose';
import type { TestApp } from '../harness';
import { ApplicationModel, type ApplicationRecord } from '../../src/modules/applications/applications.model';
import { createInspectionForApplication } from '../../src/modules/inspections/inspections.service';

/** Seeded applicants and their subjects' USCC (see applications.demo.ts). */
export const uscc = { red: '91460100MA5T8R2Q3K', blue: '91460100MA5TB1L2U9' } as const;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
export { auth };

/**
 * An inspection as the real flow makes it: the applicant's seeded application passes the credit gate over HTTP,
 * then the inspection is opened (the gate does it itself once wired; this call is idempotent).
 */
export async function remoteInspection(
  t: TestApp, applicant = 'applicant-red', opts: { site?: { lat: number; lng: number } } = {},
): Promise<{ inspectionId: string; application: ApplicationRecord }> {
  const token = await t.tokenOf(applicant);
  const seeded = await t.request.get('/api/applications').set(auth(token));
  const matterCode = seeded.body.items.at(-1).matterCode as string;
  const created = await t.request.post('/api/applications').set(auth(token)).send({ matterCode, siteAddress: '海南省海口市龙华区测试路 1 号', ...(opts.site ? { site: opts.site } : {}) });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const applicationId = created.body.id as string;
  // new applications go to the least busy inspector: the tests want inspector1
  const staff = auth(await t.tokenOf('staff1'));
  const inspector1 = await t.request.get('/api/me').set(auth(await t.tokenOf('inspector1')));
  const assigned = await t.request.post(`/api/applications/${applicationId}/assignment`).set(staff).send({ inspectorIds: [inspector1.body.id], reason: '测试指定' });
  if (assigned.status !== 200) throw new Error(`assignment failed: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  const gate = await t.request.post(`/api/applications/${applicationId}/remote-requests`).set(auth(token));
  if (gate.status !== 200) throw new Error(`remote request failed: ${gate.status} ${JSON.stringify(gate.body)}`);
  if (gate.body.outcome === 'awaiting_credit_approval') {
    const decided = await t.request.post(`/api/applications/${applicationId}/remote-requests/decision`).set(staff).send({ approve: true, reason: '材料齐全' });
    if (decided.status !== 200) throw new Error(`decision failed: ${decided.status} ${JSON.stringify(decided.body)}`);
  }
  const application = (await ApplicationModel.findById(new Types.ObjectId(applicationId)).lean<ApplicationRecord>())!;
  const inspection = await createInspectionForApplication(application, 'remote');
  return { inspectionId: String(inspection._id), application };
}

export const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

let lane = 0;

/** Offers one slot starting `startInMinutes` from now (1 h long) and books it as the applicant. */
export async function bookedInspection(t: TestApp, opts: { applicant?: string; startInMinutes?: number; rtcPreference?: 'auto' | 'agora' | 'local' } = {}) {
  const applicant = opts.applicant ?? 'applicant-red';
  const made = await remoteInspection(t, applicant);
  // one inspector cannot have two calls at once: each booked call here gets its own 9-second slot, 10 min from now
  // (inside the 15-minute join window), so that calls booked by one test file never overlap
  const start = opts.startInMinutes !== undefined ? Date.now() + opts.startInMinutes * 60_000 : Date.now() + 10 * 60_000 + lane++ * 10_000;
  const slot = { start: new Date(start).toISOString(), end: new Date(start + (opts.startInMinutes !== undefined ? 3_600_000 : 9_000)).toISOString() };
  const offered = await t.request.post(`/api/inspections/${made.inspectionId}/slots`).set(auth(await t.tokenOf('inspector1')))
    .send({ slots: [slot], ...(opts.rtcPreference ? { rtcPreference: opts.rtcPreference } : {}) });
  if (offered.status !== 200) throw new Error(`offer failed: ${offered.status} ${JSON.stringify(offered.body)}`);
  const mine = await t.request.get(`/api/inspections/${made.inspectionId}`).set(auth(await t.tokenOf(applicant)));
  const slotId = mine.body.offeredSlots[0]?.id as string;
  const booked = await t.request.post(`/api/inspections/${made.inspectionId}/booking`).set(auth(await t.tokenOf(applicant))).send({ slotId });
  if (booked.status !== 200) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
  return made;
}
