import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import type { ApplicationDetail } from '@ycta/shared/contracts/applications.contract';
import type { ApplicationStatus } from '@ycta/shared/domain/application-state';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { StatusBadge } from '../../../components/status-badge';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { deadlineText } from '../../../text/deadline';
import { creditTierNames } from '../../../text/credit';
import { applicationStatusLabels } from '../../../text/status';
import { shanghaiTime } from '../../../text/time';
import { WithdrawForm } from './withdraw-form';
import './application-detail.css';

interface Action { label: string; url: string; primary?: boolean }

/** The inspection's pages the applicant needs at this status (the BFF's nextStep says why). */
function inspectionActions(status: ApplicationStatus, inspectionId: string | null): Action[] {
  if (!inspectionId) return [];
  switch (status) {
    case 'remote_approved':
      return [
        { label: '准备踏勘照片', url: pages.prepare(inspectionId), primary: true },
        { label: '查看预约', url: pages.booking(inspectionId) },
      ];
    case 'inspection_booked':
      return [
        { label: '进入视频踏勘', url: pages.join(inspectionId), primary: true },
        { label: '准备踏勘照片', url: pages.prepare(inspectionId) },
        { label: '查看预约', url: pages.booking(inspectionId) },
      ];
    case 'inspecting':
      return [{ label: '进入视频踏勘', url: pages.join(inspectionId), primary: true }];
    case 'rectifying':
    case 'approved':
    case 'rejected':
      return [{ label: '查看踏勘结果', url: pages.result(inspectionId), primary: true }];
    default:
      return [];
  }
}

function actionsOf(a: ApplicationDetail): Action[] {
  const own: Action[] = a.nextActions.some((n) => n.action === 'request_remote')
    ? [{ label: '申请远程踏勘', url: pages.remoteRequest(a.id), primary: true }]
    : [];
  return [...own, ...inspectionActions(a.status, a.inspectionId)];
}

const withInspection: readonly ApplicationStatus[] = ['remote_approved', 'inspection_booked', 'inspecting', 'rectifying', 'approved', 'rejected'];

/**
 * The application, with its inspection's id. The BFF (as of this writing) can answer `inspectionId: null`
 * although the credit gate opened an inspection: then it is found in the applicant's inspections.
 */
async function loadApplication(id: string): Promise<ApplicationDetail> {
  const application = await api.call(routes.getApplication, { params: { id } });
  if (application.inspectionId || !withInspection.includes(application.status)) return application;
  const { items } = await api.call(routes.listInspections, { query: { limit: 100 } });
  const latest = items.filter((i) => i.applicationId === id && i.status !== 'cancelled').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return { ...application, inspectionId: latest?.id ?? null };
}

const actorNames: Record<ApplicationDetail['timeline'][number]['actorRole'], string> = {
  applicant: '申请人', inspector: '踏勘人员', expert: '专家', staff: '工作人员', admin: '管理员', system: '系统',
};

export function ApplicationDetailView({ id, visit = 0 }: { id: string; visit?: number }) {
  const [round, setRound] = useState(0);
  const detail = useResource(() => loadApplication(id), `${id}-${visit}-${round}`);

  return (
    <View className='detail'>
      <AsyncView resource={detail}>
        {(a) => (
          <>
            <View className='card section'>
              <View className='detail__head'>
                <Text className='detail__matter'>{a.matterName}</Text>
                <StatusBadge status={a.status} label={a.statusLabel} />
              </View>
              <Text className='hint'>{a.siteAddress}</Text>
              <Text className='detail__deadline'>{deadlineText(a.deadline)}</Text>
              {a.creditSnapshot ? (
                <Text className='hint'>
                  信用等级：{creditTierNames[a.creditSnapshot.tier]}（{shanghaiTime(a.creditSnapshot.checkedAt)} 查询）
                </Text>
              ) : null}
            </View>

            <View className='card section'>
              <Text className='section__title'>下一步</Text>
              <Text className='detail__next'>{a.nextStep}</Text>
              {actionsOf(a).map((act) => (
                <Button key={act.label} className={`btn ${act.primary ? 'btn--primary' : 'btn--plain'}`} onClick={() => openPage(act.url)}>
                  {act.label}
                </Button>
              ))}
              {a.nextActions.some((n) => n.action === 'withdraw') ? <WithdrawForm applicationId={a.id} onWithdrawn={() => setRound((r) => r + 1)} /> : null}
            </View>

            <View className='card section'>
              <Text className='section__title'>办理进度</Text>
              {a.timeline.map((t, i) => (
                <View key={`${t.to}-${t.at}`} className={`timeline__entry ${i === a.timeline.length - 1 ? 'timeline__entry--current' : ''}`}>
                  <Text className='timeline__status'>{applicationStatusLabels[t.to]}</Text>
                  <Text className='timeline__time'>{shanghaiTime(t.at)} · {actorNames[t.actorRole]}</Text>
                  {t.reason ? <Text className='timeline__reason'>{t.reason}</Text> : null}
                </View>
              ))}
            </View>
          </>
        )}
      </AsyncView>
    </View>
  );
}
