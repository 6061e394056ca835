/**
 * What the browser tests do as people: sign in, tap a button by its words, wait for words on the screen, take a
 * photo file. Shared by the end-to-end walk-through tests; the stack and browser come from ./harness.
 */
import type { Locator, Page } from 'playwright-core';
import { demoPassword } from '../bff/src/seed';
import type { E2E } from './harness';

/** The first visible tappable thing with these words (Taro keeps earlier pages hidden in the DOM): Taro's h5 <Button> is a custom element, our own pages also use plain buttons. */
export function button(scope: Page | Locator, words: string): Locator {
  return scope.locator('taro-button-core, button').filter({ hasText: words, visible: true }).first();
}

/** Waits until the words are visible; on failure says what the page did show (and saves a screenshot). */
export async function sees(e: E2E, page: Page, words: string, timeout = 30_000): Promise<void> {
  try {
    await page.getByText(words, { exact: false }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
  } catch (err) {
    await e.screenshot(page, `failed-${words.slice(0, 12)}`).catch(() => undefined);
    const body = await page.locator('body').innerText().catch(() => '');
    throw new Error(`"${words}" never showed: ${(err as Error).message.split('\n')[0]}\n--- the page showed ---\n${body.length > 3000 ? `${body.slice(0, 1500)}\n…\n${body.slice(-1500)}` : body}`);
  }
}

/** The h5 dev sign-in shows the demo applicants only: tap the one for this credit tier. */
export async function signInAsApplicant(e: E2E, page: Page, label: string): Promise<void> {
  await sees(e, page, '演示登录');
  await button(page, label).click();
  await sees(e, page, '我的申请');
}

/**
 * Inspectors, experts and staff sign in on the same page with their username and password (the seeded demo password),
 * land on their own desk, then go on to the page they came for (if any).
 */
export async function signInWithPassword(e: E2E, page: Page, username: string, hashRoute?: string): Promise<void> {
  await open(page, e, '/pages/index/index');
  await sees(e, page, '工作人员登录');
  await page.locator('input[placeholder="账号"]').fill(username);
  await page.locator('input[placeholder="密码"]').fill(demoPassword);
  await button(page, '登录').click();
  await page.getByText('工作人员登录').waitFor({ state: 'detached', timeout: 30_000 });
  if (hashRoute) await open(page, e, hashRoute);
}

/**
 * Opens one of the h5 app's pages by its hash route in a fresh load, as typing the address would — loaded once only:
 * the expert's invitation link is single-use.
 */
export async function open(page: Page, e: E2E, hashRoute: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${e.stack.url}#${hashRoute}`);
}

/** A real JPEG from Chromium's own encoder: a coloured picture with words on it, as a phone camera would give. */
export async function jpegPhoto(page: Page, caption: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (caption) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a7';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#fff';
    g.font = '40px sans-serif';
    g.fillText(caption, 40, 240);
    const blob = await new Promise<Blob>((ok) => canvas.toBlob((b) => ok(b!), 'image/jpeg', 0.85));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, caption);
  return Buffer.from(base64, 'base64');
}

/**
 * Waits until the video tiles labelled with each of `people` (e.g. '申请人', '专家') show a decoded picture
 * (`videoWidth > 0`); returns every tile's label and picture size. The page's own tile is labelled 我.
 */
export async function framesOf(page: Page, people: string[], timeout = 60_000): Promise<{ label: string; width: number; height: number }[]> {
  const tiles = () => page.evaluate(() => [...document.querySelectorAll('video')].map((v) => ({
    label: v.parentElement?.querySelector('span')?.textContent ?? '', width: v.videoWidth, height: v.videoHeight,
  })));
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = await tiles();
    if (people.every((who) => seen.some((t) => t.label.startsWith(who) && t.width > 0))) return seen;
    if (Date.now() > deadline) throw new Error(`no decoded picture from all of ${people.join('、')}: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(200);
  }
}

/** What every page must pass: nothing wider than the screen, no internal keys or ISO times in visible text. */
export async function looksRight(page: Page): Promise<void> {
  // a page opened by a tap slides in from the right: measure once it has settled
  await page.waitForFunction(() => document.documentElement.scrollWidth - window.innerWidth <= 0, null, { timeout: 5_000 }).catch(() => undefined);
  const { overflow, text } = await page.evaluate(() => ({ overflow: document.documentElement.scrollWidth - window.innerWidth, text: document.body.innerText }));
  expect(overflow).toBeLessThanOrEqual(0);
  expect(text).not.toMatch(/\b[a-z]+(-[a-z]+)+\b/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect(text).not.toMatch(/\b[0-9a-f]{24}\b/);
}

/** Writes how long each step of a walk-through took, so a slow run (a busy CI machine) says where its time went. */
export function stepClock(walkThrough: string): (step: string) => void {
  const start = Date.now();
  let last = start;
  return (step) => {
    const now = Date.now();
    process.stderr.write(`[${walkThrough}] ${step}: ${((now - last) / 1000).toFixed(1)} s (${((now - start) / 1000).toFixed(0)} s in all)\n`);
    last = now;
  };
}
