import { Button, Text, View } from '@tarojs/components';
import type { ChecklistPointState } from '@ycta/shared/contracts/inspections.contract';
import { photoProvenanceMarks } from '@ycta/shared/domain/photo-provenance';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { shanghaiTime } from '../../../text/time';
import { inspectorRoutes } from '../inspector.routes';
import { useThumbnail } from '../../staff/review/photo-evidence';
import './checklist-panel.css';
import { PhotoViewer } from './photo-viewer';

type Result = NonNullable<ChecklistPointState['result']>;
const resultLabels: Record<Result, string> = { pass: '符合', fail: '不符合', na: '不适用' };

/** A photo of the point as a thumbnail that opens large; stills and warnings say so on it. */
function PhotoThumb({ photo, onOpen }: { photo: Photo; onOpen: (p: Photo) => void }) {
  const src = useThumbnail(photo);
  const kind = photo.stillRequestId ? '远程截图' : '预传照片';
  // a still is a frame of the live call, so where and when are the call's; an uploaded photo's are only as good as its source
  const provenance = photo.stillRequestId ? [] : photoProvenanceMarks(photo);
  const warn = photo.marks.stale || photo.marks.far || provenance.length > 0;
  // the most serious doubt first; the viewer opened from here lists every mark and reason
  const doubt = photo.marks.far ? '地点偏远' : photo.marks.stale ? '时间可疑' : provenance[0]?.text ?? (photo.marks.siteUnconfirmed ? '场所位置未确认' : '');
  return (
    <button type='button' className='point__thumb' aria-label={`查看${kind} ${photo.capturedAt ? shanghaiTime(photo.capturedAt) : ''}`} onClick={() => onOpen(photo)}>
      {src ? <img src={src} alt='' /> : <span className='point__thumb-empty'>载入中</span>}
      <span className={`point__thumb-label ${warn ? 'point__thumb-label--warn' : ''}`}>{doubt ? `${kind} · ${doubt}` : kind}</span>
    </button>
  );
}

/**
 * One point: judged by a tap, saved to the BFF at once (a dropped call loses nothing already judged). A new tap is a
 * new judgment on the record, never an edit of the old one.
 */
function Point({ inspectionId, point, photos, readOnly, onSaved, current, onSelect, onOpenPhoto }: {
  inspectionId: string; point: ChecklistPointState; photos: Photo[]; readOnly: boolean; onSaved: (p: ChecklistPointState) => void;
  current: boolean; onSelect?: (p: ChecklistPointState) => void; onOpenPhoto: (p: Photo) => void;
}) {
  const [note, setNote] = useState(point.note ?? '');
  const [saving, setSaving] = useState<'idle' | 'saving' | string>('idle');
  // a joint visit's point of another department (or a point only looked at) is shown, not judged, by this caller
  const judgeable = !readOnly && point.mayJudge !== false;
  const department = point.departmentName ? `【${point.departmentName}】` : '';

  const judge = (result: Result) => {
    setSaving('saving');
    api.call(inspectorRoutes.judge, {
      params: { id: inspectionId, itemId: point.id },
      body: { result, note, photoIds: photos.map((p) => p.id) },
    }).then((saved) => { setSaving('idle'); onSaved(saved); }, (err: unknown) => setSaving(messageOf(err)));
  };

  return (
    <View className={`point point--${point.result ?? 'open'} ${current ? 'point--current' : ''}`} data-testid={`point-${point.id}`} aria-current={current ? 'true' : undefined}>
      {onSelect ? (
        <button type='button' className='point__select' onClick={() => onSelect(point)}>
          <span className='point__title'>{current ? '▶ 正在查看：' : ''}{department}{point.title}</span>
          <span className='hint'>{point.guidance}</span>
          {!current ? <span className='point__select-hint'>设为当前要点</span> : null}
        </button>
      ) : (
        <>
          <Text className='point__title'>{current ? '▶ 正在查看：' : ''}{department}{point.title}</Text>
          <Text className='hint'>{point.guidance}</Text>
        </>
      )}
      {point.settledBy ? (
        <Text className='point__settled'>已由预选址意见书核实（{point.settledBy.ruleTitle}：{point.settledBy.figure}），无需重复核查</Text>
      ) : null}
      <Text className='point__result'>
        {point.result ? `${resultLabels[point.result]}${point.judgedAt ? `（${shanghaiTime(point.judgedAt)}）` : ''}` : '未判定'}
      </Text>
      {!judgeable ? (point.note ? <Text>备注：{point.note}</Text> : null) : (
        <>
          <textarea className='point__note' aria-label={`${point.title}备注`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          <View className='point__buttons'>
            {(Object.keys(resultLabels) as Result[]).map((r) => (
              <Button key={r} className={`btn btn--small ${point.result === r ? 'btn--primary' : 'btn--plain'}`} disabled={saving === 'saving'} onClick={() => judge(r)}>
                {resultLabels[r]}
              </Button>
            ))}
          </View>
        </>
      )}
      {saving === 'saving' ? <Text className='hint'>正在保存…</Text> : null}
      {saving !== 'idle' && saving !== 'saving' ? <View className='error-text' role='alert'>{saving}</View> : null}
      {photos.length ? (
        <View className='point__photos'>{photos.map((p) => <PhotoThumb key={p.id} photo={p} onOpen={onOpenPhoto} />)}</View>
      ) : <Text className='hint'>这一要点还没有照片</Text>}
    </View>
  );
}

export function ChecklistPanel({ inspectionId, checklist, photos, readOnly = false, onSaved = () => undefined, currentId = null, onSelect }: {
  inspectionId: string; checklist: ChecklistPointState[]; photos: Photo[]; readOnly?: boolean; onSaved?: (p: ChecklistPointState) => void;
  /** The point being looked at now; `onSelect` makes another one current (pushed to the applicant and the expert). */
  currentId?: string | null; onSelect?: (p: ChecklistPointState) => void;
}) {
  const judged = checklist.filter((p) => p.result !== null).length;
  const [open, setOpen] = useState<Photo | null>(null);
  // a still asked for with no point current belongs to none: it still shows, apart
  const loose = photos.filter((p) => !checklist.some((point) => point.id === p.checklistItemId));
  return (
    <View className='checklist-panel'>
      <Text className='section__title'>踏勘要点（已判定 {judged} / {checklist.length}）</Text>
      {checklist.map((point) => (
        <Point key={point.id} inspectionId={inspectionId} point={point} readOnly={readOnly} onSaved={onSaved}
          current={point.id === currentId} onSelect={onSelect} onOpenPhoto={setOpen}
          photos={photos.filter((p) => p.checklistItemId === point.id)} />
      ))}
      {loose.length ? (
        <View className='point'>
          <Text className='point__title'>未对应要点的照片</Text>
          <View className='point__photos'>{loose.map((p) => <PhotoThumb key={p.id} photo={p} onOpen={setOpen} />)}</View>
        </View>
      ) : null}
      {open ? <PhotoViewer photo={open} title={checklist.find((p) => p.id === open.checklistItemId)?.title ?? '未指定要点'} onClose={() => setOpen(null)} /> : null}
    </View>
  );
}
