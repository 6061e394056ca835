import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { button, jpegPhoto, looksRight, open, sees, signInAsApplicant, signInWithPassword } from './people';

/**
 * 容缺受理 and 告知承诺 in the browser: a red applicant (phone, 390×844) hands in materials with one 后补 and one signed
 * commitment; staff (desk, 1366×900) accept; the applicant supplements the gap; the remote inspection (driven through
 * the API, its call is covered by inspection-flow) judges the fire point that verifies the commitment and approves.
 */
let e: E2E;
beforeAll(async () => { e = await startE2E(); }, 600_000);
afterAll(async () => { await e?.close(); });

const api = (path: string) => new URL(`api${path}`, e.stack.url).toString();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function devLogin(username: string): Promise<{ accessToken: string; user: { id: string } }> {
  const login = await fetch(api('/auth/dev'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return login.json() as Promise<{ accessToken: string; user: { id: string } }>;
}

async function call(username: string, method: string, path: string, body?: unknown) {
  const { accessToken } = await devLogin(username);
  const res = await fetch(api(path), { method, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

async function uploadFor(page: Page, material: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const card = page.locator('.material').filter({ hasText: material });
  const chooser = page.waitForEvent('filechooser');
  await button(card, '上传文件').click();
  await (await chooser).setFiles(file);
  await card.getByText('已上传 1 个文件').waitFor({ timeout: 30_000 });
}

it('when a red applicant hands in materials with a gap and a commitment, then staff accept, the gap is supplemented and the inspection approves', async () => {
  const phone = await e.newPage();
  await signInAsApplicant(e, phone, '红码经营主体');
  await button(phone, '新建申请').click();
  await sees(e, phone, '1. 选择办理事项');
  await phone.locator('.create__matter').filter({ hasText: '互联网上网服务营业场所设立' }).click();
  await phone.locator('textarea').first().fill('海口市龙华区滨海大道 99 号 2 楼');
  await button(phone, '提交申请').click();
  await sees(e, phone, '可享受容缺受理');
  await e.screenshot(phone, 'acceptance-01-materials-390');
  await looksRight(phone);
  const applicationId = new URL(phone.url().replace('#/', '')).searchParams.get('id')!;

  const photo = { name: 'licence.jpg', mimeType: 'image/jpeg', buffer: await jpegPhoto(phone, '营业执照') };
  await uploadFor(phone, '营业执照', photo);
  await uploadFor(phone, '法定代表人身份证明', { ...photo, name: 'id.jpg' });
  await uploadFor(phone, '网络与信息安全技术措施说明', { name: 'network.pdf', mimeType: 'application/pdf', buffer: pdf });
  await uploadFor(phone, '平面布置图', { name: 'plan.pdf', mimeType: 'application/pdf', buffer: pdf });
  await button(phone.locator('.material').filter({ hasText: '房屋租赁合同' }), '后补').click();
  await sees(e, phone, '受理后 5 个工作日内补交');
  const fire = phone.locator('.material').filter({ hasText: '消防安全检查合格证明或承诺' });
  await button(fire, '以承诺代替').click();
  await sees(e, phone, '不实承诺的后果');
  await button(fire, '签署承诺').click();
  await sees(e, phone, '请填写签署人姓名');
  await fire.getByLabel('签署人姓名').locator('input').fill('王红梅');
  await button(fire, '签署承诺').click();
  await sees(e, phone, '请先勾选');
  await fire.locator('.commitment__agree').click();
  await e.screenshot(phone, 'acceptance-02-commitment-390');
  await button(fire, '签署承诺').click();
  await sees(e, phone, '已签署告知承诺（王红梅');
  await button(phone, '提交受理').click();
  await sees(e, phone, '等待窗口工作人员受理');
  await e.screenshot(phone, 'acceptance-03-submitted-390');

  const desk = await e.newPage();
  await desk.setViewportSize({ width: 1366, height: 900 });
  await signInWithPassword(e, desk, 'staff1', '/packages/staff/acceptance/index');
  await desk.locator('.acceptance__item').filter({ hasText: '海口市龙华区滨海大道 99 号 2 楼' }).click();
  await sees(e, desk, '告知承诺：王红梅');
  await e.screenshot(desk, 'acceptance-04-desk-1366');
  await looksRight(desk);
  await button(desk, '受理（容缺 1 项）').click();
  await sees(e, desk, '已受理');
  await sees(e, desk, '容缺材料补交截止');
  await e.screenshot(desk, 'acceptance-05-accepted-1366');

  await open(phone, e, `/packages/application/materials/index?id=${applicationId}`);
  await sees(e, phone, '容缺后补：请于');
  const lease = phone.locator('.material').filter({ hasText: '房屋租赁合同' });
  const chooser = phone.waitForEvent('filechooser');
  await button(lease, '补交材料').click();
  await (await chooser).setFiles({ name: 'lease.pdf', mimeType: 'application/pdf', buffer: pdf });
  await sees(e, phone, '（已补交）');
  await sees(e, phone, '承诺核查中');
  await e.screenshot(phone, 'acceptance-06-supplemented-390');

  // the remote inspection: the fire point names the commitment; judged as met, it settles the 核查
  const remote = await call('applicant-red', 'POST', `/applications/${applicationId}/remote-requests`);
  const inspectionId = remote.inspectionId as string;
  const [assigned] = (await call('staff1', 'GET', `/applications/${applicationId}`)).assignedInspectorIds as string[];
  const username = (await devLogin('inspector1')).user.id === assigned ? 'inspector1' : 'inspector2';
  const start = new Date(Date.now() + 5 * 60_000).toISOString();
  const offered = await call(username, 'POST', `/inspections/${inspectionId}/slots`, { slots: [{ start, end: new Date(Date.now() + 65 * 60_000).toISOString() }], rtcPreference: 'local' });
  await call('applicant-red', 'POST', `/inspections/${inspectionId}/booking`, { slotId: (offered.offeredSlots as Array<{ id: string }>)[0]!.id });
  await call(username, 'POST', `/inspections/${inspectionId}/join`);
  const detail = await call(username, 'GET', `/inspections/${inspectionId}`);
  for (const point of detail.checklist as Array<{ id: string }>) {
    await call(username, 'PUT', `/inspections/${inspectionId}/checklist/${point.id}`, { result: 'pass' });
  }
  await call(username, 'POST', `/inspections/${inspectionId}/conclusion`, { result: 'pass', summary: '符合设立条件' });

  await open(phone, e, `/packages/application/materials/index?id=${applicationId}`);
  await sees(e, phone, '承诺核查：属实');
  await open(phone, e, `/packages/application/detail/index?id=${applicationId}`);
  await sees(e, phone, '踏勘通过');
  await e.screenshot(phone, 'acceptance-07-approved-390');
}, 180_000);
