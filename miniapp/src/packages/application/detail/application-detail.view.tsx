import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import type { ApplicationDetail } from '@ycta/shared/contracts/applications.contract';
import type { ApplicationStatus } from '@ycta/shared/domain/application-state';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { SiteOriginLine } from '../../../components/site-origin';
import { StatusBadge } from '../../../components/status-badge';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { deadlineText } from '../../../text/deadline';
import { slotText } from '../../../text/slot';
import { creditTierNames } from '../../../text/credit';
import { applicationStatusLabels } from '../../../text/status';
import { shanghaiTime, withLocalTimes } from '../../../text/time';
import { WithdrawForm } from './withdraw-form';
import './application-detail.css';

interface Action { label: string; url: string; primary?: boolean }

interface InspectionRef { id: string; mode: 'remote' | 'onsite'; slot: { start: string; end: string } | null }
interface Loaded { application: ApplicationDetail; inspection: InspectionRef | null }

/** The inspection's pages the applicant needs at this status (the BFF's nextStep says why). */
function inspectionActions(status: ApplicationStatus, inspection: InspectionRef | null): Action[] {
  if (!inspection) return [];
  const { id } = inspection;
  const concluded = status === 'rectifying' || status === 'approved' || status === 'rejected';
  if (concluded) return [{ label: '查看踏勘结果', url: pages.result(id), primary: true }];
  if (inspection.mode === 'onsite') return status === 'inspection_booked' ? [{ label: '查看现场踏勘时间', url: pages.booking(id), primary: true }] : [];
  switch (status) {
    case 'remote_approved':
      return [
        { label: '准备踏勘照片', url: pages.prepare(id), primary: true },
        { label: '查看预约', url: pages.booking(id) },
      ];
    case 'inspection_booked':
      return [
        { label: '进入视频踏勘', url: pages.join(id), primary: true },
        { label: '准备踏勘照片', url: pages.prepare(id) },
        { label: '查看预约', url: pages.booking(id) },
      ];
    case 'inspecting':
      return [{ label: '进入视频踏勘', url: pages.join(id), primary: true }];
    default:
      return [];
  }
}

function actionsOf({ application: a, inspection }: Loaded): Action[] {
  const own: Action[] = a.nextActions.some((n) => n.action === 'request_remote')
    ? [{ label: '申请远程踏勘', url: pages.remoteRequest(a.id), primary: true }]
    : [];
  const materials: Action = { label: '申请材料（上传、后补、承诺）', url: pages.materials(a.id) };
  return [...own, ...inspectionActions(a.status, inspection), materials];
}

const withInspection: readonly ApplicationStatus[] = [
  'remote_approved', 'onsite_required', 'inspection_booked', 'inspecting', 'rectifying', 'approved', 'rejected',
];

/**
 * The application and its latest inspection (whether it runs remotely or on site decides what the applicant
 * can do). Looked up in the applicant's inspections: the application's own `inspectionId` can still be null
 * although the credit gate opened one.
 */
async function loadApplication(id: string): Promise<Loaded> {
  const application = await api.call(routes.getApplication, { params: { id } });
  if (!withInspection.includes(application.status)) return { application, inspection: null };
  const { items } = await api.call(routes.listInspections, { query: { limit: 100 } });
  const mine = items.filter((i) => i.applicationId === id && i.status !== 'cancelled');
  const latest = mine.find((i) => i.id === application.inspectionId) ?? mine.sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0];
  return { application, inspection: latest ? { id: latest.id, mode: latest.mode, slot: latest.slot } : null };
}

const actorNames: Record<ApplicationDetail['timeline'][number]['actorRole'], string> = {
  applicant: '申请人', inspector: '踏勘人员', expert: '专家', staff: '工作人员', admin: '管理员', dept_reviewer: '部门审核人员', system: '系统',
};

type Entry = ApplicationDetail['timeline'][number];

/**
 * Who did it, as the applicant sees it. The record lets only the inspector move an application to booked (their
 * offer is what makes it bookable), but the person who picked the time was the applicant.
 */
const actorOf = (t: Entry) => (t.to === 'inspection_booked' && t.actorRole === 'inspector' ? '申请人' : actorNames[t.actorRole]);

export function ApplicationDetailView({ id, visit = 0 }: { id: string; visit?: number }) {
  const [round, setRound] = useState(0);
  const detail = useResource(() => loadApplication(id), `${id}-${visit}-${round}`);

  return (
    <View className='detail'>
      <AsyncView resource={detail}>
        {(loaded) => {
          const { application: a, inspection } = loaded;
          return (
          <>
            <View className='card section'>
              <View className='detail__head'>
                <Text className='detail__matter'>{a.matterName}</Text>
                <StatusBadge status={a.status} label={a.statusLabel} />
              </View>
              <Text className='hint'>{a.siteAddress}</Text>
              <SiteOriginLine application={a} />
              <Text className='detail__deadline'>{deadlineText(a.deadline)}</Text>
              {inspection?.slot ? <Text className='detail__slot'>预约时间：{slotText(inspection.slot)}（{inspection.mode === 'remote' ? '视频踏勘' : '现场踏勘'}）</Text> : null}
              {a.creditSnapshot ? (
                <Text className='hint'>
                  信用等级：{creditTierNames[a.creditSnapshot.tier]}（{shanghaiTime(a.creditSnapshot.checkedAt)} 查询）
                </Text>
              ) : null}
            </View>

            <View className='card section'>
              <Text className='section__title'>下一步</Text>
              <Text className='detail__next'>{a.nextStep}</Text>
              {actionsOf(loaded).map((act) => (
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
                  <Text className='timeline__time'>{shanghaiTime(t.at)} · {actorOf(t)}</Text>
                  {t.reason ? <Text className='timeline__reason'>{withLocalTimes(t.reason)}</Text> : null}
                </View>
              ))}
            </View>
          </>
          );
        }}
      </AsyncView>
    </View>
  );
}
