import type { authContract } from '@ycta/shared/contracts/auth.contract';
import type { applicationsContract } from '@ycta/shared/contracts/applications.contract';
import type { creditContract } from '@ycta/shared/contracts/credit.contract';
import type { mattersContract } from '@ycta/shared/contracts/matters.contract';
import type { inspectionsContract } from '@ycta/shared/contracts/inspections.contract';
import type { mediaContract } from '@ycta/shared/contracts/media.contract';
import type { materialsContract } from '@ycta/shared/contracts/materials.contract';
import type { creditRepairContract } from '@ycta/shared/contracts/credit-repair.contract';
import { route } from './route';

type Auth = typeof authContract;
type Applications = typeof applicationsContract;
type Credit = typeof creditContract;
type Matters = typeof mattersContract;
type Inspections = typeof inspectionsContract;
type Media = typeof mediaContract;
type Materials = typeof materialsContract;
type Repair = typeof creditRepairContract;

/** Every route the applicant's app calls; each checked against its shared contract by the compiler. */
export const routes = {
  wechatLogin: route<Auth['wechatLogin']>('POST', '/auth/wechat'),
  devLogin: route<Auth['devLogin']>('POST', '/auth/dev'),
  passwordLogin: route<Auth['passwordLogin']>('POST', '/auth/password'),
  logout: route<Auth['logout']>('POST', '/auth/logout'),
  me: route<Auth['me']>('GET', '/me'),
  listMatters: route<Matters['listMatters']>('GET', '/matters'),
  listApplications: route<Applications['listApplications']>('GET', '/applications'),
  getApplication: route<Applications['getApplication']>('GET', '/applications/:id'),
  createApplication: route<Applications['createApplication']>('POST', '/applications'),
  withdrawApplication: route<Applications['withdrawApplication']>('POST', '/applications/:id/withdrawal'),
  confirmSite: route<Applications['confirmSite']>('POST', '/applications/:id/site-confirmation'),
  requestRemote: route<Credit['requestRemote']>('POST', '/applications/:id/remote-requests'),
  listInspections: route<Inspections['listInspections']>('GET', '/inspections'),
  getInspection: route<Inspections['getInspection']>('GET', '/inspections/:id'),
  book: route<Inspections['book']>('POST', '/inspections/:id/booking'),
  join: route<Inspections['join']>('POST', '/inspections/:id/join'),
  renewToken: route<Inspections['renewToken']>('POST', '/inspections/:id/token'),
  createRoomCode: route<Inspections['createRoomCode']>('POST', '/inspections/:id/room-codes'),
  redeemRoomCode: route<Inspections['redeemRoomCode']>('POST', '/inspections/:id/room-codes/redeem'),
  uploadPhoto: route<Media['uploadPhoto']>('POST', '/inspections/:id/photos'),
  uploadWalkthrough: route<Media['uploadWalkthrough']>('POST', '/inspections/:id/walkthroughs'),
  listPhotos: route<Media['listPhotos']>('GET', '/inspections/:id/photos'),
  getMaterials: route<Materials['getMaterials']>('GET', '/applications/:id/materials'),
  uploadMaterial: route<Materials['uploadMaterial']>('POST', '/applications/:id/materials/:materialId/files'),
  chooseMaterial: route<Materials['chooseMaterial']>('PUT', '/applications/:id/materials/:materialId/choice'),
  submitMaterials: route<Materials['submitMaterials']>('POST', '/applications/:id/materials/submission'),
};

/** 信用修复: the applicant's 我的信用 and the departments' reviewer desk, each checked against its shared contract. */
export const repairRoutes = {
  myCredit: route<Repair['myCredit']>('GET', '/credit-repair/records'),
  uploadProof: route<Repair['uploadProof']>('POST', '/credit-repair/proofs'),
  submit: route<Repair['submit']>('POST', '/credit-repair/cases'),
  cases: route<Repair['cases']>('GET', '/credit-repair/cases'),
  case: route<Repair['case']>('GET', '/credit-repair/cases/:id'),
  decide: route<Repair['decide']>('POST', '/credit-repair/cases/:id/items/:recordId/decision'),
  verify: route<Repair['verify']>('GET', '/credit-repair/cases/:id/verify'),
};

/** Where a proof's bytes are read (with the bearer token: `authorisedBlob`). */
export const repairProofPath = (id: string) => `/credit-repair/proofs/${encodeURIComponent(id)}`;
