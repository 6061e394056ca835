import type { CreatePresiteBody } from '@ycta/shared/contracts/presite.contract';
import { shanghaiDate } from '../../../text/time';

/** What the form holds while the person fills it in: text as typed, checked before anything is sent. */
export interface PresiteForm {
  matterCode: string;
  siteAddress: string;
  /** A point picked on WeChat's map (GCJ-02). */
  point: { lat: number; lng: number; name: string } | null;
  /** Or typed coordinates, "lat,lng" in WGS-84. */
  coordinates: string;
  lowestFloor: string;
  highestFloor: string;
  aboveGroundFloors: string;
  undergroundFloors: string;
  buildingUse: string;
  landUse: string;
  floorArea: string;
  plannedOpeningOn: string;
}

type Problems = Partial<Record<keyof PresiteForm, string>>;
const int = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

function site(form: PresiteForm, problems: Problems) {
  if (form.point) return { site: { lat: form.point.lat, lng: form.point.lng }, datum: 'gcj02' as const };
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(form.coordinates);
  if (!m) { problems.coordinates = '请在地图上选点，或按“纬度,经度”填写坐标'; return null; }
  return { site: { lat: Number(m[1]), lng: Number(m[2]) }, datum: 'wgs84' as const };
}

/** Checks the form as the BFF would and says why next to each field; returns the body only when it is all good. */
export function checkPresiteForm(form: PresiteForm, today = shanghaiDate(new Date().toISOString())): { problems: Problems; body: CreatePresiteBody | null } {
  const problems: Problems = {};
  if (!form.matterCode) problems.matterCode = '请选择经营类型';
  if (form.siteAddress.trim().length < 5) problems.siteAddress = '请填写完整地址（至少 5 个字）';
  const where = site(form, problems);
  const [low, high, above, under] = [int(form.lowestFloor), int(form.highestFloor), int(form.aboveGroundFloors), int(form.undergroundFloors)];
  if (Number.isNaN(low) || Number.isNaN(high) || low === 0 || high === 0) problems.lowestFloor = '楼层须为整数，没有 0 层（地下一层填 −1）';
  else if (low > high) problems.lowestFloor = '起始楼层不能高于结束楼层';
  if (Number.isNaN(above) || above < 1 || Number.isNaN(under) || under < 0) problems.aboveGroundFloors = '请填写建筑的地上、地下层数';
  else if (!problems.lowestFloor && (high > above || low < -under)) problems.lowestFloor = `所填楼层超出建筑层数（地上 ${above} 层、地下 ${under} 层）`;
  if (!form.buildingUse) problems.buildingUse = '请选择房屋用途';
  if (!form.landUse) problems.landUse = '请选择土地用途';
  const area = Number(form.floorArea);
  if (!(area > 0)) problems.floorArea = '请填写面积（平方米）';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.plannedOpeningOn) || Number.isNaN(Date.parse(form.plannedOpeningOn))) problems.plannedOpeningOn = '请按“年-月-日”填写计划开业日期，例如 2027-03-01';
  else if (form.plannedOpeningOn < today) problems.plannedOpeningOn = '计划开业日期不能早于今天';
  if (Object.keys(problems).length || !where) return { problems, body: null };
  return {
    problems,
    body: {
      matterCode: form.matterCode, siteAddress: form.siteAddress.trim(), ...where, lowestFloor: low, highestFloor: high,
      aboveGroundFloors: above, undergroundFloors: under, buildingUse: form.buildingUse as CreatePresiteBody['buildingUse'],
      landUse: form.landUse as CreatePresiteBody['landUse'], floorArea: area, plannedOpeningOn: form.plannedOpeningOn,
    },
  };
}
