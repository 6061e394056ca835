import { camerasRearFirst, captureStill } from './camera';

const device = (deviceId: string, label: string, kind: MediaDeviceKind = 'videoinput') => ({ deviceId, label, kind, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;

describe('camera choice', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        enumerateDevices: async () => [
          device('mic', 'Built-in Microphone', 'audioinput'),
          device('front', 'Front Camera'),
          device('back', 'Back Camera'),
          device('usb', 'USB Camera'),
          device('rear-cn', '后置摄像头'),
        ],
      },
    });
  });

  it('when a phone lists its cameras (iOS ignores facingMode), then rear-facing ones come first by label and microphones are left out', async () => {
    expect((await camerasRearFirst()).map((d) => d.deviceId)).toEqual(['back', 'rear-cn', 'front', 'usb']);
  });
});

describe('stills', () => {
  afterEach(() => { delete (globalThis as { ImageCapture?: unknown }).ImageCapture; });

  it('when the browser has ImageCapture, then the still is its takePhoto at the largest size the camera offers', async () => {
    const asked: unknown[] = [];
    (globalThis as { ImageCapture?: unknown }).ImageCapture = class {
      async getPhotoCapabilities() { return { imageWidth: { max: 4032 }, imageHeight: { max: 3024 } }; }
      async takePhoto(settings?: unknown) { asked.push(settings); return new Blob(['jpeg-bytes'], { type: 'image/jpeg' }); }
    };
    const photo = await captureStill({} as MediaStreamTrack);
    expect(photo.type).toBe('image/jpeg');
    expect(asked).toEqual([{ imageWidth: 4032, imageHeight: 3024 }]);
  });
});
