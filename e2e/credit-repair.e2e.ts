/**
 * 信用修复一件事 in Chromium, as its people do it: the black applicant (phone 390×844) is refused a remote inspection,
 * goes straight to 我的信用, picks two records of two departments, uploads a proof for each, signs the credit
 * commitment and submits one case; each department's reviewer (desktop 1366×900) sees only their own record with its
 * proof and accepts it; the applicant sees the case decided and the tier risen, and asks for the remote inspection
 * again: now allowed. Screenshots of each page go to .e2e-artifacts/.
 */
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { button, jpegPhoto, looksRight, open, sees, signInAsApplicant, signInWithPassword } from './people';

let e: E2E;
beforeAll(async () => { e = await startE2E(); }, 600_000);
afterAll(async () => { await e?.close(); });

const subject = '海口黑石娱乐有限公司';

/** A screenshot once Taro's page animation has finished. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000, polling: 100 });
  await e.screenshot(page, name);
}

/** Every tappable thing on the phone page is at least 44 px high. */
async function tapTargetsFit(page: Page): Promise<void> {
  const small = await page.evaluate(() => [...document.querySelectorAll('taro-button-core, [role="checkbox"]')]
    .map((el) => ({ text: (el as HTMLElement).innerText.trim().slice(0, 20), height: el.getBoundingClientRect().height }))
    .filter((t) => t.height > 0 && t.height < 44));
  expect(small).toEqual([]);
}

async function askForRemote(phone: Page): Promise<void> {
  await phone.getByText('娱乐场所经营许可').first().click();
  await button(phone, '申请远程踏勘').click();
  await button(phone, '查询信用并申请').click();
}

it('when the black applicant is refused, repairs two records of two departments in one case and both reviewers accept, then the tier rises and a new remote request is allowed', async () => {
  // refused by the credit gate, and taken to 我的信用 from the refusal
  const phone = await e.newPage();
  await signInAsApplicant(e, phone, '黑码经营主体');
  await askForRemote(phone);
  await sees(e, phone, '可在“我的信用”中一次提交多条失信记录的修复申请');
  await shot(phone, 'repair-01-refused-390');
  await button(phone, '去修复信用').click();
  await sees(e, phone, '失信记录（5 条，2 条现在可以修复）');
  await sees(e, phone, '当前信用等级：黑色等级');
  await sees(e, phone, '最短公示期 3 个月未满');
  await sees(e, phone, '依照法律法规规定，该记录不可修复');
  await looksRight(phone);
  await tapTargetsFit(phone);
  await shot(phone, 'repair-02-my-credit-390');

  // picks the market and the culture penalty; the form says what is missing before anything is sent
  const card = (decisionNo: string) => phone.locator('.credit-record').filter({ hasText: decisionNo });
  for (const no of ['海市监罚', '海旅文罚']) await card(no).locator('[role="checkbox"]').click();
  await button(phone, '提交修复申请（2 条）').click();
  await sees(e, phone, '请上传证明材料：罚款缴纳凭证、整改完成材料');
  for (const no of ['海市监罚', '海旅文罚']) {
    const chooser = phone.waitForEvent('filechooser');
    await button(card(no), '上传证明材料').click();
    await (await chooser).setFiles({ name: `${no}.jpg`, mimeType: 'image/jpeg', buffer: await jpegPhoto(phone, `${no} 罚款缴纳凭证`) });
    await card(no).getByText('材料 1：照片').waitFor({ timeout: 30_000 });
  }
  await card('海市监罚').scrollIntoViewIfNeeded();
  await shot(phone, 'repair-03-proof-390');
  await button(phone, '提交修复申请（2 条）').click();
  await sees(e, phone, '请阅读信用承诺书并勾选签署');
  await phone.locator('[aria-label="我已阅读并签署信用承诺书"]').click();
  await sees(e, phone, '承诺书版本 2026-04.1');
  await tapTargetsFit(phone);
  await shot(phone, 'repair-03-signed-390');
  await button(phone, '提交修复申请（2 条）').click();
  await sees(e, phone, '已提交信用修复申请（2 条记录）');
  await sees(e, phone, '待市场监督管理局审核');
  await phone.getByText(/还剩 \d 个工作日/).first().waitFor();
  await looksRight(phone);
  await phone.locator('.repair-case').first().scrollIntoViewIfNeeded();
  await shot(phone, 'repair-04-submitted-390');

  // each department's reviewer accepts their own record, after looking at its proof
  for (const [username, no] of [['reviewer-market', '海市监罚'], ['reviewer-culture', '海旅文罚']] as const) {
    const desk = await e.newPage();
    await desk.setViewportSize({ width: 1366, height: 900 });
    await signInWithPassword(e, desk, username, '/packages/staff/repairs/index');
    await sees(e, desk, '待审核（1）');
    await sees(e, desk, `${no}`);
    await sees(e, desk, '记录完整');
    await desk.waitForFunction(() => [...document.querySelectorAll('.proof img')].some((img) => (img as HTMLImageElement).naturalWidth > 0));
    await looksRight(desk);
    await shot(desk, `repair-05-desk-${username}-1366`);
    await desk.getByLabel('审核理由').locator('textarea').fill('已缴清罚款，整改材料属实');
    await button(desk, '同意修复').click();
    await button(desk, '确认').click();
    await sees(e, desk, `已同意修复${subject}`);
    await sees(e, desk, '待审核（0）');
    await shot(desk, `repair-06-decided-${username}-1366`);
    await desk.context().close();
  }

  // the applicant sees the case decided and the tier risen, and asks again: allowed
  await open(phone, e, '/packages/application/credit/index');
  await sees(e, phone, '修复后信用等级：橙色等级');
  await sees(e, phone, '当前信用等级：橙色等级');
  await looksRight(phone);
  await phone.locator('.repair-case').first().scrollIntoViewIfNeeded();
  await shot(phone, 'repair-07-repaired-390');
  await button(phone, '重新申请远程踏勘').click();
  await sees(e, phone, '我的申请');
  await askForRemote(phone);
  await sees(e, phone, '信用橙色等级：可以远程视频踏勘');
  await shot(phone, 'repair-08-remote-allowed-390');
}, 300_000);
