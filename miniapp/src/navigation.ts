import Taro from '@tarojs/taro';
import { roomPath, type RoomEntry } from './call/room-link';

/** Every page the applicant moves between; subpackage pages live under /packages. */
export const pages = {
  home: '/pages/index/index',
  /** Sign-in (the first page), which then returns to `returnTo`: a page of this app, never another site. */
  signIn: (returnTo: string) => `/pages/index/index?returnTo=${encodeURIComponent(returnTo)}`,
  applicationDetail: (id: string) => `/packages/application/detail/index?id=${encodeURIComponent(id)}`,
  createApplication: '/packages/application/create/index',
  materials: (id: string) => `/packages/application/materials/index?id=${encodeURIComponent(id)}`,
  presiteRequest: '/packages/presite/request/index',
  presiteDetail: (id: string) => `/packages/presite/detail/index?id=${encodeURIComponent(id)}`,
  /** 我的信用: dishonesty records and their repair (信用修复). */
  myCredit: '/packages/application/credit/index',
  remoteRequest: (id: string) => `/packages/application/remote-request/index?id=${encodeURIComponent(id)}`,
  booking: (inspectionId: string) => `/packages/inspection/booking/index?id=${encodeURIComponent(inspectionId)}`,
  prepare: (inspectionId: string) => `/packages/inspection/prepare/index?id=${encodeURIComponent(inspectionId)}`,
  join: (inspectionId: string) => `/packages/inspection/join/index?id=${encodeURIComponent(inspectionId)}`,
  result: (inspectionId: string) => `/packages/inspection/result/index?id=${encodeURIComponent(inspectionId)}`,
  supervision: '/packages/supervision/visits/index',
  webRoom: (url: string) => `/packages/inspection/web-room/index?url=${encodeURIComponent(url)}`,
  /** h5 only: the room joins by itself; its address carries no ticket or pass. */
  room: (entry: RoomEntry) => roomPath(entry),
};

export function openPage(url: string): void {
  void Taro.navigateTo({ url });
}

export function replacePage(url: string): void {
  void Taro.redirectTo({ url });
}

export function goBack(): void {
  void Taro.navigateBack({ delta: 1 });
}

/** This page's own address with its query, to come back to after signing in. */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router;
  if (!router) return pages.home;
  const query = Object.entries(router.params)
    .filter(([key, value]) => key !== '$taroTimestamp' && value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const path = (router.path ?? pages.home).split('?')[0] ?? pages.home;
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** Only pages of this app may be returned to after sign-in (a crafted link must not send anyone elsewhere). */
export function safeReturnTo(url: string | undefined): string | null {
  return url && /^\/(pages|packages)\/[\w/-]+(\?[^#]*)?$/.test(url) && !url.startsWith(pages.home) ? url : null;
}
