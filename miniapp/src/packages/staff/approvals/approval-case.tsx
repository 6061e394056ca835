import { Text, View } from '@tarojs/components';
import type { ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { creditTierNames } from '../../../text/credit';
import { shanghaiTime } from '../../../text/time';
import { DecisionForm } from '../decision-form';
import { staffRoutes } from '../staff.routes';

const sourceNames: Record<string, string> = { http: '省信用平台', local: '本地信用记录', seed: '登记时的信用等级' };
const originNames = { staff: '工作人员设置', import: '批量导入', penalty: '虚假材料惩戒', repair: '信用修复' } as const;

async function loadCase(summary: ApplicationSummary) {
  const [detail, history] = await Promise.all([
    api.call(staffRoutes.getApplication, { params: { id: summary.id } }),
    api.call(staffRoutes.subjectCredit, { params: { id: summary.subjectId } }),
  ]);
  return { detail, history: history.items };
}

interface Props {
  summary: ApplicationSummary;
  /** With the confirmation to show, naming what was decided. */
  onDecided: (message: string) => void;
}

/** One request: the credit evidence the gate relied on, the subject's history, and the decision with its reason. */
export function ApprovalCase({ summary, onDecided }: Props) {
  const loaded = useResource(() => loadCase(summary), summary.id);
  const decide = async (approve: boolean, reason: string) => {
    await api.call(staffRoutes.decideRemote, { params: { id: summary.id }, body: { approve, reason } });
    onDecided(`已${approve ? '同意' : '不同意'}${summary.subjectName}的远程踏勘申请（${summary.matterName}），申请人已收到通知。`);
  };

  return (
    <View className='card approvals__case'>
      <Text className='approvals__heading'>{summary.subjectName} · {summary.matterName}</Text>
      <Text className='hint'>{summary.siteAddress}</Text>
      <AsyncView resource={loaded}>
        {({ detail, history }) => (
          <View className='approvals__evidence'>
            {detail.creditSnapshot ? (
              <View className='approvals__snapshot'>
                <Text className='section__title'>信用核验（申请时）</Text>
                <Text className={`tier tier--${detail.creditSnapshot.tier}`}>{creditTierNames[detail.creditSnapshot.tier]}</Text>
                <Text className='hint'>
                  {detail.creditSnapshot.score !== undefined ? `信用分 ${detail.creditSnapshot.score} · ` : ''}
                  来源：{sourceNames[detail.creditSnapshot.source] ?? '其他来源'} · 核验于 {shanghaiTime(detail.creditSnapshot.checkedAt)}
                </Text>
              </View>
            ) : null}
            <Text className='section__title'>信用记录</Text>
            {history.length === 0 ? <Text className='hint'>本地没有该主体的信用调整记录。</Text> : (
              <View className='approvals__history'>
                {history.map((r) => (
                  <Text key={r.id} className='approvals__history-row'>
                    {shanghaiTime(r.recordedAt)} · {creditTierNames[r.tier]} · {originNames[r.origin]} · {r.reason}
                  </Text>
                ))}
              </View>
            )}
            <Text className='section__title'>办理经过</Text>
            {detail.timeline.map((t) => <Text key={`${t.at}-${t.to}`} className='hint'>{shanghaiTime(t.at)} · {t.reason}</Text>)}
          </View>
        )}
      </AsyncView>
      <DecisionForm title='审批意见' reasonLabel='审批理由' placeholder='填写同意或不同意的理由，申请人会看到' yes='同意远程踏勘' no='不同意，改为现场踏勘'
        confirmText={(yes) => (yes ? '确认同意该主体远程踏勘？' : '确认不同意远程踏勘？申请将改为现场踏勘。')} onDecide={decide} />
    </View>
  );
}
