/**
 * 综合查一次 in Chromium, as the people do it: the coordinator (staff, desktop 1366×900) looks at the 餐饮 scene's
 * restaurants and draws a remote plan with two departments; the business (phone 390×844) sees the notice and books
 * its hour; the coordinator starts the remote visit and the two drawn department inspectors (desktop) and the business
 * (phone, fake camera) meet in one video call, where each judges only their own department's items — fire finds a
 * problem; the coordinator combines the result; the business sees it with the rectification; fire rechecks it; the
 * figures show the visit spared. Screenshots of each page at its size go to .e2e-artifacts/.
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

interface Visit { id: string; subjectName: string; departments: { departmentCode: string; departmentName: string; inspectorName: string; items: { id: string; title: string }[] }[] }

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
  // two departments take part this time: market supervision and fire; health is left out
  await coordinator.getByRole('group', { name: '参与部门' }).locator('label', { hasText: '卫生健康委员会' }).locator('input').uncheck();
  await e.screenshot(coordinator, 'joint-01-plan-form-1366');
  await fits(coordinator);
  await button(coordinator, '随机抽取并生成计划').click();
  await sees(e, coordinator, '已生成计划');
  await sees(e, coordinator, '随机种子编号（审计用）');
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

  // the coordinator starts the remote visit from its desk
  const visit = await visitOf('海口椰香餐厅有限公司');
  expect(visit.departments.map((d) => d.departmentCode)).toEqual(['market', 'fire']);
  await open(coordinator, e, `/packages/joint/visit/index?id=${visit.id}`);
  await sees(e, coordinator, '远程视频检查');
  await e.screenshot(coordinator, 'joint-04-visit-desk-1366');
  await button(coordinator, '发起远程视频检查').click();
  await sees(e, coordinator, '视频检查已发起');

  // the two department inspectors enter the same call from their desks; the business enters from its phone
  const inspectors: Page[] = [];
  for (const d of visit.departments) {
    const page = await desk(usernameOf(d.inspectorName), `/packages/joint/visit/index?id=${visit.id}`);
    await sees(e, page, `${d.inspectorName}（我）`);
    await button(page, '进入视频检查').click();
    await sees(e, page, '综合查一次 · 餐饮企业');
    inspectors.push(page);
  }
  await open(business, e, '/packages/supervision/visits/index');
  await button(business, '进入视频检查').click();
  await sees(e, business, '摄像头：正常');
  await button(business, '进入视频踏勘').click();
  await sees(e, business, '等待踏勘人员让您进入');
  await sees(e, inspectors[1]!, '等待进入：申请人');
  await button(inspectors[1]!, '允许进入').click();
  await sees(e, business, '视频踏勘进行中');
  // the business's phone shows both inspectors' pictures; each inspector sees the business and the other department
  await business.waitForFunction(() => document.querySelectorAll('.tile--pip video').length === 2, null, { timeout: 30_000 });
  await e.screenshot(business, 'joint-05-call-business-390');
  await fits(business);

  // in the room each inspector judges only their own department's items; fire finds the extinguishers out of date
  for (const [i, d] of visit.departments.entries()) {
    const page = inspectors[i]!;
    const points = page.locator('[data-testid^="point-"]');
    await points.first().waitFor();
    expect(await points.count()).toBe(visit.departments.flatMap((x) => x.items).length);
    // another department's items are shown with their department, with no judging buttons for this inspector
    for (const other of visit.departments.filter((x) => x !== d)) {
      for (const item of other.items) {
        const point = page.locator(`[data-testid="point-${other.departmentCode}.${item.id}"]`);
        await point.getByText(`【${other.departmentName}】${item.title}`).waitFor();
        expect(await point.locator('taro-button-core').count()).toBe(0);
      }
    }
    for (const item of d.items) {
      const point = page.locator(`[data-testid="point-${d.departmentCode}.${item.id}"]`);
      const fails = d.departmentCode === 'fire' && item.title.startsWith('灭火器');
      await point.getByRole('textbox').fill(fails ? '两具灭火器压力不足，已过检验期' : '视频中查看，符合要求');
      await button(point, fails ? '不符合' : '符合').first().click();
      await point.locator('.point__result').filter({ hasText: fails ? '不符合' : '符合' }).waitFor({ timeout: 15_000 });
    }
    await e.screenshot(page, `joint-06-call-${d.departmentCode}-1366`);
    await fits(page);
  }
  await button(inspectors[1]!, '结束视频').click();
  await sees(e, inspectors[1]!, '视频已结束');
  for (const page of inspectors) await page.context().close();

  // the coordinator combines the departments' results with the requirement for the finding
  await open(coordinator, e, `/packages/joint/visit/index?id=${visit.id}`);
  await sees(e, coordinator, '已结束，时长');
  await sees(e, coordinator, '汇总结果');
  await coordinator.getByLabel('灭火器配置到位且在有效期内 整改要求').locator('textarea').fill('更换过期灭火器并补全检验标签');
  await button(coordinator, '汇总各部门结果').click();
  await sees(e, coordinator, '整改中 · 责令整改');
  await sees(e, coordinator, '记录校验通过');
  await e.screenshot(coordinator, 'joint-07-combined-1366');

  // the business sees the combined result and what to fix by when
  await open(business, e, '/packages/supervision/visits/index');
  await sees(e, business, '综合结果：责令整改');
  await sees(e, business, '更换过期灭火器并补全检验标签');
  await sees(e, business, '前整改完毕');
  await e.screenshot(business, 'joint-08-result-390');

  // fire rechecks the rectification: the visit closes
  const fire = visit.departments.find((d) => d.departmentCode === 'fire')!;
  const firePage = await desk(usernameOf(fire.inspectorName), `/packages/joint/visit/index?id=${visit.id}`);
  await sees(e, firePage, '整改事项');
  await firePage.getByLabel('灭火器配置到位且在有效期内 复查意见').locator('textarea').fill('已更换，压力正常');
  await button(firePage, '复查合格').click();
  await sees(e, firePage, '复查合格（已更换，压力正常）');
  await sees(e, firePage, '已办结');
  await e.screenshot(firePage, 'joint-09-rechecked-1366');

  // the figures: one joint visit of two departments spared the business one separate visit
  await open(coordinator, e, '/packages/joint/plans/index');
  await sees(e, coordinator, '减少入企检查（次）');
  const spared = await coordinator.locator('.joint-figure', { hasText: '减少入企检查' }).locator('.joint-figure__value').innerText();
  expect(Number(spared)).toBe(1);
  await e.screenshot(coordinator, 'joint-10-figures-1366');
}, 600_000);
