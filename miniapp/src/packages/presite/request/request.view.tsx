import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { buildingUseLabels, buildingUses, landUseLabels, landUses } from '@ycta/shared/domain/presite-labels';
import type { CreatePresiteBody } from '@ycta/shared/contracts/presite.contract';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { replacePage } from '../../../navigation';
import { presitePages, presiteRoutes } from '../presite.routes';
import { checkPresiteForm, type PresiteForm } from './request.form';
import './request.css';

const empty: PresiteForm = {
  matterCode: '', siteAddress: '', point: null, coordinates: '', lowestFloor: '1', highestFloor: '1', aboveGroundFloors: '',
  undergroundFloors: '0', buildingUse: '', landUse: '', floorArea: '', plannedOpeningOn: '',
};

function Choice<T extends string>({ options, labels, value, onPick }: { options: readonly T[]; labels: Record<T, string>; value: string; onPick: (v: T) => void }) {
  return (
    <View className='presite-form__chips'>
      {options.map((o) => (
        <View key={o} className={`presite-form__chip ${o === value ? 'presite-form__chip--on' : ''}`} aria-selected={o === value} onClick={() => onPick(o)}>
          <Text>{labels[o]}</Text>
        </View>
      ))}
    </View>
  );
}

/** 预选址咨询: before renting, the subject describes the candidate site and gets a preliminary answer at once. */
export function PresiteRequestView() {
  const ruleSets = useResource(() => api.call(presiteRoutes.listRules), 'presite-rules');
  const [form, setForm] = useState<PresiteForm>(empty);
  const [problems, setProblems] = useState<Partial<Record<keyof PresiteForm, string>>>({});
  const [sendError, setSendError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PresiteForm>(key: K, value: PresiteForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    // validate as the person fills in, but only fields already complained about
    if (problems[key]) setProblems(checkPresiteForm(next).problems);
  };

  const pickOnMap = async () => {
    try {
      const chosen = await Taro.chooseLocation({});
      // WeChat's map answers in GCJ-02: sent as such, the BFF converts it to WGS-84 before measuring
      setForm((f) => ({ ...f, point: { lat: chosen.latitude, lng: chosen.longitude, name: chosen.name || chosen.address }, coordinates: '', siteAddress: f.siteAddress || chosen.address || '' }));
    } catch {
      setSendError('未能打开地图选点，可直接填写坐标（纬度,经度）');
    }
  };

  const submit = async () => {
    const checked = checkPresiteForm(form);
    setProblems(checked.problems);
    if (!checked.body) return;
    setSendError('');
    setBusy(true);
    try {
      const created = await api.call(presiteRoutes.create, { body: checked.body satisfies CreatePresiteBody });
      void Taro.showToast({ title: '已提交，请查看初步预检', icon: 'success' });
      replacePage(presitePages.detail(created.id));
    } catch (err) {
      setSendError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const problem = (key: keyof PresiteForm) => (problems[key] ? <Text className='error-text'>{problems[key]}</Text> : null);
  return (
    <View className='presite-form'>
      <View className='card'><Text className='hint'>租房、装修之前，先请审批部门看一看这个场所能不能办证。提交后立即给出自动初步预检；工作人员 1–2 个工作日内出具正式意见书（红、橙等级优先）。</Text></View>
      <AsyncView resource={ruleSets} isEmpty={(d) => d.items.length === 0} empty={<Text>暂无可预选址的事项，请到窗口咨询</Text>}>
        {(d) => (
          <>
            <View className='card section'>
              <Text className='section__title'>1. 经营类型</Text>
              {d.items.map((s) => (
                <View key={s.matterCode} className={`presite-form__matter ${s.matterCode === form.matterCode ? 'presite-form__matter--on' : ''}`}
                  aria-selected={s.matterCode === form.matterCode} onClick={() => set('matterCode', s.matterCode)}>
                  <Text className='presite-form__matter-name'>{s.matterCode === form.matterCode ? '✓ ' : ''}{s.matterName}</Text>
                  <Text className='hint'>核对 {s.rules.length} 项选址要求：{s.rules.map((r) => r.title).join('、')}</Text>
                </View>
              ))}
              {problem('matterCode')}
            </View>
            <View className='card section'>
              <Text className='section__title'>2. 场所位置</Text>
              <Textarea className='text-input' placeholder='详细地址，例如：海口市龙华区国贸路 20 号 2 层' value={form.siteAddress} maxlength={200}
                onInput={(e) => set('siteAddress', e.detail.value)} />
              {problem('siteAddress')}
              <Button className='btn btn--plain' onClick={pickOnMap}>在地图上选点</Button>
              {form.point ? <Text className='hint'>已选：{form.point.name}</Text> : null}
              <Text className='hint'>或填写坐标（WGS-84，纬度,经度）</Text>
              <Input className='text-input presite-form__short' placeholder='例如 20.0226,110.3254' value={form.coordinates}
                onInput={(e) => set('coordinates', e.detail.value)} aria-label='坐标' />
              {problem('coordinates')}
            </View>
            <View className='card section'>
              <Text className='section__title'>3. 楼层与建筑</Text>
              <View className='presite-form__row'>
                <Text className='presite-form__label'>所在楼层</Text>
                <Input className='text-input presite-form__num' type='number' value={form.lowestFloor} onInput={(e) => set('lowestFloor', e.detail.value)} aria-label='最低楼层' />
                <Text>至</Text>
                <Input className='text-input presite-form__num' type='number' value={form.highestFloor} onInput={(e) => set('highestFloor', e.detail.value)} aria-label='最高楼层' />
              </View>
              <Text className='hint'>地下楼层填负数：地下一层为 −1</Text>
              {problem('lowestFloor')}
              <View className='presite-form__row'>
                <Text className='presite-form__label'>建筑地上</Text>
                <Input className='text-input presite-form__num' type='number' value={form.aboveGroundFloors} onInput={(e) => set('aboveGroundFloors', e.detail.value)} aria-label='地上层数' />
                <Text>层，地下</Text>
                <Input className='text-input presite-form__num' type='number' value={form.undergroundFloors} onInput={(e) => set('undergroundFloors', e.detail.value)} aria-label='地下层数' />
                <Text>层</Text>
              </View>
              {problem('aboveGroundFloors')}
              <Text className='presite-form__label'>房屋用途（房产证或租赁合同）</Text>
              <Choice options={buildingUses} labels={buildingUseLabels} value={form.buildingUse} onPick={(v) => set('buildingUse', v)} />
              {problem('buildingUse')}
              <Text className='presite-form__label'>土地用途</Text>
              <Choice options={landUses} labels={landUseLabels} value={form.landUse} onPick={(v) => set('landUse', v)} />
              {problem('landUse')}
            </View>
            <View className='card section'>
              <Text className='section__title'>4. 面积与开业时间</Text>
              <View className='presite-form__row'>
                <Text className='presite-form__label'>面积</Text>
                <Input className='text-input presite-form__num' type='digit' value={form.floorArea} onInput={(e) => set('floorArea', e.detail.value)} aria-label='面积' />
                <Text>平方米</Text>
              </View>
              {problem('floorArea')}
              <View className='presite-form__row'>
                <Text className='presite-form__label'>计划开业</Text>
                <Input className='text-input presite-form__date' placeholder='例如 2027-03-01' value={form.plannedOpeningOn}
                  onInput={(e) => set('plannedOpeningOn', e.detail.value)} aria-label='计划开业日期' />
              </View>
              {problem('plannedOpeningOn')}
            </View>
            {sendError ? <View className='error-text' role='alert'>{sendError}</View> : null}
            <Button className='btn btn--primary presite-form__submit' loading={busy} disabled={busy} onClick={submit}>提交并查看初步预检</Button>
          </>
        )}
      </AsyncView>
    </View>
  );
}
