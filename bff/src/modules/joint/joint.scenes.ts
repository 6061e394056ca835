import { defaultFrequencyTable, type FrequencyTable, type Scene } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { departmentsByCode } from '../departments/departments.service';
import {
  CurrentVersionModel, FrequencyVersionModel, SceneVersionModel, type FrequencyVersionDoc, type SceneVersionDoc,
} from './joint.model';

type SceneBody = Omit<Scene, 'code' | 'version' | 'updatedAt'>;

const toScene = (d: SceneVersionDoc): Scene => ({
  code: d.code, version: d.version, name: d.name, description: d.description, departments: d.departments.map((x) => ({
    departmentCode: x.departmentCode, items: x.items.map(({ id, title, guidance, serious, basis }) => ({ id, title, guidance, serious, basis })),
  })), rectificationWorkingDays: d.rectificationWorkingDays, updatedAt: d.updatedAt.toISOString(),
});

export async function listScenes(): Promise<Scene[]> {
  const pointers = await CurrentVersionModel.find({ _id: { $ne: 'frequency' } }).lean<{ _id: string; version: number }[]>();
  const ids = pointers.map((p) => `${p._id}@${p.version}`);
  const docs = await SceneVersionModel.find({ _id: { $in: ids } }).lean<SceneVersionDoc[]>();
  return docs.map(toScene).sort((a, b) => a.code.localeCompare(b.code));
}

/** A scene at a version (the current one when none is named); 404 when there is none. */
export async function getScene(code: string, version?: number): Promise<Scene> {
  const v = version ?? (await CurrentVersionModel.findById(code).lean<{ version: number }>())?.version;
  const doc = v === undefined ? null : await SceneVersionModel.findById(`${code}@${v}`).lean<SceneVersionDoc>();
  if (!doc) throw new AppError('JOINT.SCENE_NOT_FOUND');
  return toScene(doc);
}

/** Saves a scene as its next version; the versions before stay as they were (plans name the version they used). */
export async function putScene(user: Pick<AuthUser, 'id'>, code: string, body: SceneBody): Promise<Scene> {
  const known = await departmentsByCode(body.departments.map((d) => d.departmentCode));
  const unknown = body.departments.filter((d) => !known.has(d.departmentCode)).map((d) => d.departmentCode);
  if (unknown.length > 0) throw new AppError('JOINT.DEPARTMENT_UNKNOWN', { message: `部门不存在：${unknown.join('、')}` });
  const current = (await CurrentVersionModel.findById(code).lean<{ version: number }>())?.version ?? 0;
  const version = current + 1;
  try {
    await SceneVersionModel.create({ _id: `${code}@${version}`, code, version, ...body, updatedBy: user.id, updatedAt: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('JOINT.VERSION_CONFLICT');
    throw err;
  }
  await CurrentVersionModel.updateOne({ _id: code }, { $set: { version } }, { upsert: true });
  return getScene(code, version);
}

export async function currentFrequencyTable(): Promise<FrequencyVersionDoc> {
  const pointer = await CurrentVersionModel.findById('frequency').lean<{ version: string }>();
  const doc = pointer ? await FrequencyVersionModel.findById(pointer.version).lean<FrequencyVersionDoc>() : null;
  return doc ?? { _id: defaultFrequencyTable.version, table: defaultFrequencyTable, updatedBy: 'system', updatedAt: new Date(0) };
}

export async function frequencyTableOf(version: string): Promise<FrequencyTable> {
  const doc = await FrequencyVersionModel.findById(version).lean<FrequencyVersionDoc>();
  if (doc) return doc.table;
  if (version === defaultFrequencyTable.version) return defaultFrequencyTable;
  throw new AppError('JOINT.POLICY_NOT_FOUND');
}

/** A new version of the frequency table; a version string is used once (the old table stays for the plans that used it). */
export async function putFrequencyTable(user: Pick<AuthUser, 'id'>, table: FrequencyTable): Promise<FrequencyVersionDoc> {
  try {
    await FrequencyVersionModel.create({ _id: table.version, table, updatedBy: user.id, updatedAt: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('JOINT.POLICY_VERSION_EXISTS');
    throw err;
  }
  await CurrentVersionModel.updateOne({ _id: 'frequency' }, { $set: { version: table.version } }, { upsert: true });
  return currentFrequencyTable();
}

/**
 * Demo scenes. The items paraphrase national rules for the trade (the basis named on each); a real office loads its
 * own checklist per scene.
 */
export const demoScenes: (SceneBody & { code: string })[] = [{
  code: 'catering',
  name: '餐饮企业',
  description: '餐饮服务经营者的综合检查：食品安全、消防安全、公共卫生一次查完。',
  rectificationWorkingDays: 10,
  departments: [
    { departmentCode: 'market', items: [
      { id: 'food-licence', title: '食品经营许可证在有效期内并公示', guidance: '核对许可证原件与经营地址、主体名称一致', serious: false, basis: '《食品安全法》第三十五条' },
      { id: 'staff-health', title: '从业人员健康证明齐全', guidance: '抽查在岗人员的健康证明', serious: false, basis: '《食品安全法》第四十五条' },
      { id: 'food-storage', title: '食品贮存分区、离地离墙、生熟分开', guidance: '查看库房与冷藏设施', serious: true, basis: '《食品安全法》第三十三条' },
    ] },
    { departmentCode: 'fire', items: [
      { id: 'extinguishers', title: '灭火器配置到位且在有效期内', guidance: '查看压力表指针在绿区、检验标签', serious: false, basis: '《消防法》第十六条' },
      { id: 'exits-clear', title: '安全出口、疏散通道畅通', guidance: '查看通道无堆物、出口未上锁', serious: true, basis: '《消防法》第二十八条' },
      { id: 'gas-safety', title: '燃气管道与报警装置完好', guidance: '查看燃气报警器与切断阀', serious: true, basis: '《城镇燃气管理条例》第二十八条' },
    ] },
    { departmentCode: 'health', items: [
      { id: 'disinfection', title: '餐饮具清洗消毒设施正常使用', guidance: '查看消毒柜运行与消毒记录', serious: false, basis: '《餐饮服务食品安全操作规范》' },
    ] },
  ],
}, {
  code: 'construction-site',
  name: '建筑工地',
  description: '在建工程的综合检查：施工安全、消防、扬尘治理。',
  rectificationWorkingDays: 5,
  departments: [
    { departmentCode: 'housing', items: [
      { id: 'scaffold', title: '脚手架搭设与验收记录', guidance: '查看验收牌与连墙件', serious: true, basis: '《建设工程安全生产管理条例》第二十八条' },
      { id: 'dust', title: '扬尘防治措施（围挡、覆盖、冲洗）', guidance: '查看围挡、裸土覆盖、车辆冲洗', serious: false, basis: '《大气污染防治法》第六十九条' },
    ] },
    { departmentCode: 'fire', items: [
      { id: 'site-extinguishers', title: '施工现场消防器材配置', guidance: '查看动火作业点灭火器', serious: false, basis: '《消防法》第十六条' },
    ] },
  ],
}];

/** Seeds the demo scenes; a scene that already has a version is left as it is. */
export async function seedScenes(): Promise<number> {
  let created = 0;
  for (const { code, ...body } of demoScenes) {
    if (await CurrentVersionModel.findById(code).lean()) continue;
    await putScene({ id: 'system' }, code, body);
    created += 1;
  }
  return created;
}
