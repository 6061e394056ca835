/**
 * 综合查一次 in Chromium, as the people do it: the coordinator (staff, desktop 1366×900) looks at the 餐饮 scene's
 * restaurants and draws a remote plan; the business (phone 390×844) sees the notice and books its hour; each drawn
 * department inspector (desktop) judges only their own department's items — fire finds a problem; the coordinator
 * combines the result; the business sees it with the rectification; fire rechecks it; the figures count the visits
 * spared. Screenshots of each page at its size go to .e2e-artifacts/.
 */
import type { Page } from 'playwright-core';
import { demoUsers } from '../bff/src/seed';
import { startE2E, type E2E } from './harness';
import { button, open, sees, signInAsApplicant, signInWithPassword } from './people';

let e: E2E;
beforeAll(async () => { e = await startE2E(); }, 600_000);
afterAll(async () => { await e?.close(); });

const api = (path: string) => new URL(`api${path}`, e.stack.url).toString();

async function staffToken(): Promise<string> {
  const res = await fetch(api('/auth/dev'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'staff1' }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface Visit { id: string; subjectName: string; departments: { departmentCode: string; inspectorName: string; items: { title: string }[] }[] }

async function visitOf(subjectName: string): Promise<Visit> {
  const res = await fetch(api('/joint/visits'), { headers: { authorization: `Bearer ${await staffToken()}` } });
  const { items } = (await res.json()) as { items: Visit[] };
  return items.find((v) => v.subjectName === subjectName)!;
}

const usernameOf = (displayName: string) => demoUsers.find((u) => u.displayName === displayName)!.username;

/** No element wider than the viewport once the page has settled (a page opened by a tap slides in from the right). */
async function fits(page: Page): Promise<void> {
  const settled = await page.waitForFunction(() => document.documentElement.scrollWidth - window.innerWidth <= 1, null, { timeout: 5_000 })
    .then(() => true, () => false);
  const wide = settled ? [] : await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(-4).map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
  expect(wide).toEqual([]);
}

async function desk(username: string, hashRoute: string): Promise<Page> {
  const page = await e.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInWithPassword(e, page, username, hashRoute);
  return page;
}

it('when a coordinator plans a 餐饮 joint inspection, then each department judges its own items, a finding is rectified and rechecked, and the figures show the visits spared', async () => {
  // the coordinator draws a remote plan over the district's restaurants
  const coordinator = await desk('staff1', '/packages/joint/plans/index');
  await sees(e, coordinator, '制定综合查一次计划');
  await sees(e, coordinator, '海口椰香餐厅有限公司');
  await coordinator.getByLabel('抽取数量').fill('3');
  await e.screenshot(coordinator, 'joint-01-plan-form-1366');
  await fits(coordinator);
  await button(coordinator, '随机抽取并生成计划').click();
  await sees(e, coordinator, '已生成计划');
  await sees(e, coordinator, '随机种子（审计用）');
  await button(coordinator, '重做抽取核对').click();
  await sees(e, coordinator, '结果一致');
  await e.screenshot(coordinator, 'joint-02-plan-1366');

  // the business sees the notice on its phone and books the hour of the video check
  const business = await e.newPage();
  await signInAsApplicant(e, business, '餐饮经营主体');
  await button(business, '综合检查通知').click();
  await sees(e, business, '餐饮企业综合检查');
  await sees(e, business, '不再分别上门');
  await e.screenshot(business, 'joint-03-notice-390');
  await fits(business);
  await button(business, '10:00').click();
  await sees(e, business, '已预约');

  // each department's drawn inspector judges their own items; fire finds the extinguishers out of date
  const visit = await visitOf('海口椰香餐厅有限公司');
  for (const d of visit.departments) {
    const page = await desk(usernameOf(d.inspectorName), '/packages/joint/visits/index');
    await sees(e, page, '海口椰香餐厅有限公司');
    await page.getByText('海口椰香餐厅有限公司').first().click();
    await sees(e, page, `${d.inspectorName}（我）`);
    // another department's items have no buttons for this inspector
    const buttons = await page.locator('taro-button-core, button').filter({ hasText: '合格', visible: true }).count();
    expect(buttons).toBe(d.items.length * 2); // 合格 and 不合格 per own item
    for (const item of d.items) {
      if (d.departmentCode === 'fire' && item.title.startsWith('灭火器')) {
        await page.getByLabel(`${item.title} 检查意见`).locator('textarea').fill('两具灭火器压力不足，已过检验期');
        await button(page.locator('.joint-item', { hasText: item.title }), '不合格').click();
      } else {
        await button(page.locator('.joint-item', { hasText: item.title }), '合格').click();
      }
      await page.locator('.joint-item', { hasText: item.title }).locator('.joint-item__result').filter({ hasNotText: '未判定' }).waitFor();
    }
    await e.screenshot(page, `joint-04-judged-${d.departmentCode}-1366`);
    await fits(page);
    await page.context().close();
  }

  // the coordinator combines the departments' results with the requirement for the finding
  await open(coordinator, e, `/packages/joint/visit/index?id=${visit.id}`);
  await sees(e, coordinator, '汇总结果');
  await coordinator.getByLabel('灭火器配置到位且在有效期内 整改要求').locator('textarea').fill('更换过期灭火器并补全检验标签');
  await button(coordinator, '汇总各部门结果').click();
  await sees(e, coordinator, '整改中 · 责令整改');
  await sees(e, coordinator, '记录校验通过');
  await e.screenshot(coordinator, 'joint-05-combined-1366');

  // the business sees the combined result and what to fix by when
  await open(business, e, '/packages/supervision/visits/index');
  await sees(e, business, '综合结果：责令整改');
  await sees(e, business, '更换过期灭火器并补全检验标签');
  await sees(e, business, '前整改完毕');
  await e.screenshot(business, 'joint-06-result-390');

  // fire rechecks the rectification: the visit closes
  const fire = visit.departments.find((d) => d.departmentCode === 'fire')!;
  const firePage = await desk(usernameOf(fire.inspectorName), `/packages/joint/visit/index?id=${visit.id}`);
  await sees(e, firePage, '整改事项');
  await firePage.getByLabel('灭火器配置到位且在有效期内 复查意见').locator('textarea').fill('已更换，压力正常');
  await button(firePage, '复查合格').click();
  await sees(e, firePage, '复查合格（已更换，压力正常）');
  await sees(e, firePage, '已办结');
  await e.screenshot(firePage, 'joint-07-rechecked-1366');

  // the figures: one joint visit done spared the business two separate visits
  await open(coordinator, e, '/packages/joint/plans/index');
  await sees(e, coordinator, '减少入企检查（次）');
  const spared = await coordinator.locator('.joint-figure', { hasText: '减少入企检查' }).locator('.joint-figure__value').innerText();
  expect(Number(spared)).toBe(visit.departments.length - 1);
  await e.screenshot(coordinator, 'joint-08-figures-1366');
}, 600_000);
