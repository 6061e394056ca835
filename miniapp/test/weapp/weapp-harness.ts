import http from 'node:http';
import path from 'node:path';

/**
 * Runs the real weapp build (dist/weapp) under miniprogram-simulate: App/Page/getApp/getCurrentPages and
 * the few `wx` APIs the app calls, with `wx.request` going over real HTTP to the test's local server.
 * Build it first: `npm run build:weapp -w miniapp` (scripts/test.mjs does).
 */
export const weappRoot = path.join(__dirname, '../../dist/weapp');

/* eslint-disable @typescript-eslint/no-explicit-any -- the mini-program globals are untyped */
type WxCallbacks = { success?: (r: any) => void; fail?: (e: any) => void; complete?: (r: any) => void };

function settle(o: WxCallbacks, ok: boolean, result: any) {
  if (ok) o.success?.(result);
  else o.fail?.(result);
  o.complete?.(result);
}

export const wxPlatform = {
  apiOrigin: '',
  storage: new Map<string, unknown>(),
  navigations: [] as string[],
};

const wx: Record<string, (o: any, ...rest: any[]) => any> = {
  getStorageSync: (key: string) => wxPlatform.storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => { wxPlatform.storage.set(key, value); },
  removeStorageSync: (key: string) => { wxPlatform.storage.delete(key); },
  navigateTo: (o: { url: string } & WxCallbacks) => { wxPlatform.navigations.push(o.url); settle(o, true, { errMsg: 'navigateTo:ok' }); },
  redirectTo: (o: { url: string } & WxCallbacks) => { wxPlatform.navigations.push(`redirect:${o.url}`); settle(o, true, { errMsg: 'redirectTo:ok' }); },
  navigateBack: (o: WxCallbacks) => { wxPlatform.navigations.push('back'); settle(o, true, { errMsg: 'navigateBack:ok' }); },
  showToast: (o: WxCallbacks) => settle(o, true, { errMsg: 'showToast:ok' }),
  onNeedPrivacyAuthorization: () => undefined,
  login: (o: WxCallbacks) => settle(o, true, { code: 'wx-login-code-1', errMsg: 'login:ok' }),
  request(o: { url: string; method?: string; header?: Record<string, string>; data?: unknown } & WxCallbacks) {
    const url = o.url.startsWith('/') ? `${wxPlatform.apiOrigin}${o.url}` : o.url;
    const body = o.data === undefined ? undefined : Buffer.from(typeof o.data === 'string' ? o.data : JSON.stringify(o.data));
    const req = http.request(url, { method: o.method ?? 'GET', headers: { ...o.header, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try { data = text ? JSON.parse(text) : ''; } catch { /* as text */ }
        settle(o, true, { statusCode: res.statusCode, data, header: res.headers, errMsg: 'request:ok' });
      });
    });
    req.on('error', (err) => settle(o, false, { errMsg: `request:fail ${err.message}` }));
    req.end(body);
    return { abort: () => req.destroy(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  },
};

let simulate: any;
let app: any;
const pages: any[] = [];
const loaded = new Map<string, string>();

/** Installs the globals and launches app.js once per test file. */
export function launchWeapp() {
  const g = global as any;
  g.wx = { ...wx };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after `wx` is set: it merges its own mocks under ours
  simulate = require('miniprogram-simulate');
  let launching: any = null;
  g.App = (options: any) => { launching = options; };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;
  g.Page = (options: any) => {
    g.Component({
      data: options.data,
      methods: { ...options },
      lifetimes: {
        attached(this: any) {
          const { route, query } = g.__nextPage;
          this.route = route;
          this.options = query;
          pages.push(this);
          options.onLoad?.call(this, query);
          options.onShow?.call(this);
          options.onReady?.call(this);
        },
      },
    });
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build output, loaded at run time
  require(path.join(weappRoot, 'app.js'));
  app = launching;
  app.onLaunch?.({ path: 'pages/index/index', query: {} });
  app.onShow?.({ path: 'pages/index/index', query: {} });
}

export interface OpenedPage {
  text(): string;
  /** Taps the first element with this class (as written in the source, e.g. `btn--primary`). */
  tap(className: string, index?: number): void;
}

/** Loads and renders one page of the build, as WeChat would on navigating to `route?query`. */
export function openWeappPage(route: string, query: Record<string, string> = {}): OpenedPage {
  (global as any).__nextPage = { route, query };
  // A page's chunk runs (and calls Page) once per launch: load once, render as often as needed.
  const id = loaded.get(route) ?? simulate.load(path.join(weappRoot, route), 'page', { rootPath: weappRoot });
  loaded.set(route, id);
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  return {
    text: () => comp.dom.textContent ?? '',
    tap(className, index = 0) {
      const found = comp.querySelectorAll(`.${className}`);
      if (!found[index]) throw new Error(`no .${className} on the page: ${comp.dom.innerHTML.slice(0, 500)}`);
      found[index].dispatchEvent('tap');
    },
  };
}

/** The first render of a Taro page is asynchronous: wait until the text shows up. */
export async function waitForText(page: OpenedPage, text: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!page.text().includes(text)) {
    if (Date.now() > until) throw new Error(`"${text}" never appeared; the page shows: ${page.text().slice(0, 400)}`);
    await simulate.sleep(20);
  }
}

/** Polls until `check` passes (Taro dispatches taps and navigation asynchronously). */
export async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
