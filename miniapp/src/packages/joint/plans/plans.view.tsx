import { Button, Text, View } from '@tarojs/components';
import type { JointCandidate, JointPlan, JointStats, Scene } from '@ycta/shared/contracts/joint.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { creditTierNames } from '../../../text/credit';
import { shanghaiDate, shanghaiTime, shanghaiDay } from '../../../text/time';
import { jointPages, jointRoutes } from '../joint.routes';
import { modeLabels } from '../joint-text';
import './plans.css';

const tomorrow = () => shanghaiDate(new Date(Date.now() + 86_400_000).toISOString());

function Figures({ stats }: { stats: JointStats }) {
  return (
    <View className='joint-figures'>
      <View className='card joint-figure'><Text className='joint-figure__value'>{stats.visits}</Text><Text className='hint'>完成综合检查（次）</Text></View>
      <View className='card joint-figure'><Text className='joint-figure__value'>{stats.visitsSpared}</Text><Text className='hint'>减少入企检查（次）</Text></View>
      <View className='card joint-figure'><Text className='joint-figure__value'>{stats.subjectsTracked}</Text><Text className='hint'>跟踪整改主体</Text></View>
      <View className='card joint-figure'><Text className='joint-figure__value'>{stats.subjectsClosed}</Text><Text className='hint'>已整改办结主体</Text></View>
    </View>
  );
}

/** The coordinator's form: scene, who it covers (with the frequency table's word on each), how many, when, how. */
function NewPlan({ scenes, onCreated }: { scenes: Scene[]; onCreated: (plan: JointPlan) => void }) {
  const [sceneCode, setSceneCode] = useState(scenes[0]?.code ?? '');
  const [count, setCount] = useState(2);
  const [mode, setMode] = useState<'onsite' | 'remote'>('remote');
  const [startDate, setStartDate] = useState(tomorrow());
  const [problem, setProblem] = useState('');
  const [sending, setSending] = useState(false);
  /** Departments left out of this plan (all of the scene's take part unless the coordinator unticks some). */
  const [leftOut, setLeftOut] = useState<string[]>([]);
  const names = useResource(() => api.call(jointRoutes.listDepartments).then((r) => new Map(r.items.map((d) => [d.code, d.name]))), 'departments');
  const candidates = useResource(() => api.call(jointRoutes.listCandidates, { params: { code: sceneCode } }).then((r) => r.items), sceneCode);
  const scene = scenes.find((s) => s.code === sceneCode);
  const eligible = candidates.status === 'ready' ? candidates.data.filter((c) => c.eligible).length : 0;
  const dateProblem = startDate < shanghaiDate(new Date().toISOString()) ? '开始日期不能早于今天' : '';

  const taking = (scene?.departments ?? []).map((d) => d.departmentCode).filter((d) => !leftOut.includes(d));
  const departmentProblem = taking.length < 2 ? '综合查一次至少需要两个部门' : '';
  const submit = (all: JointCandidate[]) => {
    if (departmentProblem) return;
    setSending(true);
    setProblem('');
    api.call(jointRoutes.createPlan, {
      body: { sceneCode, title: `${scene?.name ?? ''}综合查一次（${shanghaiDay(startDate)}起）`, subjectIds: all.map((c) => c.subjectId), complaintSubjectIds: [], count, mode, startDate,
        ...(leftOut.length ? { departmentCodes: taking } : {}) },
    }).then(onCreated, (err: unknown) => setProblem(messageOf(err))).finally(() => setSending(false));
  };

  return (
    <View className='card joint-form' aria-label='制定计划'>
      <Text className='joint-form__title'>制定综合查一次计划</Text>
      <View className='joint-form__row'>
        <Text className='joint-form__label'>检查场景</Text>
        <select aria-label='检查场景' value={sceneCode} onChange={(e) => setSceneCode(e.target.value)}>
          {scenes.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
        </select>
      </View>
      {scene ? <Text className='hint'>参与部门：{scene.departments.length} 个，共 {scene.departments.reduce((n, d) => n + d.items.length, 0)} 个检查项；发现问题限 {scene.rectificationWorkingDays} 个工作日整改</Text> : null}
      {scene ? (
        <View className='joint-form__row' role='group' aria-label='参与部门'>
          <Text className='joint-form__label'>参与部门</Text>
          {scene.departments.map((d) => (
            <label key={d.departmentCode} className='joint-form__check'>
              <input type='checkbox' checked={!leftOut.includes(d.departmentCode)}
                onChange={(e) => setLeftOut((l) => (e.target.checked ? l.filter((x) => x !== d.departmentCode) : [...l, d.departmentCode]))} />
              {names.status === 'ready' ? names.data.get(d.departmentCode) ?? '未知部门' : '…'}（{d.items.length} 项）
            </label>
          ))}
          {departmentProblem ? <View className='error-text' role='alert'>{departmentProblem}</View> : null}
        </View>
      ) : null}
      <AsyncView resource={candidates} isEmpty={(c) => c.length === 0} empty={<Text>本场景暂无本辖区经营主体。</Text>}>
        {(all) => (
          <View className='joint-candidates'>
            <Text className='hint'>本场景覆盖 {all.length} 个经营主体，按信用等级的检查频次，{eligible} 个可抽取：</Text>
            {all.map((c) => (
              <View key={c.subjectId} className={`joint-candidate ${c.eligible ? '' : 'joint-candidate--skipped'}`}>
                <Text className='joint-candidate__name'>{c.subjectName}</Text>
                <Text className={`tier tier--${c.tier}`}>{creditTierNames[c.tier]}</Text>
                <Text className='hint'>{c.eligible ? (c.tracked ? c.reason : '可抽取') : `本次跳过：${c.reason}（${shanghaiTime(c.nextEligibleAt!).slice(0, 10)} 后可再查）`}</Text>
              </View>
            ))}
            <View className='joint-form__row'>
              <Text className='joint-form__label'>抽取数量</Text>
              <input className='joint-form__input' aria-label='抽取数量' type='number' min={1} max={Math.max(1, eligible)} value={count} onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))} />
            </View>
            <View className='joint-form__row'>
              <Text className='joint-form__label'>检查方式</Text>
              <select aria-label='检查方式' value={mode} onChange={(e) => setMode(e.target.value as 'onsite' | 'remote')}>
                <option value='remote'>{modeLabels.remote}</option>
                <option value='onsite'>{modeLabels.onsite}</option>
              </select>
            </View>
            <View className='joint-form__row'>
              <Text className='joint-form__label'>开始日期</Text>
              <input className='joint-form__input' aria-label='开始日期' type='date' value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            </View>
            {dateProblem ? <View className='error-text' role='alert'>{dateProblem}</View> : null}
            {count > eligible ? <Text className='hint'>可抽取的主体只有 {eligible} 个，将全部列入。</Text> : null}
            <Button className='btn btn--primary' disabled={sending || !!dateProblem || eligible === 0} onClick={() => submit(all)}>
              {sending ? '正在抽取…' : '随机抽取并生成计划'}
            </Button>
          </View>
        )}
      </AsyncView>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

function PlanCard({ plan }: { plan: JointPlan }) {
  const visits = useResource(() => api.call(jointRoutes.listVisits, { query: { planId: plan.id } }).then((r) => r.items), plan.id);
  const [audit, setAudit] = useState('');
  const redo = () => api.call(jointRoutes.redoDraw, { params: { id: plan.id } })
    .then((r) => setAudit(r.identical ? '按保存的随机种子重做抽取：结果一致。' : '重做抽取的结果与计划不一致，请核查！'), (err: unknown) => setAudit(messageOf(err)));
  return (
    <View className='card joint-plan'>
      <Text className='joint-plan__title'>{plan.title}</Text>
      <Text className='hint'>{plan.sceneName} · {modeLabels[plan.mode]} · 考察 {plan.considered} 个主体，抽中 {plan.visitIds.length} 个 · 制定于 {shanghaiTime(plan.createdAt)}</Text>
      <AsyncView resource={visits}>
        {(items) => (
          <View className='joint-table' role='table'>
            {items.map((v) => (
              <View key={v.id} className='joint-table__row' role='row' onClick={() => openPage(jointPages.visit(v.id))}>
                <View role='cell'>{shanghaiDay(v.scheduledDate)}</View>
                <View role='cell' className='joint-table__main'>{v.subjectName}{v.tracked ? '（重点跟踪）' : ''}</View>
                <View role='cell'>{v.departments.map((d) => `${d.departmentName}：${d.inspectorName}`).join('；')}</View>
                <View role='cell' className='joint-table__status'>{v.status === 'closed' || v.status === 'rectifying' ? `${v.status === 'closed' ? '已办结' : '整改中'}` : v.bookedSlot ? `已预约 ${shanghaiTime(v.bookedSlot.start).slice(11)}` : '待检查'}</View>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      {plan.skipped.length > 0 ? (
        <View className='joint-skipped'>
          <Text className='hint'>本次跳过：</Text>
          {plan.skipped.map((s) => <Text key={s.subjectId} className='hint'>{s.subjectName}（{creditTierNames[s.tier]}）：{s.reason}</Text>)}
        </View>
      ) : null}
      <View className='joint-plan__audit'>
        <Text className='hint' data-field='编号'>随机种子编号（审计用）：{plan.seed}</Text>
        <Button className='btn btn--plain btn--small' onClick={redo}>重做抽取核对</Button>
        {audit ? <View className='hint' role='status'>{audit}</View> : null}
      </View>
    </View>
  );
}

/** The coordinator's 综合查一次 desk: figures, a new plan, and the plans with their visits. */
export function PlansView() {
  const [round, setRound] = useState(0);
  const data = useResource(async () => {
    const [scenes, plans, stats] = await Promise.all([
      api.call(jointRoutes.listScenes, {}), api.call(jointRoutes.listPlans, {}), api.call(jointRoutes.stats, {}),
    ]);
    return { scenes: scenes.items, plans: plans.items, stats };
  }, String(round));
  const [created, setCreated] = useState('');
  return (
    <View className='joint'>
      <AsyncView resource={data}>
        {({ scenes, plans, stats }) => (
          <>
            <Figures stats={stats} />
            <NewPlan scenes={scenes} onCreated={(p) => { setCreated(`已生成计划“${p.title}”：抽中 ${p.visitIds.length} 个主体${p.skipped.length ? `，跳过 ${p.skipped.length} 个` : ''}，已通知各部门检查人员和经营主体。`); setRound((r) => r + 1); }} />
            {created ? <View className='joint-confirm' role='status'>{created}</View> : null}
            {plans.length === 0 ? <Text className='hint'>还没有计划。选择场景后随机抽取生成第一个计划。</Text> : plans.map((p) => <PlanCard key={p.id} plan={p} />)}
          </>
        )}
      </AsyncView>
    </View>
  );
}
