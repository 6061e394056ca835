import { Button, Text, View } from '@tarojs/components';
import type { ChecklistPointState } from '@ycta/shared/contracts/inspections.contract';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { shanghaiTime } from '../../../text/time';
import { inspectorRoutes } from '../inspector.routes';

type Result = NonNullable<ChecklistPointState['result']>;
const resultLabels: Record<Result, string> = { pass: '符合', fail: '不符合', na: '不适用' };

function PhotoLine({ photo }: { photo: Photo }) {
  return (
    <View className='point__photo'>
      <Text>{photo.stillRequestId ? '远程截图' : '预传照片'} · 拍摄 {photo.capturedAt ? shanghaiTime(photo.capturedAt) : '时间未知'}</Text>
      <Text>{photo.distanceMeters !== null ? ` · 距场所 ${Math.round(photo.distanceMeters)} 米` : ' · 位置未知'}</Text>
      {photo.marks.stale ? <Text className='mark mark--warn'> · 时间可疑</Text> : null}
      {photo.marks.far ? <Text className='mark mark--warn'> · 地点偏远</Text> : null}
    </View>
  );
}

/**
 * One point: judged by a tap, saved to the BFF at once (a dropped call loses nothing already judged). A new tap is a
 * new judgment on the record, never an edit of the old one.
 */
function Point({ inspectionId, point, photos, readOnly, onSaved }: {
  inspectionId: string; point: ChecklistPointState; photos: Photo[]; readOnly: boolean; onSaved: (p: ChecklistPointState) => void;
}) {
  const [note, setNote] = useState(point.note ?? '');
  const [saving, setSaving] = useState<'idle' | 'saving' | string>('idle');

  const judge = (result: Result) => {
    setSaving('saving');
    api.call(inspectorRoutes.judge, {
      params: { id: inspectionId, itemId: point.id },
      body: { result, note, photoIds: photos.map((p) => p.id) },
    }).then((saved) => { setSaving('idle'); onSaved(saved); }, (err: unknown) => setSaving(messageOf(err)));
  };

  return (
    <View className={`point point--${point.result ?? 'open'}`} data-testid={`point-${point.id}`}>
      <Text className='point__title'>{point.title}</Text>
      <Text className='hint'>{point.guidance}</Text>
      {point.settledBy ? (
        <Text className='point__settled'>已由预选址意见书核实（{point.settledBy.ruleTitle}：{point.settledBy.figure}），无需重复核查</Text>
      ) : null}
      <Text className='point__result'>
        {point.result ? `${resultLabels[point.result]}${point.judgedAt ? `（${shanghaiTime(point.judgedAt)}）` : ''}` : '未判定'}
      </Text>
      {readOnly ? (point.note ? <Text>备注：{point.note}</Text> : null) : (
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
      {photos.map((p) => <PhotoLine key={p.id} photo={p} />)}
    </View>
  );
}

export function ChecklistPanel({ inspectionId, checklist, photos, readOnly = false, onSaved = () => undefined }: {
  inspectionId: string; checklist: ChecklistPointState[]; photos: Photo[]; readOnly?: boolean; onSaved?: (p: ChecklistPointState) => void;
}) {
  const judged = checklist.filter((p) => p.result !== null).length;
  return (
    <View className='checklist-panel'>
      <Text className='section__title'>踏勘要点（已判定 {judged} / {checklist.length}）</Text>
      {checklist.map((point) => (
        <Point key={point.id} inspectionId={inspectionId} point={point} readOnly={readOnly} onSaved={onSaved}
          photos={photos.filter((p) => p.checklistItemId === point.id)} />
      ))}
    </View>
  );
}
