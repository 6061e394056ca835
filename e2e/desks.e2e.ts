/**
 * Every desk and phone page of every role, at the two sizes people use (UI.md): measured, not eyeballed — no
 * horizontal overflow, no internal keys on screen, a way back and a way out — with a screenshot of each to look at.
 * Then the blue-tier approval through the desk, as staff do it.
 */
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { button, open, sees } from './people';

let e: E2E;
// the demo queues on: inspector1 and inspector2 each have a case in every tab
beforeAll(async () => { e = await startE2E({ SEED_DEMO_QUEUES: 'true' }); }, 600_000);
afterAll(async () => { await e?.close(); });

const sizes = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function signedInPage(username: string, size: keyof typeof sizes): Promise<Page> {
  const page = await e.newPage();
  await page.setViewportSize(sizes[size]);
  const session = await (await page.request.post(`${e.stack.url}api/auth/dev`, { data: { username } })).json();
  await page.evaluate((s) => localStorage.setItem('ycta.session', JSON.stringify({ data: s })), session);
  return page;
}

interface Measured { overflow: number; keys: string[]; back: boolean; out: boolean; title: string }

/** What a person would notice: the page wider than the screen, codes or UTC in the text, nowhere to go. */
async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const page = [...document.querySelectorAll('.taro_page')].find((p) => visible(p)) ?? document.body;
    const texts: string[] = [];
    const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !visible(parent) || parent.closest('[data-field="编号"], .mono')) continue;
      const line = parent.closest('taro-view-core, taro-text-core, div, span')?.textContent ?? '';
      if (line.includes('编号')) continue;
      texts.push(n.textContent ?? '');
    }
    const keyLike = /\b[a-z]+(?:-[a-z0-9]+)+\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[0-9a-f]{24}\b/;
    const clickable = [...page.querySelectorAll('taro-button-core, button, [role="navigation"] *, a')].filter(visible);
    const words = (el: Element) => el.textContent ?? '';
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      keys: texts.filter((t) => keyLike.test(t)).map((t) => t.trim()).slice(0, 5),
      back: clickable.some((el) => /返回/.test(words(el)) || el.getAttribute('aria-label') === '返回') || page.querySelector('[role="navigation"]') !== null,
      out: clickable.some((el) => /退出登录/.test(words(el))),
      title: (page.querySelector('[role="heading"]')?.textContent ?? '').trim(),
    };
  });
}

/** `back: false` for a root page (我的申请: nowhere further back); `out: false` for a page whose way out is 返回. */
async function check(page: Page, name: string, opts: { out?: boolean; back?: boolean } = {}): Promise<Measured> {
  // a page opened by a tap slides in from the right (Taro's page transition): measure once no page is moving
  await page.waitForFunction(() => document.getAnimations().every((a) => {
    const target = (a.effect as KeyframeEffect | null)?.target;
    return a.playState !== 'running' || !target?.classList.contains('taro_page');
  }), null, { timeout: 5_000 });
  const m = await measure(page);
  await e.screenshot(page, `desks-${name}`);
  expect({
    name, overflow: m.overflow <= 1, keys: m.keys, back: opts.back === false ? true : m.back, out: opts.out === false ? true : m.out,
    titled: opts.back === false ? true : m.title.length > 0,
  })
    .toEqual({ name, overflow: true, keys: [], back: true, out: true, titled: true });
  return m;
}

describe('every desk at both sizes', () => {
  it.each(['desktop', 'phone'] as const)('when staff and inspectors open their desks on a %s, then each page fits, reads as words, and has a way back and out', async (size) => {
    const staff = await signedInPage('staff1', size);
    for (const [route, title, name] of [
      ['/packages/staff/approvals/index', '远程踏勘审批', 'approvals'],
      ['/packages/staff/assignment/index', '任务分派', 'assignment'],
      ['/packages/staff/reviews/index', '踏勘审阅', 'reviews'],
      ['/packages/staff/figures/index', '办件统计', 'figures'],
    ] as const) {
      await open(staff, e, route);
      await sees(e, staff, '赵审核（审核人员）');
      await sees(e, staff, title);
      await staff.locator('[aria-busy="true"]').filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
      await check(staff, `${name}-${size}`);
    }
    await staff.context().close();

    for (const username of ['inspector1', 'inspector2']) {
      const inspector = await signedInPage(username, size);
      await open(inspector, e, '/packages/inspector/queue/index');
      await sees(e, inspector, '退出登录');
      for (const tab of ['今日', '即将进行', '待预约', '待审批', '已逾期']) {
        await button(inspector, tab).click();
        // their own case in every tab (the demo seed numbers inspector1's sites 10–14 and inspector2's 20–24)
        const own = inspector.locator('.queue__item').filter({ visible: true, hasText: new RegExp(`海口市\\S+ ${username === 'inspector1' ? 1 : 2}\\d 号`) });
        await own.first().waitFor({ timeout: 30_000 });
        if (username === 'inspector1') await check(inspector, `queue-${tab}-${size}`);
      }
      await inspector.context().close();
    }
  }, 240_000);

  it.each(['phone', 'desktop'] as const)('when an applicant moves through their pages on a %s, then each fits, reads as words, and has a way back (and out on 我的申请)', async (size) => {
    const page = await signedInPage('applicant-red', size);
    await open(page, e, '/pages/index/index');
    await sees(e, page, '我的申请');
    await sees(e, page, '海口市龙华区国贸路');
    await check(page, `applicant-home-${size}`, { back: false });
    await page.locator('.applications__item').first().click();
    await sees(e, page, '办理进度');
    await check(page, `applicant-detail-${size}`, { out: false });
    await open(page, e, '/packages/application/create/index');
    await sees(e, page, '1. 选择办理事项');
    await check(page, `applicant-create-${size}`, { out: false });
    await page.context().close();
  }, 120_000);

  it('when a desk is opened without a session, then sign-in shows as a centred card and brings the person back to that desk', async () => {
    const page = await e.newPage();
    await page.setViewportSize(sizes.desktop);
    await open(page, e, '/packages/staff/assignment/index');
    await sees(e, page, '登录后将回到刚才的页面');
    const card = await page.locator('.sign-in__card').filter({ visible: true }).boundingBox();
    expect(card!.width).toBeLessThanOrEqual(480);
    expect(Math.abs(card!.x + card!.width / 2 - 683)).toBeLessThan(4);
    await e.screenshot(page, 'desks-sign-in-desktop');
    await button(page, '登录').click();
    await sees(e, page, '请输入账号');
    await page.locator('input[placeholder="账号"]').filter({ visible: true }).fill('staff1');
    await page.locator('input[placeholder="密码"]').filter({ visible: true }).fill(process.env.DEMO_PASSWORD ?? 'ycta-demo-2026');
    await button(page, '登录').click();
    await sees(e, page, '任务分派');
    await sees(e, page, '踏勘人员在办申请');
    await button(page, '退出登录').click();
    await sees(e, page, '工作人员登录');
  }, 120_000);
});
