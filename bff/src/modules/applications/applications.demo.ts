import { Types } from 'mongoose';
import { shanghaiDate, type CreditTier } from '@ycta/shared';
import { findUserByUsername, linkSubjectIfUnset } from '../auth/users.directory';
import { matterCatalogue } from '../matters/matters.catalogue';
import { seedMatters } from '../matters/matters.service';
import { ensureSubject } from '../subjects/subjects.service';
import { ApplicationModel } from './applications.model';

/** One subject per credit tier in Haikou, each owned by the applicant of that tier, with one submitted application. */
interface DemoSubject {
  owner: string;
  tier: CreditTier;
  kind: 'organisation' | 'person';
  name: string;
  uscc: string | null;
  idNumber: string | null;
  contactName: string;
  contactPhone: string;
  siteAddress: string;
  site: { lat: number; lng: number };
  matterCode: string;
}

const demoSubjects: DemoSubject[] = [
  {
    owner: 'applicant-red', tier: 'red', kind: 'organisation', name: '海口红梅网咖有限公司', uscc: '91460100MA5T8R2Q3K',
    idNumber: null, contactName: '林红梅', contactPhone: '13876001234',
    siteAddress: '海南省海口市龙华区国贸路 18 号红梅大厦 2 层', site: { lat: 20.0226, lng: 110.3254 }, matterCode: 'internet-cafe',
  },
  {
    owner: 'applicant-orange', tier: 'orange', kind: 'person', name: '陈橙（橙心托育）', uscc: null,
    idNumber: '460100199003071234', contactName: '陈橙', contactPhone: '13976005678',
    siteAddress: '海南省海口市美兰区海甸五西路 27 号橙心小区 1 栋首层', site: { lat: 20.0578, lng: 110.3331 }, matterCode: 'childcare-filing',
  },
  {
    owner: 'applicant-blue', tier: 'blue', kind: 'organisation', name: '海口蓝图艺术培训学校有限公司', uscc: '91460100MA5TB1L2U9',
    idNumber: null, contactName: '吴蓝', contactPhone: '18976009012',
    siteAddress: '海南省海口市秀英区长滨路 66 号蓝图中心 3 层', site: { lat: 20.0301, lng: 110.2667 }, matterCode: 'training-school',
  },
  {
    owner: 'applicant-black', tier: 'black', kind: 'organisation', name: '海口黑石娱乐有限公司', uscc: '91460100MA5TH3S4B7',
    idNumber: null, contactName: '郑石', contactPhone: '13637603456',
    siteAddress: '海南省海口市琼山区府城大道 99 号黑石广场 4 层', site: { lat: 19.9981, lng: 110.3542 }, matterCode: 'entertainment-venue',
  },
];

/** Idempotent: what exists is left as it is. Needs the demo users (seeded first). */
export async function seedApplicationDemo(): Promise<{ matters: number; subjects: number; applications: number }> {
  const matters = await seedMatters(matterCatalogue);
  let subjects = 0;
  let applications = 0;
  const inspector = await findUserByUsername('inspector1');
  for (const d of demoSubjects) {
    const { subject, created } = await ensureSubject({
      kind: d.kind, name: d.name, uscc: d.uscc, idNumber: d.idNumber, contactName: d.contactName, contactPhone: d.contactPhone,
      siteAddress: d.siteAddress, site: d.site, seedCreditTier: d.tier,
    });
    if (created) subjects += 1;
    const owner = await findUserByUsername(d.owner);
    if (!owner) continue;
    if (!owner.subjectId) await linkSubjectIfUnset(owner.id, subject._id);
    if (await ApplicationModel.exists({ subjectId: subject._id, matterCode: d.matterCode })) continue;
    const matter = matterCatalogue.find((m) => m.code === d.matterCode)!;
    const now = new Date();
    await ApplicationModel.create({
      subjectId: subject._id, subjectName: subject.name, matterCode: matter.code, matterName: matter.name,
      siteAddress: d.siteAddress, site: d.site, status: 'submitted',
      timeline: [{ from: null, to: 'submitted', actorId: owner.id, actorRole: 'applicant', reason: '提交申请', at: now }],
      assignedInspectorIds: inspector ? [new Types.ObjectId(inspector.id)] : [],
      submittedOn: shanghaiDate(now), timeLimitWorkingDays: matter.timeLimitWorkingDays, createdBy: new Types.ObjectId(owner.id),
    });
    applications += 1;
  }
  return { matters, subjects, applications };
}
