import Taro from '@tarojs/taro';

export type DeviceState = 'ok' | 'denied' | 'unavailable';

export interface DeviceReport {
  camera: DeviceState;
  microphone: DeviceState;
  /** wifi, 4g, 5g, 3g, 2g, none, unknown */
  network: string;
  /** Too weak for live video: suggest audio-only or a recorded walk-through. */
  weakNetwork: boolean;
}

const weak = new Set(['2g', '3g', 'none']);

async function weappPermission(scope: 'scope.camera' | 'scope.record'): Promise<DeviceState> {
  try {
    await Taro.authorize({ scope });
    return 'ok';
  } catch {
    return 'denied';
  }
}

async function browserDevices(): Promise<Pick<DeviceReport, 'camera' | 'microphone'>> {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!media?.getUserMedia) return { camera: 'unavailable', microphone: 'unavailable' };
  const probe = async (constraints: MediaStreamConstraints): Promise<DeviceState> => {
    try {
      const stream = await media.getUserMedia(constraints);
      stream.getTracks().forEach((t) => t.stop());
      return 'ok';
    } catch (err) {
      return (err as { name?: string }).name === 'NotAllowedError' ? 'denied' : 'unavailable';
    }
  };
  return { camera: await probe({ video: true }), microphone: await probe({ audio: true }) };
}

/** Camera, microphone and network before the call: the applicant learns what to fix before anyone waits. */
export async function checkDevices(): Promise<DeviceReport> {
  const devices = process.env.TARO_ENV === 'weapp'
    ? { camera: await weappPermission('scope.camera'), microphone: await weappPermission('scope.record') }
    : await browserDevices();
  let network = 'unknown';
  try {
    network = (await Taro.getNetworkType()).networkType;
  } catch {
    // unknown: let the applicant try
  }
  return { ...devices, network, weakNetwork: weak.has(network) };
}
