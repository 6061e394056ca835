import { Types } from 'mongoose';
import { CREDIT_POLICY_VERSION, shanghaiDate, type ApplicationStatus } from '@ycta/shared';
import { ApplicationModel, type ApplicationRecord } from '../applications/applications.model';
import { findUserByUsername } from '../auth/users.directory';
import { matterCatalogue } from '../matters/matters.catalogue';
import { appendEvent } from '../ledger/ledger.service';
import { ensureSubject } from '../subjects/subjects.service';
import { InspectionModel } from './inspection.model';
import { createInspectionForApplication } from './inspections.service';

/**
 * Demo work for `npm start`: inspector1 and inspector2 each get a case in every tab of their queue (今日, 即将进行,
 * 待预约, 待审批, 已逾期), so either demo account opens on a desk with work in it. Its own demo subjects (no applicant
 * login), so the four tier applicants keep their one application each. Idempotent: a subject already there is skipped.
 */
type Tab = 'today' | 'upcoming' | 'unbooked' | 'approval' | 'overdue';
const tabs: Tab[] = ['today', 'upcoming', 'unbooked', 'approval', 'overdue'];
const streets = ['滨海大道', '龙昆南路', '海秀中路', '国兴大道', '南海大道'];

const hour = 3_600_000;

/** When each tab's slot is: later today (or right now late at night), in two days, and yesterday. */
function slotOf(tab: Tab, now: Date): Date | null {
  const todayStart = Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`);
  if (tab === 'today') return new Date(Math.min(now.getTime() + 2 * hour, todayStart + 23 * hour));
  if (tab === 'upcoming') return new Date(todayStart + 2 * 24 * hour + 10 * hour);
  if (tab === 'overdue') return new Date(todayStart - 24 * hour + 10 * hour);
  return null;
}

async function demoCase(inspector: { id: string; username: string }, tab: Tab, index: number, admin: string, now: Date): Promise<boolean> {
  const matter = matterCatalogue[index % matterCatalogue.length]!;
  const n = inspector.username === 'inspector1' ? 1 : 2;
  const name = `海口演示${['甲', '乙'][n - 1]}${index + 1}号商户有限公司`;
  const { subject, created } = await ensureSubject({
    kind: 'organisation', name, uscc: `91460100DEMO${n}${index}0000`.slice(0, 18).padEnd(18, '0'), idNumber: null,
    contactName: '演示联系人', contactPhone: '13800000000',
    siteAddress: `海南省海口市${streets[index]} ${n * 10 + index} 号`, site: { lat: 20.03 + index / 100, lng: 110.32 + n / 100 },
    seedCreditTier: tab === 'approval' ? 'blue' : 'red',
  });
  if (!created) return false;
  const status: ApplicationStatus = tab === 'approval' ? 'awaiting_credit_approval' : tab === 'unbooked' ? 'remote_approved' : 'inspection_booked';
  const snapshot = { tier: tab === 'approval' ? 'blue' : 'red', source: 'seed', checkedAt: now, policyVersion: CREDIT_POLICY_VERSION } as const;
  const application = (await ApplicationModel.create({
    subjectId: subject._id, subjectName: subject.name, matterCode: matter.code, matterName: matter.name,
    siteAddress: subject.siteAddress, site: subject.site, status, creditSnapshot: snapshot,
    timeline: [
      { from: null, to: 'submitted', actorId: admin, actorRole: 'system', reason: '演示数据：提交申请', at: now },
      { from: 'submitted', to: status, actorId: 'system', actorRole: 'system', reason: '演示数据：信用核验', at: now },
    ],
    assignedInspectorIds: [new Types.ObjectId(inspector.id)],
    submittedOn: shanghaiDate(now), timeLimitWorkingDays: matter.timeLimitWorkingDays, createdBy: new Types.ObjectId(admin),
  })).toObject() as unknown as ApplicationRecord;
  if (tab === 'approval') return true;
  const inspection = await createInspectionForApplication(application, 'remote');
  const start = slotOf(tab, now);
  if (!start) return true;
  const end = new Date(start.getTime() + hour / 2);
  await InspectionModel.updateOne({ _id: inspection._id }, { $set: { status: 'booked', slot: { start, end }, slotsOfferedBy: new Types.ObjectId(inspector.id) } });
  await appendEvent({ inspectionId: inspection._id, type: 'booked', actor: 'system', payload: { slotStart: start.toISOString(), slotEnd: end.toISOString(), rebooked: false, demo: true } });
  await ApplicationModel.updateOne({ _id: application._id }, { $set: { inspectionId: inspection._id } });
  return true;
}

export async function seedQueueDemo(now = new Date()): Promise<number> {
  const admin = await findUserByUsername('admin');
  if (!admin) return 0;
  let created = 0;
  for (const username of ['inspector1', 'inspector2']) {
    const inspector = await findUserByUsername(username);
    if (!inspector) continue;
    for (const [index, tab] of tabs.entries()) if (await demoCase(inspector, tab, index, admin.id, now)) created += 1;
  }
  return created;
}
