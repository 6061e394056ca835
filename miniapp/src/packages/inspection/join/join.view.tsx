import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { routes } from '../../../api/routes';
import { roomUrl, type RoomEntry } from '../../../call/room-link';
import { ProgressBar } from '../../../components/progress-bar';
import { QrCode } from '../../../components/qr-code';
import { openPage, pages } from '../../../navigation';
import { checkDevices, type DeviceReport, type DeviceState } from './device-check';
import './join.css';

type Mode = 'video' | 'audio' | 'walkthrough';

const deviceText: Record<DeviceState, string> = { ok: '正常', denied: '未授权，请在设置中允许使用', unavailable: '不可用' };
const networkNames: Record<string, string> = { wifi: 'Wi-Fi', '2g': '2G', '3g': '3G', '4g': '4G', '5g': '5G', none: '无网络', unknown: '未知' };

interface Props {
  inspectionId: string;
  /** weapp opens the h5 room in a <WebView>; h5 navigates to it. */
  platform?: 'weapp' | 'h5';
  h5Origin?: string;
}

function DeviceRow({ name, state }: { name: string; state: DeviceState }) {
  return <Text className={`join__device join__device--${state}`}>{state === 'ok' ? '✓' : '✗'} {name}：{deviceText[state]}</Text>;
}

/** 进入视频踏勘: a device check, the low-bandwidth choice, then the room (or the walk-through upload). */
export function JoinView({
  inspectionId,
  platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5',
  h5Origin = process.env.TARO_APP_H5_ORIGIN || (typeof location !== 'undefined' ? location.origin : ''),
}: Props) {
  const [report, setReport] = useState<DeviceReport | null>(null);
  const [mode, setMode] = useState<Mode>('video');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [link, setLink] = useState<{ webView: string; elsewhere: string } | null>(null);
  const [walkthrough, setWalkthrough] = useState<{ progress: number; done: boolean } | null>(null);

  useEffect(() => {
    let current = true;
    void checkDevices().then((r) => {
      if (!current) return;
      setReport(r);
      if (r.weakNetwork) setMode('audio');
    });
    return () => { current = false; };
  }, []);

  const join = async () => {
    setBusy(true);
    setProblem('');
    try {
      const entry: RoomEntry = { inspectionId, audioOnly: mode === 'audio' };
      if (platform === 'h5') {
        // the room joins by itself (and again after Back, Forward or a reload)
        openPage(pages.room(entry));
      } else if (!h5Origin) {
        setProblem('视频页面地址未配置，请联系工作人员');
      } else {
        // each way in gets its own one-time code: the WebView's and the one for another phone's browser
        const code = () => api.call(routes.createRoomCode, { params: { id: inspectionId } }).then((c) => c.code);
        const [inApp, elsewhere] = await Promise.all([code(), code()]);
        setLink({ webView: roomUrl(h5Origin, { ...entry, code: inApp }), elsewhere: roomUrl(h5Origin, { ...entry, code: elsewhere }) });
      }
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const recordWalkthrough = async () => {
    setProblem('');
    let filePath: string;
    try {
      const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['video'], sourceType: ['camera'], maxDuration: 60, camera: 'back' });
      filePath = chosen.tempFiles[0]!.tempFilePath;
    } catch {
      return;
    }
    setWalkthrough({ progress: 0, done: false });
    try {
      await api.upload(routes.uploadWalkthrough, { id: inspectionId }, {
        filePath,
        formData: { capturedAt: new Date().toISOString() },
        onProgress: (progress) => setWalkthrough({ progress, done: false }),
      });
      setWalkthrough({ progress: 100, done: true });
    } catch (err) {
      setWalkthrough(null);
      setProblem(`录像上传失败：${messageOf(err)}`);
    }
  };

  if (link) {
    return (
      <View className='join'>
        <View className='card section'>
          <Text className='join__title'>视频踏勘已准备好</Text>
          <Button className='btn btn--primary' onClick={() => openPage(pages.webRoom(link.webView))}>在小程序内进入</Button>
          <Text className='hint'>如果小程序内无法打开摄像头，请复制链接或用另一台手机扫描二维码，在手机浏览器中打开。链接只能使用一次，10 分钟内有效。</Text>
          <Button className='btn btn--plain' onClick={() => Taro.setClipboardData({ data: link.elsewhere })}>复制链接</Button>
          <View className='join__qr'><QrCode text={link.elsewhere} label='视频踏勘二维码' /></View>
        </View>
      </View>
    );
  }

  return (
    <View className='join'>
      <View className='card section'>
        <Text className='section__title'>设备检查</Text>
        {report ? (
          <>
            <DeviceRow name='摄像头' state={report.camera} />
            <DeviceRow name='麦克风' state={report.microphone} />
            <Text className={`join__device join__device--${report.weakNetwork ? 'denied' : 'ok'}`}>
              {report.weakNetwork ? '✗' : '✓'} 网络：{networkNames[report.network] ?? report.network}{report.weakNetwork ? '，信号较弱，建议仅语音或录制现场视频' : ''}
            </Text>
          </>
        ) : <Text className='hint'>正在检查摄像头、麦克风和网络…</Text>}
      </View>

      <View className='card section'>
        <Text className='section__title'>踏勘方式</Text>
        {([
          ['video', '视频通话（推荐）', '踏勘人员实时查看现场'],
          ['audio', '仅语音通话', '网络较差时使用，踏勘人员会请您拍照上传'],
          ['walkthrough', '录制现场视频上传', '无法实时通话时，按要点录一段 1 分钟内的现场视频'],
        ] as const).map(([value, title, hint]) => (
          <View key={value} className={`join__option ${mode === value ? 'join__option--chosen' : ''}`} onClick={() => setMode(value)}>
            <Text className='join__option-title'>{mode === value ? '✓ ' : ''}{title}</Text>
            <Text className='hint'>{hint}</Text>
          </View>
        ))}
      </View>

      {problem ? <Text className='error-text'>{problem}</Text> : null}
      {mode === 'walkthrough' ? (
        walkthrough ? (
          walkthrough.done
            ? <Text className='join__done'>现场录像已上传，踏勘人员会查看后与您联系。</Text>
            : <ProgressBar percent={walkthrough.progress} label='现场录像上传进度' />
        ) : <Button className='btn btn--primary' onClick={recordWalkthrough}>开始录制</Button>
      ) : (
        <Button className='btn btn--primary' loading={busy} disabled={busy || !report} onClick={join}>
          {mode === 'audio' ? '进入语音踏勘' : '进入视频踏勘'}
        </Button>
      )}
    </View>
  );
}
