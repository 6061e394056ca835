import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ApplicationModel, type ApplicationRecord } from '../bff/src/modules/applications/applications.model';
import { UserModel } from '../bff/src/modules/auth/auth.model';
import { InspectionModel } from '../bff/src/modules/inspections/inspection.model';
import { listEvents } from '../bff/src/modules/ledger/ledger.service';
import { PresiteRequestModel } from '../bff/src/modules/presite/presite.model';
import { artifactsDir, startE2E, type E2E } from './harness';
import { button, framesOf, jpegPhoto, sees, signInAsApplicant, signInWithPassword } from './people';

/**
 * 预选址 as its people do it: the subject submits a candidate site on the phone and sees the preliminary pre-check;
 * staff review it on the desktop desk with the map, hold a short remote look with the applicant's phone (recorded on
 * the call's own chain) and issue the letter, which cites the look; the subject downloads it, applies for the
 * licence at that site, and the inspector sees the point the advice settled.
 */
let e: E2E;
beforeAll(async () => { e = await startE2E(); }, 600_000);
afterAll(async () => { await e?.close(); });

/** The visible input labelled so (Taro keeps earlier pages hidden in the DOM; the label sits on Taro's element or the input). */
const field = (page: Page, label: string) => page.locator(`[aria-label="${label}"] input, input[aria-label="${label}"]`).filter({ visible: true }).first();
const words = (page: Page, text: string, exact = false) => page.getByText(text, { exact }).filter({ visible: true }).first();
const textarea = (page: Page) => page.locator('textarea').filter({ visible: true }).first();

async function noHorizontalOverflow(page: Page) {
  // a page opened by a tap slides in from the right: measure once it has settled
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 5_000 }).catch(() => undefined);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
}

/** Words a person reads: no internal keys, ISO times or bare 24-hex ids on the screen. */
async function readsAsWords(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\b[a-z]+(-[a-z]+)+\b/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect(text).not.toMatch(/\b[0-9a-f]{24}\b/);
}

it('when a subject asks about a site, staff advise on the desk map and the subject applies there, then the inspector sees the school distance already settled', async () => {
  // the subject, on a phone
  const phone = await e.newPage();
  await signInAsApplicant(e, phone, '红码经营主体');
  await button(phone, '租房前先问').click();
  await sees(e, phone, '1. 经营类型');
  await words(phone, '互联网上网服务营业场所设立').click();
  await textarea(phone).fill('海南省海口市龙华区国贸路 20 号 2 层');
  await field(phone, '坐标').fill('20.0226,110.3254');
  await field(phone, '最低楼层').fill('2');
  await field(phone, '最高楼层').fill('2');
  await field(phone, '地上层数').fill('6');
  await field(phone, '地下层数').fill('1');
  await words(phone, '商业', true).click();
  await words(phone, '商业服务业用地', true).click();
  await field(phone, '面积').fill('320');
  await field(phone, '计划开业日期').fill('2027-03-01');
  await button(phone, '提交并查看初步预检').click();
  await sees(e, phone, '初步预检（系统自动生成，仅供参考）');
  await sees(e, phone, '最近的中小学校 356 米：国贸实验小学（演示）');
  await noHorizontalOverflow(phone);
  await readsAsWords(phone);
  // a photo of the site, taken there (the phone's place about 22 m from the picked point), through the media intake
  await phone.context().setGeolocation({ latitude: 20.0228, longitude: 110.3254 });
  const chooser = phone.waitForEvent('filechooser');
  await button(phone, '拍照或选择照片').click();
  await (await chooser).setFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await jpegPhoto(phone, '拟选场所入口') });
  await sees(e, phone, '照片 1：已接收');
  await e.screenshot(phone, 'presite-01-precheck-phone');

  // staff, on a desktop
  const desk = await e.newPage();
  await desk.setViewportSize({ width: 1366, height: 900 });
  await signInWithPassword(e, desk, 'staff1', '/packages/staff/presite/index');
  await sees(e, desk, '从左侧选择一件申请开始审核');
  await words(desk, '国贸路 20 号').click();
  await sees(e, desk, '拟选场所');
  expect(await desk.locator('svg.site-map circle').count()).toBeGreaterThanOrEqual(3); // site, school, ring
  await sees(e, desk, '现场照片（1）');
  await sees(e, desk, '距场所 22 米');
  await noHorizontalOverflow(desk);
  await e.screenshot(desk, 'presite-02-desk-review');
  for (let i = 0; i < 2; i++) {
    const row = desk.locator('.rule-row').nth(i);
    await button(row, '确认符合').click();
    await row.getByText('已确认：符合').waitFor();
  }

  // a short remote look: staff open the video room from the desk; the applicant joins on the phone and shows the site
  await button(desk, '与申请人视频查看现场').click();
  await sees(e, desk, '预选址远程查看 · 互联网上网服务营业场所设立');
  await phone.reload();
  await button(phone, '进入视频查看').click();
  await sees(e, phone, '摄像头：正常');
  await button(phone, '进入视频踏勘').click();
  await sees(e, desk, '等待进入：申请人');
  await button(desk, '允许进入').click();
  await sees(e, phone, '视频踏勘进行中');
  await framesOf(phone, ['踏勘人员 赵审核']);
  await framesOf(desk, ['申请人']);
  await noHorizontalOverflow(phone);
  await e.screenshot(phone, 'presite-03-look-phone');
  await noHorizontalOverflow(desk);
  await e.screenshot(desk, 'presite-03-look-desk');
  // the staff member ends it; the room's recording reaches the server, chunk by chunk, on the call's own chain
  await button(desk, '结束视频').click();
  await sees(e, desk, '视频已结束');
  await sees(e, desk, '本机录像已全部上传', 60_000);
  await sees(e, phone, '踏勘已结束');
  await button(desk, '返回').click();
  await sees(e, desk, '赵审核 · 1 分钟 · 截图 0 张');
  await e.screenshot(desk, 'presite-03-look-held');
  await button(desk, '出具意见书').click();
  await sees(e, desk, '已出具意见书：符合');
  await readsAsWords(desk);
  await e.screenshot(desk, 'presite-04-desk-advised');

  // the subject downloads the letter
  // the applicant goes back from the ended call to the request, where the advice has arrived
  await button(phone, '返回').click();
  await button(phone, '返回').click();
  await sees(e, phone, '正式意见书');
  const [download] = await Promise.all([phone.waitForEvent('download'), button(phone, '下载意见书（PDF）').click()]);
  const pdf = join(artifactsDir, 'presite-letter.pdf');
  await download.saveAs(pdf);
  const letter = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(letter).toContain('结论：符合');
  expect(letter).toContain('最近的中小学校356米');
  // the letter cites the look: who took part, how long, and the call's chain up to the head it names
  expect(letter).toContain('远程查看现场');
  expect(letter).toMatch(/参加人员：赵审核（审核人员）、[^（]+（申请人）/);
  const [, chunks, count, head] = /录像(\d+)段、截图0张，记录链共(\d+)条，链头哈希：([0-9a-f]{64})/.exec(letter) ?? [];
  expect(Number(chunks)).toBeGreaterThanOrEqual(1);
  const request = await PresiteRequestModel.findOne({ siteAddress: '海南省海口市龙华区国贸路 20 号 2 层' }).lean<{ _id: unknown }>();
  const look = await InspectionModel.findOne({ 'callFor.id': String(request!._id) }).lean<{ _id: string }>();
  const chain = await listEvents(String(look!._id));
  expect(chain[Number(count) - 1]?.hash).toBe(head);
  expect(chain.slice(0, Number(count)).filter((x) => x.type === 'recording.chunk.stored')).toHaveLength(Number(chunks));
  await e.screenshot(phone, 'presite-05-advice-phone');

  // … then applies for the licence at that site (the subject's registered site)
  await button(phone, '在此场所申请许可').click();
  await sees(e, phone, '1. 选择办理事项');
  await words(phone, '互联网上网服务营业场所设立').click();
  await textarea(phone).fill('海南省海口市龙华区国贸路 20 号 2 层');
  await button(phone, '提交申请').click();
  // creating leads to the materials (申请材料); the remote request is asked from the progress page
  await sees(e, phone, '提交受理');
  await button(phone, '查看申请进度').click();
  await sees(e, phone, '办理进度');
  const application = await ApplicationModel.findOne({ siteAddress: '海南省海口市龙华区国贸路 20 号 2 层' }).lean<ApplicationRecord>();
  expect(application?.presite?.settled.map((s) => s.checklistItemId)).toEqual(['distance-from-school']);
  await button(phone, '申请远程踏勘').click();
  await button(phone, '查询信用并申请').click();
  await sees(e, phone, '可以远程视频踏勘');

  // the inspector assigned to it opens the inspection: the school distance shows as settled by the advice
  const requested = await ApplicationModel.findById(application!._id).lean<ApplicationRecord>();
  const assigned = await UserModel.findById(requested!.assignedInspectorIds[0]).lean<{ username: string }>();
  const inspection = await InspectionModel.findOne({ applicationId: application!._id }).lean<{ _id: unknown }>();
  const inspectionId = String(inspection!._id);
  const inspector = await e.newPage();
  await inspector.setViewportSize({ width: 1366, height: 900 });
  await signInWithPassword(e, inspector, assigned!.username, `/packages/inspector/room/index?id=${inspectionId}`);
  await sees(e, inspector, '已由预选址意见书核实（与中小学校的距离');
  await words(inspector, '已由预选址意见书核实').scrollIntoViewIfNeeded();
  await e.screenshot(inspector, 'presite-06-inspector-settled');
}, 300_000);
