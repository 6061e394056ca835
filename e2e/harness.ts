/**
 * Browser tests run against `npm start`'s own stack (real BFF, real embedded database, built H5) in Debian's
 * Chromium with a fake camera and microphone (Playwright gives each launch a fresh
 * user-data-dir). WebRTC stays on loopback.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../scripts/embedded-db';
import { startStack, type Stack } from '../scripts/stack';

export const artifactsDir = join(repoRoot, '.e2e-artifacts');

export interface E2E {
  stack: Stack;
  browser: Browser;
  /** A fresh browser context (its own storage) opened on the app. */
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  /** Content-Security-Policy violations any page reported (the policy is enforced): `close()` fails on any. */
  cspViolations: string[];
  close(): Promise<void>;
}

export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ycta-e2e-'));
  const stack = await startStack({ dataDir, env: { PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_AUTH_PER_MINUTE: '1000', SEED_DEMO_QUEUES: 'false', ...env } });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
      ],
    });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  mkdirSync(artifactsDir, { recursive: true });
  const cspViolations: string[] = [];
  return {
    cspViolations,
    stack,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera', 'microphone', 'geolocation'], geolocation: { latitude: 20.0442, longitude: 110.3432 } });
      // every violation of the enforced policy reaches the test: the page's own event, and Chromium's console line
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      const page = await context.newPage();
      page.on('console', (msg) => {
        const text = msg.text();
        if (text.startsWith('CSP violation') || /Content Security Policy/.test(text)) cspViolations.push(text);
      });
      await page.goto(stack.url);
      return page;
    },
    async screenshot(page, name) {
      const file = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${[...new Set(cspViolations)].join('\n')}`);
    },
  };
}
