import type { Department } from '@ycta/shared';
import { DepartmentModel, type DepartmentDoc } from './departments.model';

const toDepartment = (d: DepartmentDoc): Department => ({ code: d._id, name: d.name, shortName: d.shortName });

export async function listDepartments(): Promise<Department[]> {
  const docs = await DepartmentModel.find({}).sort({ _id: 1 }).lean<DepartmentDoc[]>();
  return docs.map(toDepartment);
}

/** The departments with these codes, by code; unknown codes are absent from the map. */
export async function departmentsByCode(codes: readonly string[]): Promise<Map<string, Department>> {
  const docs = await DepartmentModel.find({ _id: { $in: [...new Set(codes)] } }).lean<DepartmentDoc[]>();
  return new Map(docs.map((d) => [d._id, toDepartment(d)]));
}

/** The demo office's departments (Haikou's joint inspections bring these together). */
export const demoDepartments: Department[] = [
  { code: 'market', name: '市场监督管理局', shortName: '市场监管' },
  { code: 'fire', name: '消防救援支队', shortName: '消防' },
  { code: 'health', name: '卫生健康委员会', shortName: '卫健' },
  { code: 'housing', name: '住房和城乡建设局', shortName: '住建' },
  { code: 'culture', name: '旅游和文化广电体育局', shortName: '文旅' },
  // this office: issues the false-material penalties found in its inspections (credit repair decides them too)
  { code: 'approval', name: '行政审批服务局', shortName: '审批' },
];

/** Seeds departments; one already there is left as it is. */
export async function seedDepartments(departments: readonly Department[] = demoDepartments): Promise<number> {
  let created = 0;
  for (const d of departments) {
    const res = await DepartmentModel.updateOne({ _id: d.code }, { $setOnInsert: { name: d.name, shortName: d.shortName } }, { upsert: true });
    created += res.upsertedCount;
  }
  return created;
}
