import { findUserByUsername, linkSubjectIfUnset } from '../auth/users.directory';
import { SubjectModel } from '../subjects/subjects.model';
import { ensureSubject, type NewSubject } from '../subjects/subjects.service';
import { seedScenes } from './joint.scenes';

/** Restaurants of the demo district for the 餐饮 scene (one per tier), and one registered with another office. */
const demoCatering: (NewSubject & { owner?: string; officeCode?: string })[] = [
  { kind: 'organisation', name: '海口椰香餐厅有限公司', uscc: '91460100MA5TCAT01X', idNumber: null, contactName: '林椰香', contactPhone: '13800000011', siteAddress: '海口市龙华区滨海大道 88 号', site: { lat: 20.0350, lng: 110.3200 }, seedCreditTier: 'red', owner: 'applicant-catering' },
  { kind: 'organisation', name: '海口海风茶餐厅', uscc: '91460100MA5TCAT02X', idNumber: null, contactName: '吴海风', contactPhone: '13800000012', siteAddress: '海口市美兰区海甸二东路 12 号', site: { lat: 20.0520, lng: 110.3400 }, seedCreditTier: 'blue' },
  { kind: 'organisation', name: '海口老街粉店', uscc: '91460100MA5TCAT03X', idNumber: null, contactName: '陈老街', contactPhone: '13800000013', siteAddress: '海口市龙华区中山路 5 号', site: { lat: 20.0460, lng: 110.3520 }, seedCreditTier: 'black' },
  { kind: 'organisation', name: '三亚湾海鲜酒楼', uscc: '91460200MA5TCAT04X', idNumber: null, contactName: '黄三亚', contactPhone: '13800000014', siteAddress: '三亚市天涯区三亚湾路 1 号', site: { lat: 18.2500, lng: 109.4800 }, seedCreditTier: 'orange', officeCode: 'sanya' },
];

export async function seedJointDemo(): Promise<{ scenes: number; subjects: number }> {
  const scenes = await seedScenes();
  let subjects = 0;
  for (const { owner, officeCode, ...s } of demoCatering) {
    const { subject, created } = await ensureSubject(s);
    if (created) subjects += 1;
    if (created) await SubjectModel.updateOne({ _id: subject._id }, { $set: { officeCode: officeCode ?? null, jointScenes: ['catering'] } });
    const user = owner ? await findUserByUsername(owner) : null;
    if (user && !user.subjectId) await linkSubjectIfUnset(user.id, subject._id);
  }
  return { scenes, subjects };
}
