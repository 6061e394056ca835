import { currentLayerInfo, importLayer } from './places.service';
import { seedPresiteRules } from './presite-rules.service';

/**
 * Demo data for 预选址: the default rules and a small layer of places around Haikou. The places are made up near the
 * seeded sites (names marked 演示) so the demo shows each answer; the layer is labelled as demo wherever it is shown.
 */
const demoLayerCsv = `类别,名称,纬度,经度
中小学校,国贸实验小学（演示）,20.0258,110.3254
中小学校,龙华第十中学（演示）,20.0300,110.3200
中小学校,海甸小学（演示）,20.0590,110.3350
医院,龙华区人民医院（演示）,20.0330,110.3460
医院,琼山区医院（演示）,19.9990,110.3555
机关,龙华区人民政府（演示）,20.0310,110.3290
文物保护单位,骑楼老街（演示）,20.0460,110.3500
图书馆,海口市图书馆（演示）,20.0280,110.3380
危险化学品仓库,秀英危险化学品仓库（演示）,20.0100,110.2600
车站,海口火车站（演示）,20.0280,110.1630
机场,美兰国际机场（演示）,19.9420,110.4590
`;

export const demoLayerLabel = '海口演示图层（演示数据，非真实场所）';

export async function seedPresiteDemo(): Promise<{ ruleSets: number; layer: boolean }> {
  const ruleSets = await seedPresiteRules();
  if (await currentLayerInfo()) return { ruleSets, layer: false };
  await importLayer({ format: 'csv', text: demoLayerCsv, label: demoLayerLabel, demo: true }, 'system');
  return { ruleSets, layer: true };
}
