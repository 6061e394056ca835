import { Text, View } from '@tarojs/components';
import type { RecordEvent } from '@ycta/shared/contracts/ledger.contract';

/**
 * Whether each recording of the call is whole, read from the record: `recording.completed` says so; otherwise every
 * index from 0 to the highest stored that is missing is a gap, shown with the stretch of the call it held (from the
 * neighbouring chunks' own times), so a missing piece reads as missing, never as a shorter video.
 */
export interface RecordingState {
  startedAt: string;
  chunks: number;
  complete: boolean;
  gaps: { fromIndex: number; toIndex: number; from: string | null; to: string | null }[];
  /** The recorder marked its last chunk (it was stopped, not cut off by a closed page). */
  ended: boolean;
  /** Where the stored part ends (the recorder's clock). */
  endsAt: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export function recordingStates(events: RecordEvent[]): RecordingState[] {
  const byRecording = new Map<string, Map<number, Record<string, unknown>>>();
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type !== 'recording.chunk.stored' || typeof p.chunkIndex !== 'number' || p.recordingKind === 'walkthrough') continue;
    const key = text(p.startedAt) ?? '';
    if (!byRecording.has(key)) byRecording.set(key, new Map());
    byRecording.get(key)!.set(p.chunkIndex, p);
  }
  const completed = new Set(events.filter((e) => e.type === 'recording.completed').map((e) => text(e.payload.startedAt)));
  return [...byRecording.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([startedAt, chunks]) => {
    const last = Math.max(...chunks.keys());
    const gaps: RecordingState['gaps'] = [];
    for (let i = 0; i <= last; i++) {
      if (chunks.has(i)) continue;
      let j = i;
      while (!chunks.has(j + 1)) j++;
      const from = i === 0 ? startedAt || null : text(chunks.get(i - 1)?.recordedTo);
      gaps.push({ fromIndex: i, toIndex: j, from, to: text(chunks.get(j + 1)?.recordedFrom) });
      i = j;
    }
    const ended = [...chunks.values()].some((c) => c.lastChunk === true);
    return { startedAt, chunks: chunks.size, complete: completed.has(startedAt) && gaps.length === 0, gaps, ended, endsAt: text(chunks.get(last)?.recordedTo) };
  });
}

const clock = (iso: string | null) => {
  if (!iso) return '时间不详';
  const t = new Date(Date.parse(iso) + 8 * 3600_000);
  return t.toISOString().slice(11, 19);
};
const seconds = (from: string | null, to: string | null) => (from && to ? `，约 ${Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))} 秒` : '');
const indexes = (a: number, b: number) => (a === b ? `第 ${a + 1} 段` : `第 ${a + 1}–${b + 1} 段`);

export function RecordingGaps({ events }: { events: RecordEvent[] }) {
  const states = recordingStates(events);
  if (!states.length) return null;
  return (
    <View className='recording-gaps' aria-label='录像完整性'>
      {states.map((s, n) => (
        <View key={s.startedAt || n}>
          {states.length > 1 ? <Text className='hint'>第 {n + 1} 段录像（{clock(s.startedAt || null)} 开始）</Text> : null}
          {s.complete ? <Text className='hint'>录像完整：共 {s.chunks} 段，无缺失</Text> : null}
          {s.gaps.map((g) => (
            <View key={g.fromIndex} className='error-text' role='alert'>
              录像缺失：{indexes(g.fromIndex, g.toIndex)}，{clock(g.from)}–{clock(g.to)}{seconds(g.from, g.to)}（这段时间的画面未能保存）
            </View>
          ))}
          {!s.ended ? <Text className='error-text'>录像未正常结束：已保存 {s.chunks} 段，止于 {clock(s.endsAt)}，之后的内容没有保存</Text> : null}
        </View>
      ))}
    </View>
  );
}
