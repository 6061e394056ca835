import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => { e = await startE2E(); });
afterAll(async () => { await e?.close(); });

it('when a newcomer opens the address npm start prints, then the H5 app renders without errors and the API is healthy', async () => {
  const page = await e.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.reload();
  await page.waitForFunction(() => (document.querySelector('.taro_page') as HTMLElement | null)?.innerText.trim().length, null, { timeout: 30_000 });
  await e.screenshot(page, '00-home');
  expect(await page.locator('.taro_page').first().innerText()).toMatch(/[\u4e00-\u9fa5]/);
  expect(errors).toEqual([]);
  const health = await page.evaluate(async () => (await fetch('/api/health')).json());
  expect(health).toMatchObject({ status: 'ok', db: 'up' });
});

it('when the sign-in page shows, then every button\'s words are legible (dark on white, white on green), not the pale "disabled" look', async () => {
  const page = await e.newPage();
  await page.reload();
  await page.locator('taro-button-core').filter({ hasText: '红码经营主体' }).waitFor({ timeout: 30_000 });
  const looks = await page.evaluate(() => [...document.querySelectorAll('.sign-in taro-button-core')].map((b) => ({
    words: b.textContent?.trim(), color: getComputedStyle(b).color, background: getComputedStyle(b).backgroundColor,
  })));
  expect(looks.length).toBeGreaterThan(4);
  for (const look of looks) {
    const expected = look.words === '登录' ? { color: 'rgb(255, 255, 255)', background: 'rgb(7, 193, 96)' } : { color: 'rgb(25, 25, 25)', background: 'rgb(255, 255, 255)' };
    expect(look).toEqual({ words: look.words, ...expected });
  }
});
