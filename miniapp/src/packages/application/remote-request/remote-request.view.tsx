import { Button, Text, View } from '@tarojs/components';
import type { RemoteRequestResult } from '@ycta/shared/contracts/credit.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { ApiError } from '../../../api/api-error';
import { routes } from '../../../api/routes';
import { goBack, openPage, pages } from '../../../navigation';
import { creditOutcomeText } from '../../../text/credit-outcome';
import './remote-request.css';

/** A black applicant's way out of the refusal: 我的信用, where the records behind the tier can be repaired. */
function RepairWay() {
  return (
    <View className='card section remote__repair'>
      <Text className='remote__line'>信用修复后可以重新申请远程踏勘：在“我的信用”查看失信记录，上传证明材料并签署信用承诺，各部门 5 个工作日内办结。</Text>
      <Button className='btn btn--primary' onClick={() => openPage(pages.myCredit)}>去修复信用（我的信用）</Button>
    </View>
  );
}

/** 申请远程踏勘: runs the credit gate and explains its answer in plain words. */
export function RemoteRequestView({ applicationId }: { applicationId: string }) {
  const [outcome, setOutcome] = useState<RemoteRequestResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await api.call(routes.requestRemote, { params: { id: applicationId } }));
    } catch (err) {
      setError(err instanceof ApiError ? err : ApiError.fromCode('INTERNAL'));
    } finally {
      setBusy(false);
    }
  };

  if (!outcome) {
    return (
      <View className='remote'>
        <View className='card section'>
          <Text className='remote__title'>远程视频踏勘</Text>
          <Text className='hint'>工作人员通过视频查看您的经营场所，无需上门。系统会先查询您的信用等级：红码、橙码可直接远程踏勘，蓝码需工作人员审核，黑码需现场踏勘。</Text>
        </View>
        {error ? <View role='alert'><Text className='error-text'>{error.message}</Text></View> : null}
        {error?.code === 'CREDIT.DISHONEST_REFUSED' ? <RepairWay /> : null}
        <Button className={`btn ${error?.code === 'CREDIT.DISHONEST_REFUSED' ? 'btn--plain' : 'btn--primary'}`} loading={busy} disabled={busy} onClick={ask}>
          {error ? '重新查询' : '查询信用并申请'}
        </Button>
      </View>
    );
  }

  const text = creditOutcomeText(outcome);
  return (
    <View className='remote'>
      <View className={`card section remote__result remote__result--${text.tone}`}>
        <Text className='remote__headline'>{text.headline}</Text>
        <Text className='remote__line'>{outcome.message}</Text>
        {text.privileges.length ? <Text className='section__title'>您享有的便利</Text> : null}
        {text.privileges.map((p) => <Text key={p} className='remote__line'>· {p}</Text>)}
        <Text className='remote__next'>{text.next}</Text>
      </View>
      {outcome.creditSnapshot.tier === 'black' ? <RepairWay /> : null}
      <Button className='btn btn--plain' onClick={goBack}>返回申请详情</Button>
    </View>
  );
}
