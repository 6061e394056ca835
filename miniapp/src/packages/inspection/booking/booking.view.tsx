import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { slotText } from '../../../text/slot';
import './booking.css';

/** Puts the booked slot in the phone's calendar with an alarm (weapp); the applicant is reminded by the phone. */
function addToCalendar(slot: { start: string; end: string }, address: string | null, onsite: boolean, early: string) {
  void Taro.addPhoneCalendar({
    title: onsite ? '现场踏勘' : '远程视频踏勘',
    startTime: Math.floor(Date.parse(slot.start) / 1000),
    endTime: String(Math.floor(Date.parse(slot.end) / 1000)),
    description: `${onsite ? '踏勘人员将到场核查，请准备好申请材料原件。' : `请${early}打开“远程踏勘”小程序，检查摄像头、麦克风和网络。`}${address ? `地点：${address}` : ''}`,
    alarm: true,
    alarmOffset: 15 * 60,
  }).catch(() => undefined);
}

/**
 * WeChat sends the BFF's reminder only to users who agreed to that template, and asks them only on a tap.
 */
async function subscribeToReminder(templateId: string) {
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option);
    const accepted = (answer as unknown as Record<string, string>)[templateId] === 'accept';
    void Taro.showToast({ title: accepted ? '已订阅，踏勘前会收到微信提醒' : '未订阅微信提醒', icon: 'none' });
  } catch {
    void Taro.showToast({ title: '未订阅微信提醒', icon: 'none' });
  }
}

function Booked({ inspection }: { inspection: InspectionDetail & { slot: NonNullable<InspectionDetail['slot']> } }) {
  const onsite = inspection.mode === 'onsite';
  const reminderTemplate = process.env.TARO_APP_REMINDER_TEMPLATE_ID;
  // the BFF says how early the call opens (JOIN_EARLY_MINUTES): the page never promises another time
  const early = inspection.joinEarlyMinutes ? `在预约时间前 ${inspection.joinEarlyMinutes} 分钟起` : '在预约时间';
  return (
    <View className='card section'>
      <Text className='section__title'>{onsite ? '已预约现场踏勘' : '已预约视频踏勘'}</Text>
      <Text className='booking__slot'>{slotText(inspection.slot)}</Text>
      <Text className='hint'>
        {onsite
          ? '请在预约时间在经营场所等候踏勘人员，并准备好申请材料原件。'
          : `可${early}进入，先检查摄像头、麦克风和网络；踏勘前可先按要点拍照上传。`}
      </Text>
      {process.env.TARO_ENV === 'weapp' && reminderTemplate ? (
        <Button className='btn btn--plain' onClick={() => subscribeToReminder(reminderTemplate)}>微信消息提醒我</Button>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='btn btn--plain' onClick={() => addToCalendar(inspection.slot, inspection.siteAddress, onsite, early)}>添加到手机日历提醒我</Button>
      ) : null}
      {onsite ? null : <Button className='btn btn--primary' onClick={() => openPage(pages.prepare(inspection.id))}>准备踏勘照片</Button>}
    </View>
  );
}

/** 预约踏勘: pick one of the slots the inspector offered, then see it. */
export function BookingView({ inspectionId }: { inspectionId: string }) {
  const [round, setRound] = useState(0);
  const data = useResource(() => api.call(routes.getInspection, { params: { id: inspectionId } }), `${inspectionId}-${round}`);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const book = async () => {
    if (!chosen) return setProblem('请先选择一个时段');
    setBusy(true);
    setProblem('');
    try {
      await api.call(routes.book, { params: { id: inspectionId }, body: { slotId: chosen } });
      void Taro.showToast({ title: '预约成功', icon: 'success' });
      setRound((r) => r + 1);
    } catch (err) {
      setProblem(messageOf(err));
      setChosen('');
      setRound((r) => r + 1); // the slots changed under us: show the current ones
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='booking'>
      <AsyncView resource={data}>
        {(inspection) => {
          if (inspection.slot && inspection.status !== 'created') return <Booked inspection={{ ...inspection, slot: inspection.slot }} />;
          if (inspection.offeredSlots.length === 0) {
            return (
              <View className='state'>
                <Text>踏勘人员尚未提供可预约的时段。提供后会显示在这里，请稍后再来查看。</Text>
                {problem ? <Text className='error-text'>{problem}</Text> : null}
              </View>
            );
          }
          return (
            <>
              <View className='card section'>
                <Text className='section__title'>{inspection.mode === 'onsite' ? '请选择一个现场踏勘时段' : '请选择一个视频踏勘时段'}</Text>
                {inspection.offeredSlots.map((slot) => (
                  <View key={slot.id} className={`booking__option ${slot.id === chosen ? 'booking__option--chosen' : ''}`} onClick={() => setChosen(slot.id)}>
                    <Text>{slot.id === chosen ? '✓ ' : ''}{slotText(slot)}</Text>
                  </View>
                ))}
              </View>
              {problem ? <Text className='error-text'>{problem}</Text> : null}
              <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={book}>确认预约</Button>
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}
