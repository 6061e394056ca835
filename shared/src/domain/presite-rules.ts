import { z } from 'zod';
import { buildingUseLabels, buildingUses, landUseLabels, landUses, placeKinds, ruleResults } from './presite-labels';

export * from './presite-labels';

/**
 * 预选址 rules: whether a candidate site can be licensed for a matter, answered before the business rents it. Rules
 * are versioned data (`presite-rules.data.ts` holds the cited defaults, admins publish new versions); this file is the
 * pure evaluation: no I/O, the BFF hands in the nearby places it measured.
 */

/** Kinds of places the rules measure against (the map layer staff import). */
export const PlaceKind = z.enum(placeKinds);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** The building's use as the property certificate or lease states it. */
export const BuildingUse = z.enum(buildingUses);
export type BuildingUse = z.infer<typeof BuildingUse>;

export const LandUse = z.enum(landUses);
export type LandUse = z.infer<typeof LandUse>;

export const RuleResult = z.enum(ruleResults);
export type RuleResult = z.infer<typeof RuleResult>;

/** Where a rule comes from: the text, its article, and (for a number the law leaves open) the local policy that sets it. */
export const RuleBasis = z.object({
  source: z.string().min(2).max(120),
  article: z.string().max(60),
  /** The provision in short, as the advice letter cites it. */
  text: z.string().min(2).max(400),
  /** Set when a parameter is local policy rather than the law's own number: what sets it and that it is a default. */
  localPolicy: z.string().max(300).optional(),
});
export type RuleBasis = z.infer<typeof RuleBasis>;

const ruleCommon = {
  id: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  title: z.string().min(2).max(60),
  basis: RuleBasis,
  /** Checklist points of the matter's licence inspection this rule settles when it is met. */
  settlesChecklistItemIds: z.array(z.string().max(48)).max(10).default([]),
};

export const DistanceRule = z.object({
  ...ruleCommon,
  kind: z.literal('distance'),
  placeKinds: z.array(PlaceKind).min(1),
  /** The word the figure uses for the nearest place ("中小学校"). */
  placeLabel: z.string().min(1).max(30),
  /** A place at this distance or closer breaks the rule ("200 米范围内" includes 200 m). */
  minMeters: z.number().int().min(1).max(5000),
  /** What a closer place means: the law's own number refuses; an unspecified "周围" asks a person to look. */
  whenCloser: z.enum(['noncompliant', 'manual']),
});
export const BuildingUseRule = z.object({
  ...ruleCommon,
  kind: z.literal('buildingUse'),
  forbiddenUses: z.array(BuildingUse),
  manualUses: z.array(BuildingUse).default([]),
  forbiddenLandUses: z.array(LandUse).default([]),
  manualLandUses: z.array(LandUse).default([]),
});
export const FloorRule = z.object({
  ...ruleCommon,
  kind: z.literal('floors'),
  /** Lowest floor allowed (−1 = first underground floor); absent: no lower bound. */
  lowestFloor: z.number().int().min(-10).max(100).optional(),
  /** Highest floor allowed; absent: no upper bound. */
  highestFloor: z.number().int().min(1).max(200).optional(),
});
export const PresiteRule = z.discriminatedUnion('kind', [DistanceRule, BuildingUseRule, FloorRule]);
export type PresiteRule = z.infer<typeof PresiteRule>;

/** The candidate site as the applicant describes it. Floors count 1, 2, … above ground and −1, −2, … below; no 0. */
export interface PresiteSiteFacts {
  lowestFloor: number;
  highestFloor: number;
  buildingUse: BuildingUse;
  landUse: LandUse;
}

/** A place of the layer near the site, measured by the BFF. */
export interface NearbyPlace { kind: PlaceKind; name: string; meters: number }

export interface LayerFacts {
  /** Places within `searchMeters` of the site, any order. */
  nearby: NearbyPlace[];
  /** How far the BFF looked: a rule's minimum must not exceed it. */
  searchMeters: number;
  /** Kinds the layer holds at all: without any place of a kind, "none nearby" proves nothing. */
  kindsInLayer: PlaceKind[];
}

export interface RuleOutcome {
  ruleId: string;
  title: string;
  result: RuleResult;
  /** The measured figure in words, e.g. "最近的中小学校 153 米：某某中学". */
  figure: string;
  basis: RuleBasis;
  settlesChecklistItemIds: string[];
  nearest?: { name: string; kind: PlaceKind; meters: number };
}

const floorName = (f: number) => (f < 0 ? `地下${-f}层` : `${f}层`);
const floorsText = (s: PresiteSiteFacts) =>
  s.lowestFloor === s.highestFloor ? floorName(s.lowestFloor) : `${floorName(s.lowestFloor)}至${floorName(s.highestFloor)}`;

function distanceOutcome(rule: z.infer<typeof DistanceRule>, layer: LayerFacts): Pick<RuleOutcome, 'result' | 'figure' | 'nearest'> {
  const candidates = layer.nearby.filter((p) => rule.placeKinds.includes(p.kind)).sort((a, b) => a.meters - b.meters);
  const nearest = candidates[0];
  if (!nearest) {
    if (!rule.placeKinds.some((k) => layer.kindsInLayer.includes(k))) {
      return { result: 'manual', figure: `地图图层中没有${rule.placeLabel}数据，无法测距` };
    }
    if (layer.searchMeters < rule.minMeters) return { result: 'manual', figure: `只查询了 ${layer.searchMeters} 米范围，不足 ${rule.minMeters} 米` };
    return { result: 'compliant', figure: `${layer.searchMeters} 米内没有${rule.placeLabel}` };
  }
  const figure = `最近的${rule.placeLabel} ${nearest.meters} 米：${nearest.name}`;
  const near = { name: nearest.name, kind: nearest.kind, meters: nearest.meters };
  if (nearest.meters <= rule.minMeters) return { result: rule.whenCloser, figure: `${figure}（不超过 ${rule.minMeters} 米）`, nearest: near };
  return { result: 'compliant', figure: `${figure}（超过 ${rule.minMeters} 米）`, nearest: near };
}

function buildingUseOutcome(rule: z.infer<typeof BuildingUseRule>, site: PresiteSiteFacts): Pick<RuleOutcome, 'result' | 'figure'> {
  const figure = `房屋用途：${buildingUseLabels[site.buildingUse]}；土地用途：${landUseLabels[site.landUse]}`;
  if (rule.forbiddenUses.includes(site.buildingUse) || rule.forbiddenLandUses.includes(site.landUse)) return { result: 'noncompliant', figure };
  if (rule.manualUses.includes(site.buildingUse) || rule.manualLandUses.includes(site.landUse)) return { result: 'manual', figure };
  return { result: 'compliant', figure };
}

function floorOutcome(rule: z.infer<typeof FloorRule>, site: PresiteSiteFacts): Pick<RuleOutcome, 'result' | 'figure'> {
  const tooLow = rule.lowestFloor !== undefined && site.lowestFloor < rule.lowestFloor;
  const tooHigh = rule.highestFloor !== undefined && site.highestFloor > rule.highestFloor;
  const allowed = [
    rule.lowestFloor !== undefined ? `不低于${floorName(rule.lowestFloor)}` : null,
    rule.highestFloor !== undefined ? `不高于${floorName(rule.highestFloor)}` : null,
  ].filter(Boolean).join('、');
  return { result: tooLow || tooHigh ? 'noncompliant' : 'compliant', figure: `所在楼层：${floorsText(site)}（应${allowed}）` };
}

/** Answers every rule for one site: 符合 / 不符合 / 需人工核实, each with the figure it rests on. */
export function evaluatePresite(rules: readonly PresiteRule[], site: PresiteSiteFacts, layer: LayerFacts): RuleOutcome[] {
  return rules.map((rule) => {
    const answer = rule.kind === 'distance' ? distanceOutcome(rule, layer)
      : rule.kind === 'buildingUse' ? buildingUseOutcome(rule, site)
        : floorOutcome(rule, site);
    return { ruleId: rule.id, title: rule.title, basis: rule.basis, settlesChecklistItemIds: rule.settlesChecklistItemIds ?? [], ...answer };
  });
}

/** The overall answer: any 不符合 refuses, else any 需人工核实 asks a person, else 符合. */
export function overallResult(results: readonly RuleResult[]): RuleResult {
  if (results.includes('noncompliant')) return 'noncompliant';
  if (results.includes('manual')) return 'manual';
  return 'compliant';
}

/** The farthest any rule measures: how far the BFF must look around a site. */
export const searchRadiusOf = (rules: readonly PresiteRule[]) =>
  Math.max(0, ...rules.map((r) => (r.kind === 'distance' ? r.minMeters : 0)));
