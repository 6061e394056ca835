/**
 * The cases every page of the desks suite shows, made through the BFF's own API as each role would make them (the
 * browser walk-throughs cover doing it by hand): a finished inspection with an expert's opinion, one booked for
 * later, one waiting to be booked, a 综合查一次 visit and a 预选址 request.
 */
import { UserModel } from '../bff/src/modules/auth/auth.model';
import { shanghaiDate } from '@ycta/shared';
import type { E2E } from './harness';

export interface DeskWorld {
  /** applicant-red's application still at 提交 (the remote-request page asks from there). */
  submittedApplicationId: string;
  /** Concluded (fix and recheck), with an expert's opinion: review, report, result, the expert's pages. */
  finished: { applicationId: string; inspectionId: string };
  /** Booked for a few hours from now: prepare, join. */
  booked: { inspectionId: string };
  /** Slots offered, not booked: the booking page. */
  offered: { inspectionId: string };
  jointVisitId: string;
  /** The market-supervision inspector the joint visit drew. */
  jointInspector: string;
  presiteId: string;
}

interface Session { accessToken: string; user: { id: string } }

export function deskApi(e: E2E) {
  const sessions = new Map<string, Promise<Session>>();
  const session = (username: string) => {
    if (!sessions.has(username)) {
      sessions.set(username, fetch(new URL('api/auth/dev', e.stack.url), {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }),
      }).then((r) => r.json() as Promise<Session>));
    }
    return sessions.get(username)!;
  };
  async function call<T = Record<string, unknown>>(username: string, method: string, path: string, body?: unknown): Promise<T> {
    const { accessToken } = await session(username);
    const res = await fetch(new URL(`api${path}`, e.stack.url), {
      method, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${username} ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
  return { session, call };
}

export async function makeDeskWorld(e: E2E): Promise<DeskWorld> {
  const { session, call } = deskApi(e);
  const inspector1 = (await session('inspector1')).user.id;
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  const seeded = await call<{ items: { id: string; status: string }[] }>('applicant-red', 'GET', '/applications');
  const submittedApplicationId = seeded.items.find((a) => a.status === 'submitted')!.id;

  /** A new application of applicant-red at `street`, assigned to inspector1, remote allowed, slots offered. */
  async function offered(street: string, startInMinutes: number): Promise<{ applicationId: string; inspectionId: string }> {
    const { id } = await call<{ id: string }>('applicant-red', 'POST', '/applications', { matterCode: 'internet-cafe', siteAddress: `海南省海口市龙华区${street}` });
    await call('staff1', 'POST', `/applications/${id}/assignment`, { inspectorIds: [inspector1], reason: '演示指定' });
    await call('applicant-red', 'POST', `/applications/${id}/remote-requests`);
    const queue = await call<{ items: { id: string; applicationId: string }[] }>('inspector1', 'GET', '/inspections?limit=100');
    const inspectionId = queue.items.find((i) => i.applicationId === id)!.id;
    // two slots three hours apart: the demo queue books inspector1 for up to two and a half hours from now (its 今日
    // case), so late in the evening the first can be taken; the stack lets people join up to four hours early
    await call('inspector1', 'POST', `/inspections/${inspectionId}/slots`, { slots: [{ start: at(startInMinutes), end: at(startInMinutes + 60) }, { start: at(startInMinutes + 180), end: at(startInMinutes + 240) }] });
    return { applicationId: id, inspectionId };
  }
  async function book(inspectionId: string): Promise<void> {
    const detail = await call<{ offeredSlots: { id: string }[] }>('applicant-red', 'GET', `/inspections/${inspectionId}`);
    await call('applicant-red', 'POST', `/inspections/${inspectionId}/booking`, { slotId: detail.offeredSlots[0]!.id });
  }

  const finished = await offered('滨海大道 66 号 3 层', 5);
  await book(finished.inspectionId);
  await call('inspector1', 'POST', `/inspections/${finished.inspectionId}/join`);
  const invitation = await call<{ token: string }>('inspector1', 'POST', `/inspections/${finished.inspectionId}/invitations`, {});
  await call('expert1', 'POST', '/invitations/accept', { token: invitation.token });
  await call('expert1', 'POST', `/inspections/${finished.inspectionId}/opinions`, { text: '消防器材需按期检验，其余符合要求' });
  const { checklist } = await call<{ checklist: { id: string }[] }>('inspector1', 'GET', `/inspections/${finished.inspectionId}`);
  for (const [i, point] of checklist.entries()) {
    await call('inspector1', 'PUT', `/inspections/${finished.inspectionId}/checklist/${point.id}`, { result: i === 0 ? 'fail' : 'pass', note: i === 0 ? '灭火器过期' : '现场与材料一致' });
  }
  await call('inspector1', 'POST', `/inspections/${finished.inspectionId}/conclusion`, {
    result: 'fix_and_recheck', summary: '消防器材需更换，其余符合要求', rectificationItems: [{ description: '更换过期灭火器' }],
    rectificationDueOn: shanghaiDate(new Date(Date.now() + 14 * 86_400_000)),
  });

  const later = await offered('国贸路 20 号 2 层', 120);
  await book(later.inspectionId);
  const waiting = await offered('金贸西路 8 号 1 层', 24 * 60);

  const { items: candidates } = await call<{ items: { subjectId: string; subjectName: string }[] }>('staff1', 'GET', '/joint/scenes/catering/candidates');
  const plan = await call<{ visitIds: string[] }>('staff1', 'POST', '/joint/plans', {
    sceneCode: 'catering', title: '综合查一次（演示）', count: 1, mode: 'remote', startDate: shanghaiDate(new Date()),
    subjectIds: [candidates.find((c) => c.subjectName === '海口椰香餐厅有限公司')!.subjectId], departmentCodes: ['market', 'fire'],
  });
  const visit = await call<{ departments: { departmentCode: string; inspectorId: string }[] }>('staff1', 'GET', `/joint/visits/${plan.visitIds[0]}`);
  const marketInspector = await UserModel.findById(visit.departments.find((d) => d.departmentCode === 'market')!.inspectorId).lean();

  const presite = await call<{ id: string }>('applicant-red', 'POST', '/presite/requests', {
    matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区国贸路 20 号 2 层', site: { lat: 20.0226, lng: 110.3254 }, datum: 'wgs84',
    lowestFloor: 2, highestFloor: 2, aboveGroundFloors: 6, undergroundFloors: 1, buildingUse: 'commercial', landUse: 'commercial',
    floorArea: 320, plannedOpeningOn: '2027-03-01',
  });

  return {
    submittedApplicationId, finished, booked: { inspectionId: later.inspectionId }, offered: { inspectionId: waiting.inspectionId },
    jointVisitId: plan.visitIds[0]!, jointInspector: marketInspector!.username, presiteId: presite.id,
  };
}
