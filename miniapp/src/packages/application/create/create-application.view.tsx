import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { gcj02ToWgs84 } from '@ycta/shared/domain/geo';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { pages, replacePage } from '../../../navigation';
import './create-application.css';

interface Place { name: string; lat: number; lng: number }

/** 新建申请: which matter, where the site is, and optionally its point on the map. */
export function CreateApplicationView() {
  const matters = useResource(() => api.call(routes.listMatters), 'matters');
  const [matterCode, setMatterCode] = useState('');
  const [siteAddress, setSiteAddress] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const pickOnMap = async () => {
    try {
      const chosen = await Taro.chooseLocation({});
      // the map answers in GCJ-02; photos' GPS is WGS-84, and the site is stored in WGS-84 to be compared with it
      const site = gcj02ToWgs84({ lat: chosen.latitude, lng: chosen.longitude });
      setPlace({ name: chosen.name || chosen.address, lat: site.lat, lng: site.lng });
      if (!siteAddress.trim() && chosen.address) setSiteAddress(chosen.address);
    } catch {
      // Cancelled or location refused: the point is optional, the address is enough.
    }
  };

  const submit = async () => {
    if (!matterCode) return setProblem('请选择要办理的事项');
    if (siteAddress.trim().length < 5) return setProblem('请填写完整的经营场所地址（至少 5 个字）');
    setProblem('');
    setBusy(true);
    try {
      const created = await api.call(routes.createApplication, {
        body: { matterCode, siteAddress: siteAddress.trim(), ...(place ? { site: { lat: place.lat, lng: place.lng } } : {}) },
      });
      void Taro.showToast({ title: '申请已提交', icon: 'success' });
      // next step of the flow: the matter's materials (upload, 后补 or 告知承诺 as the tier allows)
      replacePage(pages.materials(created.id));
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='create'>
      <AsyncView resource={matters} isEmpty={(d) => d.items.length === 0} empty={<Text>暂无可在线办理的事项</Text>}>
        {(d) => (
          <>
            <View className='card section'>
              <Text className='section__title'>1. 选择办理事项</Text>
              {d.items.map((m) => (
                <View
                  key={m.code}
                  className={`create__matter ${m.code === matterCode ? 'create__matter--chosen' : ''}`}
                  aria-selected={m.code === matterCode}
                  onClick={() => { setMatterCode(m.code); setProblem(''); }}
                >
                  <Text className='create__matter-name'>{m.code === matterCode ? '✓ ' : ''}{m.name}</Text>
                  <Text className='hint'>法定办理时限 {m.timeLimitWorkingDays} 个工作日 · 申请材料 {m.materials.items.length} 项 · 踏勘要点 {m.checklist.length} 项</Text>
                </View>
              ))}
            </View>
            <View className='card section'>
              <Text className='section__title'>2. 经营场所地址</Text>
              <Textarea
                className='text-input'
                placeholder='例如：海口市美兰区海甸五西路 28 号 2 楼'
                value={siteAddress}
                maxlength={200}
                onInput={(e) => setSiteAddress(e.detail.value)}
              />
              <Button className='btn btn--plain' onClick={pickOnMap}>在地图上选择位置（可选）</Button>
              {place ? <Text className='hint'>已选位置：{place.name}（与登记地址不同时，须经工作人员核实确认）</Text> : null}
            </View>
            {problem ? <Text className='error-text'>{problem}</Text> : null}
            <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={submit}>提交申请</Button>
          </>
        )}
      </AsyncView>
    </View>
  );
}
