import { act } from '@testing-library/react';
import Taro from '@tarojs/taro';

/**
 * The phone under jsdom: the few Taro APIs the app calls, answering like WeChat's and recording what
 * was asked (navigation, toasts). The one place the tests stand in for the platform; pages are real.
 */
export const platform = {
  navigations: [] as string[],
  toasts: [] as string[],
  clipboard: '',
  chosenFiles: [] as string[],
  location: { latitude: 18.25, longitude: 109.5 } as { latitude: number; longitude: number } | null,
  chosenPlace: null as { name: string; address: string; latitude: number; longitude: number } | null,
  storage: new Map<string, unknown>(),
  networkType: 'wifi',
  /** What the browser's getUserMedia answers for camera and microphone. */
  media: 'granted' as 'granted' | 'denied',
  calendarEvents: [] as { title: string; startTime: number }[],
  /** What WeChat registered for `onNeedPrivacyAuthorization` (the page's popup). */
  subscribeAnswer: 'accept' as 'accept' | 'reject',
  privacyListener: null as null | ((resolve: (option: { event: string; buttonId?: string }) => void) => void),
  reset() {
    this.privacyListener = null;
    this.subscribeAnswer = 'accept';
    this.networkType = 'wifi';
    this.media = 'granted';
    this.calendarEvents = [];
    this.navigations = [];
    this.toasts = [];
    this.clipboard = '';
    this.chosenFiles = [];
    this.location = { latitude: 18.25, longitude: 109.5 };
    this.chosenPlace = null;
    this.storage.clear();
  },
};

const fail = (errMsg: string) => Promise.reject({ errMsg });

Object.assign(Taro, {
  navigateTo: ({ url }: { url: string }) => { platform.navigations.push(url); return Promise.resolve({ errMsg: 'navigateTo:ok' }); },
  redirectTo: ({ url }: { url: string }) => { platform.navigations.push(`redirect:${url}`); return Promise.resolve({ errMsg: 'redirectTo:ok' }); },
  navigateBack: () => { platform.navigations.push('back'); return Promise.resolve({ errMsg: 'navigateBack:ok' }); },
  showToast: ({ title }: { title: string }) => { platform.toasts.push(title); return Promise.resolve({ errMsg: 'showToast:ok' }); },
  setClipboardData: ({ data }: { data: string }) => { platform.clipboard = data; return Promise.resolve({ errMsg: 'setClipboardData:ok' }); },
  getStorageSync: (key: string) => platform.storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => { platform.storage.set(key, value); },
  removeStorageSync: (key: string) => { platform.storage.delete(key); },
  chooseMedia: () =>
    platform.chosenFiles.length
      ? Promise.resolve({ tempFiles: platform.chosenFiles.map((tempFilePath) => ({ tempFilePath, size: 1, fileType: /\.txt$/.test(tempFilePath) ? 'text/plain' : 'image' })), type: 'image' })
      : fail('chooseMedia:fail cancel'),
  getLocation: () => (platform.location ? Promise.resolve({ ...platform.location, accuracy: 10 }) : fail('getLocation:fail auth deny')),
  onNeedPrivacyAuthorization: (listener: typeof platform.privacyListener) => { platform.privacyListener = listener; },
  openPrivacyContract: () => Promise.resolve({ errMsg: 'openPrivacyContract:ok' }),
  requestSubscribeMessage: ({ tmplIds }: { tmplIds: string[] }) => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id) => [id, platform.subscribeAnswer])) }),
  getNetworkType: () => Promise.resolve({ networkType: platform.networkType, errMsg: 'getNetworkType:ok' }),
  addPhoneCalendar: (o: { title: string; startTime: number }) => { platform.calendarEvents.push({ title: o.title, startTime: o.startTime }); return Promise.resolve({ errMsg: 'addPhoneCalendar:ok' }); },
  chooseLocation: () => (platform.chosenPlace ? Promise.resolve({ ...platform.chosenPlace, errMsg: 'chooseLocation:ok' }) : fail('chooseLocation:fail cancel')),
});

/** Types into a Taro <Input>/<Textarea> as the platform reports it: an `input` event with `detail.value`. */
export function typeInto(element: Element, value: string): void {
  act(() => { element.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })); });
}

// The browser's camera and microphone (h5): a stream whose tracks can be stopped, or NotAllowedError.
Object.defineProperty(navigator, 'mediaDevices', {
  configurable: true,
  value: {
    getUserMedia: () => platform.media === 'granted'
      ? Promise.resolve({ getTracks: () => [{ stop: () => undefined }] })
      : Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' })),
  },
});
