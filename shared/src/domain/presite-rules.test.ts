import { evaluatePresite, overallResult, PresiteRule, type LayerFacts, type PresiteSiteFacts } from './presite-rules';
import { defaultPresiteRules } from './presite-rules.data';

const shop: PresiteSiteFacts = { lowestFloor: 1, highestFloor: 1, buildingUse: 'commercial', landUse: 'commercial' };
const layer = (nearby: LayerFacts['nearby']): LayerFacts => ({ nearby, searchMeters: 1000, kindsInLayer: ['school', 'hospital', 'government', 'heritage', 'hazardous', 'station'] });
const ruleOf = (matter: string, id: string) => {
  const rule = defaultPresiteRules[matter]!.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

describe('the default rule sets', () => {
  it('when every default rule is parsed by the schema, then each is valid and cites its source and article', () => {
    for (const rules of Object.values(defaultPresiteRules)) {
      for (const rule of rules) {
        expect(PresiteRule.parse(rule)).toBeTruthy();
        expect(rule.basis.source).toMatch(/《.+》/);
      }
    }
  });
});

describe('internet café: not within 200 m of a primary or middle school', () => {
  const rule = ruleOf('internet-cafe', 'school-distance');
  it.each([
    [199, 'noncompliant', '最近的中小学校 199 米：海口市第九中学（不超过 200 米）'],
    [200, 'noncompliant', '最近的中小学校 200 米：海口市第九中学（不超过 200 米）'],
    [201, 'compliant', '最近的中小学校 201 米：海口市第九中学（超过 200 米）'],
  ])('when the nearest school is %i m away, then the rule answers %s with the figure', (meters, result, figure) => {
    const [outcome] = evaluatePresite([rule], shop, layer([{ kind: 'school', name: '海口市第九中学', meters }]));
    expect(outcome).toMatchObject({ result, figure, nearest: { name: '海口市第九中学', meters }, settlesChecklistItemIds: ['distance-from-school'] });
  });

  it('when a hospital is 50 m away but the nearest school is 201 m, then only the school counts', () => {
    const [outcome] = evaluatePresite([rule], shop, layer([{ kind: 'hospital', name: '人民医院', meters: 50 }, { kind: 'school', name: '某小学', meters: 201 }]));
    expect(outcome!.result).toBe('compliant');
  });

  it('when no school lies within the search radius, then it complies and says how far was searched', () => {
    const [outcome] = evaluatePresite([rule], shop, layer([]));
    expect(outcome).toMatchObject({ result: 'compliant', figure: '1000 米内没有中小学校' });
  });

  it('when the layer holds no schools at all, then a person must check: absence of data proves nothing', () => {
    const [outcome] = evaluatePresite([rule], shop, { nearby: [], searchMeters: 1000, kindsInLayer: ['hospital'] });
    expect(outcome).toMatchObject({ result: 'manual', figure: '地图图层中没有中小学校数据，无法测距' });
  });
});

describe('residential buildings', () => {
  it.each([
    ['internet-cafe', 'not-residential', 'residential', 'noncompliant'],
    ['internet-cafe', 'not-residential', 'mixed', 'manual'],
    ['internet-cafe', 'not-residential', 'commercial', 'compliant'],
    ['entertainment-venue', 'not-residential-cultural', 'residential', 'noncompliant'],
    ['entertainment-venue', 'not-residential-cultural', 'mixed', 'noncompliant'],
    ['entertainment-venue', 'not-residential-cultural', 'heritage', 'noncompliant'],
    ['entertainment-venue', 'not-residential-cultural', 'commercial', 'compliant'],
  ] as const)('when a %s site (rule %s) is in a building of use %s, then it answers %s', (matter, id, buildingUse, result) => {
    const [outcome] = evaluatePresite([ruleOf(matter, id)], { ...shop, buildingUse }, layer([]));
    expect(outcome!.result).toBe(result);
    expect(outcome!.figure).toMatch(/^房屋用途：/);
  });

  it('when a commercial building stands on residential land, then a person must check the 住宅楼（院）question', () => {
    const [outcome] = evaluatePresite([ruleOf('internet-cafe', 'not-residential')], { ...shop, landUse: 'residential' }, layer([]));
    expect(outcome!.result).toBe('manual');
  });
});

describe('floors', () => {
  const childcare = ruleOf('childcare-filing', 'floors-1-to-3');
  const entertainment = ruleOf('entertainment-venue', 'lowest-floor');
  it.each([
    ['childcare', 3, 3, 'compliant', '所在楼层：3层（应不低于1层、不高于3层）'],
    ['childcare', 1, 3, 'compliant', '所在楼层：1层至3层（应不低于1层、不高于3层）'],
    ['childcare', 4, 4, 'noncompliant', '所在楼层：4层（应不低于1层、不高于3层）'],
    ['childcare', 3, 4, 'noncompliant', '所在楼层：3层至4层（应不低于1层、不高于3层）'],
    ['childcare', -1, -1, 'noncompliant', '所在楼层：地下1层（应不低于1层、不高于3层）'],
    ['entertainment', -1, -1, 'compliant', '所在楼层：地下1层（应不低于地下1层）'],
    ['entertainment', -2, -1, 'noncompliant', '所在楼层：地下2层至地下1层（应不低于地下1层）'],
    ['entertainment', -2, -2, 'noncompliant', '所在楼层：地下2层（应不低于地下1层）'],
  ])('when a %s site spans floors %i to %i, then it answers %s', (matter, lowestFloor, highestFloor, result, figure) => {
    const rule = matter === 'childcare' ? childcare : entertainment;
    const [outcome] = evaluatePresite([rule], { ...shop, lowestFloor, highestFloor }, layer([]));
    expect(outcome).toMatchObject({ result, figure });
  });
});

describe('local-policy distances ask a person instead of refusing', () => {
  it('when a hospital is 80 m from an entertainment venue, then 需人工核实 with the figure, and the letter cites the local default', () => {
    const rule = ruleOf('entertainment-venue', 'sensitive-neighbours');
    const [outcome] = evaluatePresite([rule], shop, layer([{ kind: 'hospital', name: '海口市人民医院', meters: 80 }]));
    expect(outcome).toMatchObject({ result: 'manual', figure: '最近的学校、医院或机关 80 米：海口市人民医院（不超过 100 米）' });
    expect(outcome!.basis.localPolicy).toMatch(/默认值/);
  });
});

describe('overallResult', () => {
  it.each([
    [['compliant', 'compliant'], 'compliant'],
    [['compliant', 'manual'], 'manual'],
    [['manual', 'noncompliant'], 'noncompliant'],
    [[], 'compliant'],
  ] as const)('when the rules answer %j, then the whole answers %s', (results, expected) => {
    expect(overallResult(results)).toBe(expected);
  });
});
