import { checkPresiteForm, type PresiteForm } from './request.form';

const filled: PresiteForm = {
  matterCode: 'internet-cafe', siteAddress: '海口市龙华区国贸路 20 号 2 层', point: null, coordinates: '20.0226, 110.3254',
  lowestFloor: '2', highestFloor: '2', aboveGroundFloors: '6', undergroundFloors: '1', buildingUse: 'commercial',
  landUse: 'commercial', floorArea: '320', plannedOpeningOn: '2027-03-01',
};
const today = '2026-11-30';

describe('checkPresiteForm', () => {
  it('when everything is filled in, then the body carries typed coordinates as WGS-84 and numbers as numbers', () => {
    const { body, problems } = checkPresiteForm(filled, today);
    expect(problems).toEqual({});
    expect(body).toMatchObject({ site: { lat: 20.0226, lng: 110.3254 }, datum: 'wgs84', lowestFloor: 2, aboveGroundFloors: 6, floorArea: 320 });
  });

  it('when the site was picked on the map, then it is sent as GCJ-02 for the BFF to convert', () => {
    const { body } = checkPresiteForm({ ...filled, coordinates: '', point: { lat: 20.02, lng: 110.33, name: '国贸' } }, today);
    expect(body).toMatchObject({ site: { lat: 20.02, lng: 110.33 }, datum: 'gcj02' });
  });

  it.each([
    ['floor 0', { lowestFloor: '0' }, 'lowestFloor', /没有 0 层/],
    ['floor 7 of a 6-storey building', { lowestFloor: '7', highestFloor: '7' }, 'lowestFloor', /超出建筑层数/],
    ['basement −2 with one basement floor', { lowestFloor: '-2', highestFloor: '-1' }, 'lowestFloor', /超出建筑层数/],
    ['no coordinates and no map pick', { coordinates: '' }, 'coordinates', /地图上选点/],
    ['an opening date in the past', { plannedOpeningOn: '2025-01-01' }, 'plannedOpeningOn', /不能早于今天/],
    ['no building use', { buildingUse: '' }, 'buildingUse', /房屋用途/],
  ] as const)('when the form has %s, then nothing is sent and the field says why', (_name, change, field, message) => {
    const { body, problems } = checkPresiteForm({ ...filled, ...change }, today);
    expect(body).toBeNull();
    expect(problems[field]).toMatch(message);
  });
});
