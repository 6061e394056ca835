import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { DurationFigure, OfficeStats } from '@ycta/shared/contracts/stats.contract';
import { creditTierNames } from '../../../text/credit';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { staffRoutes } from '../staff.routes';
import './figures.css';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const number = (n: number) => n.toLocaleString('en-US');
const figure = (f: DurationFigure, unit: string) => (f.average === null ? '暂无' : `${f.average} ${unit}`);

/** One horizontal bar per row, as wide as its share of the largest row: plain CSS, no chart library. */
function Bars({ rows, label }: { rows: { key: string; name: string; remote: number; onsite: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.remote + r.onsite));
  return (
    <View className='bars' aria-label={label}>
      {rows.map((r) => (
        <View key={r.key} className='bars__row'>
          <Text className='bars__name'>{r.name}</Text>
          <View className='bars__track'>
            <View className='bars__remote' style={{ width: `${(r.remote / max) * 100}%` }} />
            <View className='bars__onsite' style={{ width: `${(r.onsite / max) * 100}%` }} />
          </View>
          <Text className='bars__value'>远程 {r.remote} · 现场 {r.onsite}</Text>
        </View>
      ))}
    </View>
  );
}

function DurationCompare({ stats }: { stats: OfficeStats }) {
  const { onsite, remote } = stats.durationMinutes;
  const max = Math.max(1, onsite.average ?? 0, remote.average ?? 0);
  return (
    <svg className='duration-chart' viewBox='0 0 320 90' role='img' aria-label='平均踏勘时长对比'>
      {[{ name: '现场', f: onsite, y: 10, color: '#b2b2b2' }, { name: '远程', f: remote, y: 50, color: '#07c160' }].map((row) => (
        <g key={row.name}>
          <text x='0' y={row.y + 20} fontSize='14'>{row.name}</text>
          <rect x='40' y={row.y} height='28' width={((row.f.average ?? 0) / max) * 200} fill={row.color} />
          <text x={48 + ((row.f.average ?? 0) / max) * 200} y={row.y + 20} fontSize='14'>{figure(row.f, '分钟')}</text>
        </g>
      ))}
    </svg>
  );
}

export function FiguresView({ stats }: { stats: OfficeStats }) {
  const { totals } = stats;
  const tierTotal = Math.max(1, ...stats.creditTiers.map((t) => t.count));
  return (
    <View className='figures'>
      <View className='figures__headline'>
        <View className='card figure'><Text className='figure__value'>{number(totals.remote)}</Text><Text className='hint'>远程踏勘件数</Text></View>
        <View className='card figure'><Text className='figure__value'>{percent(totals.remoteShare)}</Text><Text className='hint'>远程占比（共 {number(totals.inspections)} 件）</Text></View>
        <View className='card figure'><Text className='figure__value'>{totals.mattersWithRemote} / {totals.matters}</Text><Text className='hint'>已远程踏勘的事项</Text></View>
        <View className='card figure'>
          <Text className='figure__value'>{figure(stats.durationMinutes.onsite, '分钟')} → {figure(stats.durationMinutes.remote, '分钟')}</Text>
          <Text className='hint'>平均时长：现场 → 远程</Text>
        </View>
      </View>

      <View className='card section'>
        <Text className='section__title'>踏勘时长（首次入会至作出结论）</Text>
        <DurationCompare stats={stats} />
        <Text className='hint'>中位数：现场 {figure({ ...stats.durationMinutes.onsite, average: stats.durationMinutes.onsite.median }, '分钟')}，远程 {figure({ ...stats.durationMinutes.remote, average: stats.durationMinutes.remote.median }, '分钟')}</Text>
        <Text className='hint'>申请远程踏勘至作出结论：平均 {figure(stats.requestToConclusionHours, '小时')}，中位数 {figure({ ...stats.requestToConclusionHours, average: stats.requestToConclusionHours.median }, '小时')}</Text>
      </View>

      <View className='card section'>
        <Text className='section__title'>按事项（远程占比）</Text>
        <Bars label='按事项' rows={stats.byMatter.map((m) => ({ key: m.matterCode, name: `${m.matterName}（${percent(m.remoteShare)}）`, remote: m.remote, onsite: m.onsite }))} />
      </View>

      <View className='card section'>
        <Text className='section__title'>按踏勘人员</Text>
        <Bars label='按踏勘人员' rows={stats.byInspector.map((i) => ({ key: i.inspector, name: i.inspector, remote: i.remote, onsite: i.onsite }))} />
      </View>

      <View className='card section'>
        <Text className='section__title'>申请人信用等级分布</Text>
        {stats.creditTiers.map((t) => (
          <View key={t.tier} className='bars__row'>
            <Text className='bars__name'>{creditTierNames[t.tier]}</Text>
            <View className='bars__track'><View className={`bars__tier bars__tier--${t.tier}`} style={{ width: `${(t.count / tierTotal) * 100}%` }} /></View>
            <Text className='bars__value'>{t.count} 件</Text>
          </View>
        ))}
      </View>
      {stats.seededHistory > 0 ? <Text className='hint'>其中 {number(stats.seededHistory)} 件为系统上线前的历史登记数据。</Text> : null}
    </View>
  );
}

type Range = 'all' | 'days30' | 'days365';
const ranges: [Range, string, number | null][] = [['all', '全部', null], ['days30', '近 30 天', 30], ['days365', '近一年', 365]];

/** The figures over all concluded inspections, or those concluded in the last 30 or 365 days. */
export function FiguresPageView({ now = () => new Date() }: { now?: () => Date }) {
  const [range, setRange] = useState<Range>('all');
  const stats = useResource(() => {
    const days = ranges.find(([key]) => key === range)?.[2] ?? null;
    const query = days === null ? {} : { from: new Date(now().getTime() - days * 86_400_000).toISOString() };
    return api.call(staffRoutes.officeStats, { query });
  }, range);
  return (
    <View>
      <View className='figures__ranges'>
        {ranges.map(([key, label]) => (
          <Button key={key} className={`btn btn--small ${range === key ? 'btn--primary' : 'btn--plain'}`} onClick={() => setRange(key)}>{label}</Button>
        ))}
      </View>
      <AsyncView resource={stats} isEmpty={(s) => s.totals.inspections === 0} empty={<Text>这段时间没有办结的踏勘，暂无统计。</Text>}>
        {(s) => <FiguresView stats={s} />}
      </AsyncView>
    </View>
  );
}
