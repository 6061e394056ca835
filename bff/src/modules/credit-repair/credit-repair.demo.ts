import { addMonths, shanghaiDate, type RecordKind, type Severity } from '@ycta/shared';
import { isDuplicateKey } from '../../infra/db';
import { DishonestyRecordModel } from './dishonesty-record.model';

/** The black demo subject (海口黑石娱乐有限公司, applicant-black): records that show every repair answer. */
const blackUscc = '91460100MA5TH3S4B7';

interface DemoRecord {
  key: string; kind: RecordKind; departmentCode: string; decisionNo: string; monthsAgo: number; purpose: string;
  severity: Severity; fulfilled: boolean; legallyUnrepairable?: boolean;
}

// dates relative to today, so "repairable now" and "from when" stay true whenever the demo is seeded
const records: DemoRecord[] = [
  { key: 'A', kind: 'administrative_penalty', departmentCode: 'market', decisionNo: '海市监罚〔2026〕118号', monthsAgo: 5, purpose: '销售超过保质期的预包装饮料，罚款 5,000 元', severity: 'general', fulfilled: true },
  { key: 'B', kind: 'administrative_penalty', departmentCode: 'culture', decisionNo: '海旅文罚〔2026〕42号', monthsAgo: 4, purpose: '未按规定核验上网消费者身份证件，罚款 3,000 元', severity: 'general', fulfilled: true },
  { key: 'C', kind: 'administrative_penalty', departmentCode: 'fire', decisionNo: '海消行罚〔2026〕77号', monthsAgo: 1, purpose: '疏散通道堆放杂物，罚款 2,000 元', severity: 'general', fulfilled: true },
  { key: 'D', kind: 'abnormal_operation', departmentCode: 'market', decisionNo: '海市监异〔2026〕9号', monthsAgo: 2, purpose: '未按期公示 2025 年度报告', severity: 'minor', fulfilled: false },
  { key: 'E', kind: 'administrative_penalty', departmentCode: 'health', decisionNo: '海卫罚〔2026〕15号', monthsAgo: 6, purpose: '公共场所卫生许可证过期经营（法律规定不予修复的情形，演示用）', severity: 'minor', fulfilled: true, legallyUnrepairable: true },
];

export async function seedRepairDemo(now = new Date()): Promise<number> {
  const today = shanghaiDate(now);
  let created = 0;
  for (const r of records) {
    try {
      await DishonestyRecordModel.create({
        uscc: blackUscc, kind: r.kind, departmentCode: r.departmentCode, decisionNo: r.decisionNo, decidedOn: addMonths(today, -r.monthsAgo),
        purpose: r.purpose, severity: r.severity, fulfilled: r.fulfilled, legallyUnrepairable: r.legallyUnrepairable ?? false,
        state: 'active', origin: 'staff', entryKey: `seed:${blackUscc}:${r.key}`, recordedBy: 'seed', recordedAt: now,
      });
      created++;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return created;
}
