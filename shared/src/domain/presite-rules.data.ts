import type { CreditTier } from './credit-tier';
import type { PresiteRule } from './presite-rules';

/**
 * The default 预选址 rules, version 1 of each matter's rule set, seeded into the database; admins publish later
 * versions (`PUT /api/presite/rules/:matterCode`). Numbers the law itself sets are cited as such; numbers the law leaves
 * to local practice ("周围", "毗连", "远离") carry `localPolicy` saying they are this office's configurable default,
 * not confirmed against any published local rule.
 */

const internetCafeRegulation = '《互联网上网服务营业场所管理条例》（国务院令第363号，2022年修订）';
const entertainmentRegulation = '《娱乐场所管理条例》（国务院令第458号，2020年修订）';
const entertainmentMeasures = '《娱乐场所管理办法》（文化部令第55号）';
const childcareStandard = '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）';
const childcareQuality = '《托育机构质量评估标准》（WS/T 821—2023）';
const localDefault = (what: string) => `${what}法规未规定具体距离，本办公室默认值，可由管理员调整；未核对任何已公布的地方规定。`;

export const defaultPresiteRules: Record<string, PresiteRule[]> = {
  'internet-cafe': [
    {
      id: 'school-distance', kind: 'distance', title: '与中小学校的距离', placeKinds: ['school'], placeLabel: '中小学校',
      minMeters: 200, whenCloser: 'noncompliant', settlesChecklistItemIds: ['distance-from-school'],
      basis: {
        source: internetCafeRegulation, article: '第九条',
        text: '中学、小学校园周围200米范围内和居民住宅楼（院）内不得设立互联网上网服务营业场所。国务院法制办（2003）解释：200米自校园围墙或边界任一点起沿直线计算。',
      },
    },
    {
      id: 'not-residential', kind: 'buildingUse', title: '不在居民住宅楼（院）内', forbiddenUses: ['residential'], manualUses: ['mixed'],
      forbiddenLandUses: [], manualLandUses: ['residential', 'mixed'], settlesChecklistItemIds: [],
      basis: { source: internetCafeRegulation, article: '第九条', text: '居民住宅楼（院）内不得设立互联网上网服务营业场所。商住楼与居住用地上的房屋须人工核实是否属于住宅楼（院）。' },
    },
  ],
  'entertainment-venue': [
    {
      id: 'not-residential-cultural', kind: 'buildingUse', title: '不在住宅、博物馆、图书馆、文物保护建筑内',
      forbiddenUses: ['residential', 'mixed', 'cultural', 'heritage', 'transport'], manualUses: ['other'],
      forbiddenLandUses: [], manualLandUses: ['residential'], settlesChecklistItemIds: [],
      basis: {
        source: entertainmentRegulation, article: '第七条第（一）（三）项',
        text: '娱乐场所不得设在居民楼、博物馆、图书馆和被核定为文物保护单位的建筑物内，不得设在车站、机场等人群密集的场所；《娱乐场所管理办法》第六条：房屋用途中含有住宅的建筑内。',
      },
    },
    {
      id: 'lowest-floor', kind: 'floors', title: '不在地下一层以下', lowestFloor: -1, settlesChecklistItemIds: [],
      basis: { source: entertainmentRegulation, article: '第七条第（四）项', text: `娱乐场所不得设在建筑物地下一层以下；${entertainmentMeasures}第六条第（八）项：不含地下一层。` },
    },
    {
      id: 'sensitive-neighbours', kind: 'distance', title: '不在学校、医院、机关周围', placeKinds: ['school', 'hospital', 'government'],
      placeLabel: '学校、医院或机关', minMeters: 100, whenCloser: 'manual', settlesChecklistItemIds: [],
      basis: {
        source: entertainmentRegulation, article: '第七条第（二）项', text: '娱乐场所不得设在居民住宅区和学校、医院、机关周围。',
        localPolicy: localDefault('“周围”'),
      },
    },
    {
      id: 'heritage-building', kind: 'distance', title: '不在文物保护单位、博物馆、图书馆内', placeKinds: ['heritage'],
      placeLabel: '文物保护单位、博物馆或图书馆', minMeters: 30, whenCloser: 'manual', settlesChecklistItemIds: [],
      basis: {
        source: entertainmentRegulation, article: '第七条第（一）项', text: '不得设在博物馆、图书馆和被核定为文物保护单位的建筑物内。图层中的点位与场所过近时须核实是否同一建筑。',
        localPolicy: localDefault('“同一建筑”的判定'),
      },
    },
    {
      id: 'station-airport', kind: 'distance', title: '不在车站、机场等人群密集场所', placeKinds: ['station'],
      placeLabel: '车站或机场', minMeters: 50, whenCloser: 'manual', settlesChecklistItemIds: [],
      basis: { source: entertainmentRegulation, article: '第七条第（三）项', text: '不得设在车站、机场等人群密集的场所。', localPolicy: localDefault('“人群密集的场所”的范围') },
    },
    {
      id: 'hazardous-chemicals', kind: 'distance', title: '不与危险化学品仓库毗连', placeKinds: ['hazardous'],
      placeLabel: '危险化学品仓库', minMeters: 100, whenCloser: 'noncompliant', settlesChecklistItemIds: [],
      basis: {
        source: entertainmentRegulation, article: '第七条第（五）项',
        text: '不得设在与危险化学品仓库毗连的区域；距离须符合《危险化学品安全管理条例》第十九条的规定。',
        localPolicy: localDefault('“毗连”'),
      },
    },
  ],
  'childcare-filing': [
    {
      id: 'floors-1-to-3', kind: 'floors', title: '托育用房在一至三层，不在地下', lowestFloor: 1, highestFloor: 3,
      settlesChecklistItemIds: ['floor-level'],
      basis: { source: childcareQuality, article: '办托条件·环境空间', text: '婴幼儿生活用房应布置在3层及以下，不应布置在地下室或半地下室（另见《托儿所、幼儿园建筑设计规范》JGJ 39）。' },
    },
    {
      id: 'away-from-hazards', kind: 'distance', title: '远离污染源和危险设施', placeKinds: ['hazardous'],
      placeLabel: '危险设施', minMeters: 100, whenCloser: 'noncompliant', settlesChecklistItemIds: [],
      basis: {
        source: childcareStandard, article: '第十二条', text: '托育机构的场地应当远离对婴幼儿成长有危害的建筑、设施及污染源。',
        localPolicy: localDefault('“远离”'),
      },
    },
  ],
};

/** How the office runs pre-site advice: time limits by tier (red and orange first and faster), validity, its area. */
export const presitePolicy = {
  version: '2026-11.1',
  /** Working days to advise, by the subject's credit tier; the reform's promise is 2, red and orange get 1. */
  timeLimitWorkingDays: { red: 1, orange: 1, blue: 2, black: 2 } satisfies Record<CreditTier, number>,
  /** Queue order: lower first. */
  tierPriority: { red: 0, orange: 1, blue: 2, black: 3 } satisfies Record<CreditTier, number>,
  /** Days an advice letter stays valid (local policy default). */
  validityDays: 90,
  /** An application at most this far from an advised site counts as "that site". */
  sameSiteMeters: 50,
  /** The office's area: sites outside are refused (`PRESITE.OUTSIDE_AREA`). Haikou's administrative extent, roughly. */
  officeArea: { name: '海口市', south: 19.52, north: 20.17, west: 110.07, east: 110.75 },
} as const;
