import { Button, Text, View } from '@tarojs/components';
import { checklistResultLabels, conclusionResultLabels } from '@ycta/shared/domain/inspection-state';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import type { ChainVerification } from '@ycta/shared/contracts/ledger.contract';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiTime } from '../../../text/time';
import { ReportDownload } from '../report-download';
import { staffRoutes } from '../staff.routes';
import './report.css';

const roles = { applicant: '申请人', inspector: '踏勘人员', expert: '专家', staff: '审核人员', admin: '管理员', dept_reviewer: '部门审核人员' } as const;

interface Report { detail: InspectionDetail; verification: ChainVerification; photos: Photo[] }

async function loadReport(id: string): Promise<Report> {
  const [detail, verification, photos] = await Promise.all([
    api.call(staffRoutes.getInspection, { params: { id } }),
    api.call(staffRoutes.verify, { params: { id } }),
    api.call(staffRoutes.listPhotos, { params: { id } }),
  ]);
  return { detail, verification, photos: photos.items };
}

/** The inspection on paper: the browser's print (to PDF) of this page is the report. */
export function ReportView({ id, print = () => window.print(), download }: { id: string; print?: () => void; download?: (id: string) => Promise<void> }) {
  const report = useResource(() => loadReport(id), id);
  return (
    <AsyncView resource={report}>
      {({ detail, verification, photos }) => (
        <View className='report'>
          <View className='report__actions'>
            <ReportDownload inspectionId={id} concluded={detail.conclusion !== null} download={download} />
            <Button className='btn btn--plain btn--small report__print' onClick={print}>打印 / 存为 PDF</Button>
          </View>
          <Text className='report__title'>远程踏勘记录</Text>
          <Text>编号：{detail.id}</Text>
          <Text>事项：{detail.matterName}</Text>
          <Text>地址：{detail.siteAddress ?? '—'}</Text>
          <Text>踏勘时间：{detail.firstJoinAt ? shanghaiTime(detail.firstJoinAt) : '—'} 至 {detail.concludedAt ? shanghaiTime(detail.concludedAt) : '—'}{detail.durationSeconds !== null ? `（${Math.round(detail.durationSeconds / 60)} 分钟）` : ''}</Text>
          <Text className='report__heading'>参与人</Text>
          {detail.participants.map((p) => <Text key={p.userId}>{roles[p.role]}：{p.displayName}</Text>)}
          <Text className='report__heading'>踏勘要点</Text>
          <View className='report__table'>
            {detail.checklist.map((c, n) => (
              <View key={c.id} className='report__row'>
                <Text>{n + 1}. {c.title}</Text>
                <Text>{c.result ? checklistResultLabels[c.result] : '未判定'}</Text>
                <Text>{c.note ?? ''}{c.judgments > 1 ? `（共判定 ${c.judgments} 次）` : ''}</Text>
              </View>
            ))}
          </View>
          <Text className='report__heading'>结论</Text>
          {detail.conclusion ? (
            <View>
              <Text>{conclusionResultLabels[detail.conclusion.result]}：{detail.conclusion.summary}</Text>
              {detail.conclusion.rectificationItems.map((r) => <Text key={r.description}>整改：{r.description}</Text>)}
              {detail.conclusion.rectificationDueOn ? <Text>整改期限：{detail.conclusion.rectificationDueOn}</Text> : null}
            </View>
          ) : <Text>尚未作出结论</Text>}
          {detail.opinions.map((o) => <Text key={o.at}>专家意见：{o.text}</Text>)}
          <Text className='report__heading'>照片（{photos.length}）</Text>
          {photos.map((p) => (
            <Text key={p.id} className='report__photo'>
              {detail.checklist.find((c) => c.id === p.checklistItemId)?.title ?? '未关联要点'} · 拍摄 {p.capturedAt ? shanghaiTime(p.capturedAt) : '未知'} · 接收 {shanghaiTime(p.receivedAt)} · {p.distanceMeters !== null ? `距场所 ${Math.round(p.distanceMeters)} 米` : '位置未知'} · SHA-256 {p.sha256}
            </Text>
          ))}
          <Text className='report__heading'>记录校验</Text>
          <Text>{verification.ok ? `完整（${verification.length} 个事件）` : `未通过：第 ${verification.firstBroken?.seq ?? '?'} 号事件 ${verification.firstBroken?.reason ?? ''}`}</Text>
          <Text className='report__hash'>链头哈希：{verification.headHash}</Text>
        </View>
      )}
    </AsyncView>
  );
}
