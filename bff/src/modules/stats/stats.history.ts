import type { CreditTier } from '@ycta/shared';
import { InspectionHistoryModel } from './stats.history.model';

/**
 * The office's register before this system, as seeded history (figures only, never live inspections): 2,434
 * inspections over 93 matters, 1,015 of them remote (41.7 %); remote ones took 30 minutes on average and on-site ones
 * 180 — the reform's own numbers. Deterministic, so a demo shows the same figures every time.
 */
const matterKinds = [
  '互联网上网服务营业场所', '娱乐场所经营', '托育机构', '校外培训机构', '食品经营', '小餐饮', '药品零售', '医疗器械经营',
  '旅馆业特种行业', '公共浴室卫生', '美容美发卫生', '游泳场所卫生', '歌舞娱乐场所', '游艺娱乐场所', '出版物零售',
  '印刷经营', '电影放映', '营业性演出场所', '养老机构', '民办幼儿园', '成品油零售', '危险化学品经营', '烟花爆竹零售',
  '烟草专卖零售', '二手车交易市场', '机动车维修', '道路货物运输站场', '停车场经营', '人力资源服务机构', '劳务派遣',
  '公共场所卫生',
];
const matterActs = ['设立', '变更', '延续'];
export const historyMatters = matterKinds.flatMap((kind, k) =>
  matterActs.map((act, a) => ({ code: `history-${String(k * 3 + a + 1).padStart(3, '0')}`, name: `${kind}${act}` })));

const inspectors = ['张踏勘', '李踏勘', '陈踏勘', '刘踏勘', '杨踏勘', '黄踏勘'];
const remoteCount = 1015;
const totalCount = 2434;
/** Offsets that cancel out in every run of five, so the averages are exactly 30 and 180 minutes. */
const remoteOffsets = [-10, 10, -5, 5, 0];
const onsiteOffsets = [-40, 40, -20, 20, 0];
const remoteTiers: CreditTier[] = ['red', 'red', 'orange', 'orange', 'blue'];
const onsiteTiers: CreditTier[] = ['black', 'blue', 'orange', 'black', 'red'];
const firstConclusion = Date.UTC(2025, 0, 2, 2, 0);
const hour = 3_600_000;

export function historyRecords() {
  return Array.from({ length: totalCount }, (_, i) => {
    const remote = i < remoteCount;
    const n = remote ? i : i - remoteCount;
    // remote inspections come from the 60 matters that allow them; the other 33 were on-site only
    const matter = historyMatters[remote ? n % 60 : n % historyMatters.length]!;
    const minutes = remote ? 30 + remoteOffsets[n % 5]! : 180 + onsiteOffsets[n % 5]!;
    const concludedAt = new Date(firstConclusion + i * 6.5 * hour);
    return {
      source: 'seeded-history' as const,
      matterCode: matter.code,
      matterName: matter.name,
      mode: remote ? 'remote' as const : 'onsite' as const,
      inspector: inspectors[i % inspectors.length]!,
      creditTier: remote ? remoteTiers[n % 5]! : onsiteTiers[n % 5]!,
      requestedAt: remote ? new Date(concludedAt.getTime() - (48 + (n % 4) * 24) * hour) : null,
      firstJoinAt: new Date(concludedAt.getTime() - minutes * 60_000),
      concludedAt,
      durationSeconds: minutes * 60,
    };
  });
}

/** Seeds the history once; later runs leave it as it is. Returns how many records were written. */
export async function seedInspectionHistory(): Promise<number> {
  if (await InspectionHistoryModel.exists({ source: 'seeded-history' })) return 0;
  const records = historyRecords();
  await InspectionHistoryModel.insertMany(records, { lean: true });
  return records.length;
}
