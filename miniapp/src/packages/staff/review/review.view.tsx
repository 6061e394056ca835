import { Button, Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import type { CreditPenalty } from '@ycta/shared/contracts/credit.contract';
import type { ChainVerification, RecordEvent } from '@ycta/shared/contracts/ledger.contract';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { downloadBundle, downloadReport, loadRecording } from '../media';
import { ReportDownload } from '../report-download';
import { eventDetail, eventLabels, offsetLabel, recordingMediaIds, recordingStart, timelineEvent } from '../record-text';
import { staffPages, staffRoutes } from '../staff.routes';
import { ChainBadge } from './chain-badge';
import { PhotoEvidence } from './photo-evidence';
import { RecordingGaps } from './recording-gaps';
import { durationProbe } from './recording-duration';
import './review.css';

interface Review { detail: InspectionDetail; events: RecordEvent[]; viewId?: string; verification: ChainVerification; photos: Photo[]; flags: CreditPenalty[] }

/** Everything the review desk shows, fetched together; reading the record is itself logged by the BFF. */
async function loadReview(id: string): Promise<Review> {
  const [detail, record, verification, photos, flags] = await Promise.all([
    api.call(staffRoutes.getInspection, { params: { id } }),
    api.call(staffRoutes.record, { params: { id } }),
    api.call(staffRoutes.verify, { params: { id } }),
    api.call(staffRoutes.listPhotos, { params: { id } }),
    api.call(staffRoutes.flags, { params: { id } }),
  ]);
  return { detail, events: record.events, viewId: record.viewId, verification, photos: photos.items, flags: flags.items };
}

function useRecordingUrl(mediaIds: string[], load: (ids: string[]) => Promise<string>) {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  const key = mediaIds.join(',');
  useEffect(() => {
    if (!mediaIds.length) return undefined;
    let current = true;
    load(mediaIds).then((url) => { if (current) setState({ url, error: null }); }, (err: Error) => { if (current) setState({ url: null, error: err.message }); });
    return () => { current = false; };
    // the ids are the key: a new array of the same ids is the same recording
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, load]);
  return state;
}

export interface ReviewDeps {
  loadRecording?: (mediaIds: string[]) => Promise<string>;
  downloadBundle?: (inspectionId: string) => Promise<void>;
  downloadReport?: (inspectionId: string) => Promise<void>;
  loadThumbnails?: boolean;
}

function RecordingWithTimeline({ review, deps }: { review: Review; deps: Required<ReviewDeps> }) {
  const video = useRef<HTMLVideoElement>(null);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const mediaIds = useMemo(() => recordingMediaIds(review.events), [review.events]);
  const recording = useRecordingUrl(mediaIds, deps.loadRecording);
  const start = recordingStart(review.events);
  const titles = useMemo(() => new Map(review.detail.checklist.map((c) => [c.id, c.title])), [review.detail.checklist]);
  const entries = review.events.filter(timelineEvent).map((e) => ({ event: e, offset: start === null ? null : (Date.parse(e.at) - start) / 1000 }));
  // the current event: the last one at or before the playing position
  const current = entries.reduce<string | null>((found, x) => (x.offset !== null && x.offset <= position ? x.event.id : found), null);

  const seek = (offset: number | null) => {
    if (offset === null || !video.current) return;
    video.current.currentTime = Math.max(0, offset);
    setPosition(Math.max(0, offset));
  };

  return (
    <View className='review__media'>
      <View className='review__video'>
        {!mediaIds.length ? <Text className='hint'>本次踏勘没有录像。</Text> : null}
        {recording.error ? <View className='error-text' role='alert'>{recording.error}</View> : null}
        <RecordingGaps events={review.events} />
        {mediaIds.length && !recording.url && !recording.error ? <Text className='hint'>正在载入录像…</Text> : null}
        {recording.url ? (
          <video ref={video} className='review__player' src={recording.url} controls preload='metadata' data-testid='recording' {...durationProbe(setDuration)}
            onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)} />
        ) : null}
        {recording.url ? <Text className='hint'>录像时长 {duration === null ? '计算中…' : offsetLabel(duration)} · 点击右侧事件跳到该时刻</Text> : null}
      </View>
      <View className='review__timeline' aria-label='事件时间线'>
        {entries.map(({ event, offset }) => (
          <View
            key={event.id}
            className={`timeline-event ${current === event.id ? 'timeline-event--current' : ''}`}
            aria-current={current === event.id ? 'true' : undefined}
            onClick={() => seek(offset)}
          >
            <Text className='timeline-event__offset'>{offset === null ? '' : offset >= 0 ? offsetLabel(offset) : '录像前'}</Text>
            <Text className='timeline-event__label'>{eventLabels[event.type]}</Text>
            <Text className='hint'>{[shanghaiTime(event.at), eventDetail(event, titles)].filter(Boolean).join(' · ')}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** Where a flag's credit penalty stands: delivered, refused for good (staff must act), retrying, or waiting. */
export function deliveryText(d: CreditPenalty['delivery']): { text: string; problem: boolean } {
  if (d.deliveredAt) return { text: `已报送信用平台（${shanghaiTime(d.deliveredAt)}）`, problem: false };
  if (d.refusedAt) return { text: `${d.lastError ?? '信用平台拒收'}。系统不再重试，请核实后线下处理。`, problem: true };
  if (d.attempts > 0) return { text: `报送未成功，系统将自动重试（已尝试 ${d.attempts} 次）：${d.lastError ?? ''}`, problem: true };
  return { text: '等待报送信用平台', problem: false };
}

function Flags({ flags }: { flags: CreditPenalty[] }) {
  if (!flags.length) return null;
  return (
    <View className='card section'>
      <Text className='section__title'>虚假材料标记（{flags.length}）</Text>
      {flags.map((f) => {
        const state = deliveryText(f.delivery);
        return (
          <View key={f.id} className='review__flag'>
            <Text>{shanghaiTime(f.flaggedAt)} · {f.reason}</Text>
            <Text className={state.problem ? 'error-text' : 'hint'}>{state.text}</Text>
          </View>
        );
      })}
    </View>
  );
}

const conclusionLabels = { pass: '通过', fail: '不通过', fix_and_recheck: '整改后复查' } as const;

export function ReviewView({ id, deps = {} }: { id: string; deps?: ReviewDeps }) {
  const review = useResource(() => loadReview(id), id);
  const [exporting, setExporting] = useState<'idle' | 'busy' | string>('idle');
  // stable per inspection: a new function would make the player load (and open a viewing) again on every render
  const loadThisRecording = useCallback((mediaIds: string[]) => loadRecording(id, mediaIds), [id]);
  const resolved: Required<ReviewDeps> = { loadRecording: loadThisRecording, downloadBundle, downloadReport, loadThumbnails: true, ...deps };

  const exportBundle = () => {
    setExporting('busy');
    resolved.downloadBundle(id).then(() => setExporting('idle'), (err: Error) => setExporting(err.message));
  };

  return (
    <View className='review'>
      <AsyncView resource={review}>
        {(r) => (
          <>
            <View className='card section'>
              <Text className='section__title'>{r.detail.matterName} · {r.detail.siteAddress ?? '（无地址）'} · {r.detail.statusLabel}</Text>
              <ChainBadge verification={r.verification} />
              {r.detail.conclusion ? (
                <Text>结论：{conclusionLabels[r.detail.conclusion.result]}（{shanghaiTime(r.detail.conclusion.concludedAt)}）{r.detail.conclusion.summary}</Text>
              ) : <Text className='hint'>尚未作出结论</Text>}
              <View className='review__actions'>
                <Button className='btn btn--primary btn--small' disabled={exporting === 'busy'} onClick={exportBundle}>{exporting === 'busy' ? '正在导出…' : '导出'}</Button>
                <Button className='btn btn--plain btn--small' onClick={() => openPage(staffPages.report(id))}>打印报告</Button>
              </View>
              <ReportDownload inspectionId={id} concluded={r.detail.conclusion !== null} download={resolved.downloadReport} />
              {exporting !== 'idle' && exporting !== 'busy' ? <View className='error-text' role='alert'>{exporting}</View> : null}
            </View>
            <Flags flags={r.flags} />
            <RecordingWithTimeline review={r} deps={resolved} />
            <View className='card section'>
              <Text className='section__title'>照片（{r.photos.length}）</Text>
              {r.photos.length ? r.photos.map((p) => <PhotoEvidence key={p.id} photo={p} pointTitle={r.detail.checklist.find((c) => c.id === p.checklistItemId)?.title} loadThumbnails={resolved.loadThumbnails} viewId={r.viewId} />) : <Text className='hint'>没有照片。</Text>}
            </View>
          </>
        )}
      </AsyncView>
    </View>
  );
}
