import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PresiteRequestDetail } from '@ycta/shared/contracts/presite.contract';
import { buildingUseLabels, landUseLabels } from '@ycta/shared/domain/presite-labels';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { creditTierNames } from '../../../text/credit';
import { shanghaiTime } from '../../../text/time';
import { presiteRoutes } from '../../presite/presite.routes';
import { PhotoEvidence } from '../review/photo-evidence';
import { RemoteLook } from './remote-look';
import { RuleReviewRow } from './rule-review';
import { SiteMap } from './site-map';
import '../../presite/outcome-list.css';
import './presite-desk.css';

const floorName = (f: number) => (f < 0 ? `地下${-f}层` : `${f}层`);
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function Figures({ version }: { version: number }) {
  const figures = useResource(() => api.call(presiteRoutes.figures), `presite-figures-${version}`);
  if (figures.status !== 'ready') return null;
  const f = figures.data;
  return (
    <View className='desk-figures' aria-label='预选址统计'>
      <Text>申请 {f.requests} 件</Text><Text>已出具 {f.advised} 件</Text><Text>符合 {percent(f.compliantShare)}</Text>
      <Text>平均用时 {f.averageWorkingDays === null ? '—' : `${f.averageWorkingDays.toFixed(1)} 个工作日`}</Text>
      {f.byTier.filter((t) => t.requests > 0).map((t) => <Text key={t.tier}>{t.tier === 'unknown' ? '未取得等级' : creditTierNames[t.tier]} {t.requests} 件</Text>)}
    </View>
  );
}

function RequestDesk({ id, onChanged }: { id: string; onChanged: () => void }) {
  const resource = useResource(() => api.call(presiteRoutes.get, { params: { id } }), `presite-desk-${id}`);
  const [current, setCurrent] = useState<PresiteRequestDetail | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <AsyncView resource={resource}>
      {(loaded) => {
        const r = current?.id === id ? current : loaded;
        const reviewed = new Map(r.reviews.map((v) => [v.ruleId, v]));
        const remaining = r.precheck.filter((o) => !reviewed.has(o.ruleId)).length;
        const review = async (ruleId: string, result: PresiteRequestDetail['precheck'][number]['result'], text: string) => {
          try { setCurrent(await api.call(presiteRoutes.review, { params: { id, ruleId }, body: { result, note: text } })); } catch (err) { throw new Error(messageOf(err)); }
        };
        const advise = async () => {
          setBusy(true);
          try {
            setCurrent(await api.call(presiteRoutes.advise, { params: { id }, body: { note: note.trim() } }));
            setMessage('意见书已出具，申请人可以下载');
            onChanged();
          } catch (err) { setMessage(messageOf(err)); } finally { setBusy(false); }
        };
        return (
          <View className='desk-detail'>
            <View className='desk-detail__facts'>
              <Text className='desk-detail__title'>{r.matterName} · {r.subjectName}</Text>
              <Text>{r.siteAddress}</Text>
              <Text className='hint'>
                编号 {r.id.slice(-8)} · {floorName(r.lowestFloor)}{r.highestFloor !== r.lowestFloor ? `至${floorName(r.highestFloor)}` : ''}（地上 {r.aboveGroundFloors} 层、地下 {r.undergroundFloors} 层）
                · {buildingUseLabels[r.buildingUse]} · {landUseLabels[r.landUse]} · {r.floorArea} 平方米 · 计划 {r.plannedOpeningOn} 开业
              </Text>
              <Text className='hint'>提交 {shanghaiTime(r.submittedAt)} · {r.dueOn} 前出具（{r.timeLimitWorkingDays} 个工作日）· 规则第 {r.ruleSetVersion} 版 · 图层：{r.layer ? `${r.layer.label}` : '无'}</Text>
            </View>
            <View className='desk-detail__body'>
              <View className='desk-detail__map'>
                <SiteMap site={r.site} nearby={r.nearby} rings={r.rings} />
                <View className='desk-detail__places'>
                  {r.nearby.length === 0 ? <Text className='hint'>周边没有图层中的场所</Text> : r.nearby.slice(0, 8).map((p) => (
                    <Text key={`${p.name}-${p.lat}`} className='hint'>{p.kindLabel}：{p.name} {p.meters} 米</Text>
                  ))}
                </View>
                <View className='desk-detail__photos'>
                  <Text className='desk-detail__subtitle'>现场照片（{r.photos.length}）</Text>
                  {r.photos.length === 0 ? <Text className='hint'>申请人未上传现场照片</Text> : r.photos.map((p) => <PhotoEvidence key={p.id} photo={p} pointTitle='拟选场所现场' />)}
                </View>
              </View>
              <View className='desk-detail__rules'>
                {r.precheck.map((o) => (
                  <RuleReviewRow key={o.ruleId} outcome={o} review={reviewed.get(o.ruleId)} locked={r.status === 'advised'} onReview={(result, text) => review(o.ruleId, result, text)} />
                ))}
                <RemoteLook request={r} onChanged={setCurrent} />
                {r.advice ? (
                  <View className='desk-detail__advice' role='status'>
                    <Text className={`presite-decision presite-decision--${r.advice.decision}`}>已出具意见书：{r.advice.decisionLabel}</Text>
                    <Text className='hint'>{shanghaiTime(r.advice.issuedAt)} · {r.advice.issuedByName} · 有效期至 {r.advice.validUntil}</Text>
                  </View>
                ) : (
                  <View className='desk-detail__advice'>
                    <Input className='text-input' placeholder='审核意见（可选，写入意见书）' value={note} onInput={(e) => setNote(e.detail.value)} aria-label='审核意见' />
                    <Button className='btn btn--primary' disabled={busy || remaining > 0} loading={busy} onClick={() => void advise()}>
                      {remaining > 0 ? `还有 ${remaining} 条规则待核实` : '出具意见书'}
                    </Button>
                  </View>
                )}
                {message ? <View className='hint' role='status'>{message}</View> : null}
              </View>
            </View>
          </View>
        );
      }}
    </AsyncView>
  );
}

/**
 * 预选址审核台: the open queue (red and orange first), and for the chosen request the map, each rule, the advice.
 * Back from a remote look (`visit` counts returns), the queue and the request are read again.
 */
export function PresiteDeskView({ visit = 0 }: { visit?: number }) {
  const [tab, setTab] = useState<'submitted' | 'advised'>('submitted');
  const [reload, setReload] = useState(0);
  const queue = useResource(() => api.call(presiteRoutes.list, { query: { status: tab } }), `presite-queue-${tab}-${reload}-${visit}`);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <View className='presite-desk'>
      <Figures version={reload} />
      <View className='presite-desk__main'>
        <View className='presite-desk__queue'>
          <View className='presite-desk__tabs'>
            {([['submitted', '待审核'], ['advised', '已出具']] as const).map(([value, label]) => (
              <Button key={value} className={`btn btn--small ${tab === value ? 'btn--primary' : 'btn--plain'}`} onClick={() => { setTab(value); setChosen(null); }}>{label}</Button>
            ))}
          </View>
          <AsyncView resource={queue} isEmpty={(d) => d.items.length === 0} empty={<Text>{tab === 'submitted' ? '没有待审核的预选址申请。' : '还没有出具过意见书。'}</Text>}>
            {(d) => d.items.map((s) => (
              <View key={s.id} className={`card presite-desk__item ${s.id === chosen ? 'presite-desk__item--on' : ''}`} onClick={() => setChosen(s.id)}>
                <Text className='presite-desk__item-title'>{s.creditTier ? `【${creditTierNames[s.creditTier]}】` : ''}{s.matterName}</Text>
                <Text className='hint'>{s.siteAddress}</Text>
                <Text className={`hint ${s.overdue ? 'error-text' : ''}`}>{s.subjectName} · {s.overdue ? '已超时' : `${s.dueOn} 前`}</Text>
              </View>
            ))}
          </AsyncView>
        </View>
        <View className='presite-desk__work'>
          {chosen ? <RequestDesk key={`${chosen}-${visit}`} id={chosen} onChanged={() => setReload((n) => n + 1)} /> : <View className='state state--empty'><Text>从左侧选择一件申请开始审核</Text></View>}
        </View>
      </View>
    </View>
  );
}
