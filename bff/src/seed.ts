import type { Role } from '@ycta/shared';
import { UserModel } from './modules/auth/auth.model';
import { hashPassword } from './modules/auth/auth.service';
import { seedApplicationDemo } from './modules/applications/applications.demo';
import { seedQueueDemo } from './modules/inspections/inspections.demo';
import { seedInspectionHistory } from './modules/stats/stats.history';
import { seedDepartments } from './modules/departments/departments.service';
import { seedJointDemo } from './modules/joint/joint.demo';
import { seedPresiteDemo } from './modules/presite/presite.demo';
import { seedRepairDemo } from './modules/credit-repair/credit-repair.demo';

/** The demo password of seeded staff-side accounts; printed by `npm start`, never used in production. */
export const demoPassword = 'ycta-demo-2026';

interface DemoUser { username: string; displayName: string; role: Role; departmentCode?: string }

export const demoUsers: DemoUser[] = [
  { username: 'applicant-red', displayName: '红梅网咖 负责人', role: 'applicant' },
  { username: 'applicant-orange', displayName: '橙心托育 负责人', role: 'applicant' },
  { username: 'applicant-blue', displayName: '蓝图培训 负责人', role: 'applicant' },
  { username: 'applicant-black', displayName: '黑石娱乐 负责人', role: 'applicant' },
  { username: 'inspector1', displayName: '张踏勘', role: 'inspector' },
  { username: 'inspector2', displayName: '李踏勘', role: 'inspector' },
  { username: 'expert1', displayName: '王专家', role: 'expert' },
  { username: 'staff1', displayName: '赵审核', role: 'staff' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  // department inspectors of joint inspections (综合查一次): two per department, so the draw has a choice
  { username: 'market1', displayName: '陈市监', role: 'inspector', departmentCode: 'market' },
  { username: 'market2', displayName: '周市监', role: 'inspector', departmentCode: 'market' },
  { username: 'fire1', displayName: '吴消防', role: 'inspector', departmentCode: 'fire' },
  { username: 'fire2', displayName: '郑消防', role: 'inspector', departmentCode: 'fire' },
  { username: 'health1', displayName: '孙卫健', role: 'inspector', departmentCode: 'health' },
  { username: 'applicant-catering', displayName: '椰香餐厅 负责人', role: 'applicant' },
  { username: 'reviewer-market', displayName: '钱监管', role: 'dept_reviewer', departmentCode: 'market' },
  { username: 'reviewer-culture', displayName: '孙文旅', role: 'dept_reviewer', departmentCode: 'culture' },
  { username: 'reviewer-approval', displayName: '周审批', role: 'dept_reviewer', departmentCode: 'approval' },
];

/** Demo data for `npm start`, `npm run seed` and tests. Idempotent: existing records are left as they are. */
export async function seedDemoData(opts: { quiet?: boolean; queues?: boolean } = {}): Promise<{ created: number }> {
  let created = 0;
  const departments = await seedDepartments();
  if (!opts.quiet) console.log(`[seed] departments: ${departments} created`);
  const passwordHash = await hashPassword(demoPassword);
  for (const u of demoUsers) {
    const res = await UserModel.updateOne(
      { username: u.username },
      { $setOnInsert: { ...u, departmentCode: u.departmentCode ?? null, passwordHash: u.role === 'applicant' ? null : passwordHash } },
      { upsert: true },
    );
    created += res.upsertedCount;
  }
  if (!opts.quiet) console.log(`[seed] users: ${created} created, ${demoUsers.length - created} already there`);
  const demo = await seedApplicationDemo();
  if (!opts.quiet) console.log(`[seed] matters: ${demo.matters}, subjects: ${demo.subjects}, applications: ${demo.applications} created`);
  const joint = await seedJointDemo();
  if (!opts.quiet) console.log(`[seed] joint inspections: ${joint.scenes} scenes, ${joint.subjects} catering subjects created`);
  // past inspections for the figures page only: their own collection, never live inspections
  if (opts.queues) {
    // `npm start` only: tests count their own cases, so they start without this extra work in the queues
    const queued = await seedQueueDemo();
    if (!opts.quiet) console.log(`[seed] demo cases in the inspectors' queues: ${queued} created`);
  }
  const history = await seedInspectionHistory();
  if (!opts.quiet) console.log(`[seed] inspection history (figures only): ${history} created`);
  const presite = await seedPresiteDemo();
  if (!opts.quiet) console.log(`[seed] 预选址 rule sets: ${presite.ruleSets} created, demo layer ${presite.layer ? 'imported' : 'already there'}`);
  const repairRecords = await seedRepairDemo();
  if (!opts.quiet) console.log(`[seed] dishonesty records (credit repair demo): ${repairRecords} created`);
  return { created };
}
