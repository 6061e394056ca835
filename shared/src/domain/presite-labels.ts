/**
 * The words of 预选址 (kinds of places, building and land uses, rule answers), without zod, so the mini-program's
 * pages can show them without carrying the schemas into the weapp package.
 */

export const placeKinds = ['school', 'hospital', 'government', 'heritage', 'hazardous', 'station'] as const;
export const placeKindLabels: Record<(typeof placeKinds)[number], string> = {
  school: '中小学校', hospital: '医院', government: '党政机关', heritage: '文物保护单位、博物馆、图书馆',
  hazardous: '危险化学品仓库及危险设施', station: '车站、机场',
};

export const buildingUses = ['residential', 'mixed', 'commercial', 'office', 'industrial', 'cultural', 'heritage', 'transport', 'other'] as const;
export const buildingUseLabels: Record<(typeof buildingUses)[number], string> = {
  residential: '住宅', mixed: '商住', commercial: '商业', office: '办公', industrial: '工业',
  cultural: '博物馆、图书馆', heritage: '文物保护建筑', transport: '车站、机场', other: '其他',
};

/** Land use on the property certificate (国土空间用途分类, simplified). */
export const landUses = ['commercial', 'residential', 'mixed', 'industrial', 'public', 'other'] as const;
export const landUseLabels: Record<(typeof landUses)[number], string> = {
  commercial: '商业服务业用地', residential: '居住用地', mixed: '商住混合用地', industrial: '工业用地',
  public: '公共管理与公共服务用地', other: '其他用地',
};

export const ruleResults = ['compliant', 'noncompliant', 'manual'] as const;
export const ruleResultLabels: Record<(typeof ruleResults)[number], string> = { compliant: '符合', noncompliant: '不符合', manual: '需人工核实' };
