import Taro from '@tarojs/taro';
import { roomPath, type RoomEntry } from './call/room-link';

/** Every page the applicant moves between; subpackage pages live under /packages. */
export const pages = {
  home: '/pages/index/index',
  applicationDetail: (id: string) => `/packages/application/detail/index?id=${encodeURIComponent(id)}`,
  createApplication: '/packages/application/create/index',
  materials: (id: string) => `/packages/application/materials/index?id=${encodeURIComponent(id)}`,
  presiteRequest: '/packages/presite/request/index',
  presiteDetail: (id: string) => `/packages/presite/detail/index?id=${encodeURIComponent(id)}`,
  remoteRequest: (id: string) => `/packages/application/remote-request/index?id=${encodeURIComponent(id)}`,
  booking: (inspectionId: string) => `/packages/inspection/booking/index?id=${encodeURIComponent(inspectionId)}`,
  prepare: (inspectionId: string) => `/packages/inspection/prepare/index?id=${encodeURIComponent(inspectionId)}`,
  join: (inspectionId: string) => `/packages/inspection/join/index?id=${encodeURIComponent(inspectionId)}`,
  result: (inspectionId: string) => `/packages/inspection/result/index?id=${encodeURIComponent(inspectionId)}`,
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
