import { Text, View } from '@tarojs/components';
import type { ConclusionResult, ChecklistResult } from '@ycta/shared/domain/inspection-state';
import { api } from '../../../api';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiTime } from '../../../text/time';
import { photoStatus } from '../prepare/photo-upload-list';
import './result.css';

const conclusionText: Record<ConclusionResult, { label: string; tone: 'ok' | 'warn' | 'bad' }> = {
  pass: { label: '踏勘通过', tone: 'ok' },
  fix_and_recheck: { label: '需整改后复查', tone: 'warn' },
  fail: { label: '踏勘未通过', tone: 'bad' },
};

const pointResultText: Record<ChecklistResult, string> = { pass: '符合', fail: '不符合', na: '不适用' };

/** 踏勘结果: the conclusion, what to fix by when, each point's judgment and the photos on the record. */
export function ResultView({ inspectionId }: { inspectionId: string }) {
  const data = useResource(
    () => Promise.all([
      api.call(routes.getInspection, { params: { id: inspectionId } }),
      api.call(routes.listPhotos, { params: { id: inspectionId } }),
    ]),
    inspectionId,
  );

  return (
    <View className='result'>
      <AsyncView resource={data} isEmpty={([inspection]) => !inspection.conclusion} empty={<Text>踏勘尚未作出结论，结论作出后会显示在这里。</Text>}>
        {([inspection, photos]) => {
          const conclusion = inspection.conclusion!;
          const verdict = conclusionText[conclusion.result];
          const titles = new Map(inspection.checklist.map((p) => [p.id, p.title]));
          return (
            <>
              <View className={`card section result__verdict result__verdict--${verdict.tone}`}>
                <Text className='result__label'>{verdict.label}</Text>
                {conclusion.summary ? <Text>{conclusion.summary}</Text> : null}
                <Text className='hint'>结论作出于 {shanghaiTime(conclusion.concludedAt)}</Text>
              </View>
              {conclusion.rectificationItems.length ? (
                <View className='card section'>
                  <Text className='section__title'>整改清单</Text>
                  {conclusion.rectificationDueOn ? <Text className='result__due'>请于 {conclusion.rectificationDueOn} 前完成整改</Text> : null}
                  {conclusion.rectificationItems.map((item, i) => (
                    <Text key={`${i}-${item.description}`} className='result__item'>
                      {i + 1}. {item.checklistItemId && titles.has(item.checklistItemId) ? `【${titles.get(item.checklistItemId)}】` : ''}{item.description}
                    </Text>
                  ))}
                </View>
              ) : null}
              <View className='card section'>
                <Text className='section__title'>各踏勘要点</Text>
                {inspection.checklist.map((p) => (
                  <View key={p.id} className='result__point'>
                    <Text className='result__point-title'>{p.title}：{p.result ? pointResultText[p.result] : '未判定'}</Text>
                    {p.note ? <Text className='hint'>{p.note}</Text> : null}
                  </View>
                ))}
              </View>
              <View className='card section'>
                <Text className='section__title'>踏勘照片（{photos.items.length} 张）</Text>
                {photos.items.length === 0 ? <Text className='hint'>本次踏勘没有照片</Text> : null}
                {photos.items.map((photo) => (
                  <Text key={photo.id} className='hint'>
                    {titles.get(photo.checklistItemId ?? '') ?? '其他'} · {photo.capturedAt ? shanghaiTime(photo.capturedAt) : '拍摄时间未知'} · {photoStatus(photo).text}
                  </Text>
                ))}
              </View>
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}
