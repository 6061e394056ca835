import type { CommitmentText, MaterialRequirement, MatterMaterials } from '@ycta/shared';

/**
 * The seeded material lists of the four demo matters (version 2026-11.1). Staff and admin edit them through
 * `PUT /matters/:code/materials`, which stores a new version; applications keep the version they were filed under.
 *
 * Basis, as far as it could be read here: 国办发〔2020〕42号 (the national 告知承诺 rules: the office states the
 * obligation, the content and the liability of a false promise in writing; the applicant signs; a false one ends the
 * case or revokes the decision and goes on the credit record; applicants with serious bad-credit records or a past false
 * commitment are excluded until repaired) and the Hainan 容缺受理 practice as published by 三亚市营商环境建设局 (basic
 * conditions and main materials present, minor ones later within a stated time, a written 容缺受理承诺书). The
 * supplement periods (5 working days) and the 20-working-day check period are this office's choice: no Hainan text
 * fixing them could be confirmed here.
 */
const national = '国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）';
const hainan = '三亚市营商环境建设局“容缺受理”机制（第一批63项事项清单，依托海南政务服务网、“海易办”）';

const falseCommitment =
  '如承诺不实，审批机关将依法终止办理或撤销已作出的决定，责令限期整改，并将不实承诺记入信用记录、予以信用扣减' +
  '（信用等级下调），在信用修复前不再适用告知承诺和容缺受理；情节严重的依法追究法律责任。';

const fireSafety: CommitmentText = {
  version: 'fire-2026-11.1',
  text: '本单位郑重承诺：经营场所已依法符合消防技术标准和管理规定，已按标准配置消防设施和器材，设置安全出口、疏散通道、' +
    '疏散指示标志和应急照明并保持完好有效；投入使用、营业后将持续保持消防安全条件，接受消防救援机构和审批机关的核查。',
  consequences: falseCommitment,
};

const noDisqualification: CommitmentText = {
  version: 'disqualification-2026-11.1',
  text: '本人郑重承诺：本单位法定代表人、主要负责人、投资人不具有《娱乐场所管理条例》第五条规定的不得开办娱乐场所或' +
    '在娱乐场所内从业的情形（如曾犯组织、强迫、引诱、容留、介绍卖淫罪，制作、贩卖、传播淫秽物品罪，走私、贩卖、' +
    '运输、制造毒品罪等）。',
  consequences: falseCommitment,
};

const staffHealth: CommitmentText = {
  version: 'staff-health-2026-11.1',
  text: '本机构郑重承诺：全部保育、保健、炊事人员均已取得有效健康合格证明，上岗前均经过岗前培训，无《托育机构设置标准（试行）》' +
    '规定的不得从事托育服务的情形。',
  consequences: falseCommitment,
};

const licence = (what = '营业执照'): MaterialRequirement => ({
  id: 'business-licence', name: what, whatCounts: `${what}正本或副本的照片或扫描件，信息清晰完整`,
  acceptedKinds: ['image', 'pdf'], essential: true, gapAllowed: false, commitment: null,
});
const lease: MaterialRequirement = {
  id: 'lease', name: '经营场所产权证明或房屋租赁合同', whatCounts: '不动产权证书，或租期不少于一年的房屋租赁合同（含出租方产权证明）',
  acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null,
};
const floorPlan: MaterialRequirement = {
  id: 'floor-plan', name: '平面布置图', whatCounts: '标明面积、功能分区、安全出口和疏散通道的经营场所平面布置图',
  acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null,
};
const fire: MaterialRequirement = {
  id: 'fire-safety', name: '消防安全检查合格证明或承诺', whatCounts: '公众聚集场所投入使用、营业前消防安全检查合格证，或签署消防安全告知承诺书',
  acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: false, commitment: fireSafety,
};

const common = { version: '2026-11.1', basis: [national, hainan], commitmentCheckWorkingDays: 20 };

export const matterMaterials: Record<string, MatterMaterials> = {
  'internet-cafe': {
    ...common,
    basis: [...common.basis, '互联网上网服务营业场所管理条例（第十一条：申请设立应提交的材料）'],
    items: [
      licence(),
      { id: 'legal-rep-id', name: '法定代表人身份证明', whatCounts: '法定代表人居民身份证正反面', acceptedKinds: ['image', 'pdf'], essential: true, gapAllowed: false, commitment: null },
      lease, fire, floorPlan,
      {
        id: 'network-security', name: '网络与信息安全技术措施说明', whatCounts: '实名登记、上网日志留存和过滤软件的安装与运行说明',
        acceptedKinds: ['pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null,
      },
    ],
  },
  'entertainment-venue': {
    ...common,
    basis: [...common.basis, '娱乐场所管理条例（第五条、第九条）'],
    items: [
      licence(),
      {
        id: 'no-disqualification', name: '投资人及负责人无禁止情形证明', whatCounts: '公安机关出具的无犯罪记录证明，或签署无禁止情形告知承诺书',
        acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: false, commitment: noDisqualification,
      },
      lease, fire, floorPlan,
      {
        id: 'noise-report', name: '环境噪声检测报告', whatCounts: '有资质的检测机构出具的边界噪声检测报告',
        acceptedKinds: ['pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null,
      },
    ],
  },
  'childcare-filing': {
    ...common,
    basis: [...common.basis, '托育机构设置标准（试行）、托育机构登记和备案办法（试行）'],
    items: [
      licence('营业执照或事业单位法人证书'),
      { id: 'filing-form', name: '托育机构备案书', whatCounts: '加盖公章的托育机构备案书（含收托规模、服务形式）', acceptedKinds: ['image', 'pdf'], essential: true, gapAllowed: false, commitment: null },
      lease, fire,
      {
        id: 'staff-health', name: '工作人员健康合格证明', whatCounts: '保育、保健、炊事人员的健康合格证明，或签署告知承诺书',
        acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: staffHealth,
      },
      floorPlan,
    ],
  },
  'training-school': {
    ...common,
    basis: [...common.basis, '民办教育促进法实施条例、校外培训机构设置标准'],
    items: [
      { id: 'founder-qualification', name: '举办者资格证明', whatCounts: '举办者营业执照或身份证明，及资产和信用情况说明', acceptedKinds: ['image', 'pdf'], essential: true, gapAllowed: false, commitment: null },
      { id: 'charter', name: '机构章程', whatCounts: '经举办者签章的机构章程', acceptedKinds: ['pdf'], essential: true, gapAllowed: false, commitment: null },
      lease, fire,
      {
        id: 'teacher-certificates', name: '教师资格证明', whatCounts: '拟聘教师的资格证书或相应专业能力证明',
        acceptedKinds: ['image', 'pdf'], essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null,
      },
      floorPlan,
    ],
  },
};
