import type { RouteContract } from '@ycta/shared/contract';
import type { Session } from '@ycta/shared/contracts/auth.contract';
import { ApiError } from './api-error';
import type { CallInput, ResultOf, RouteRef } from './route';
import type { SessionStore } from './session-store';
import { NetworkError, type HttpResponse, type Transport } from './transport';

export interface ApiClientOptions {
  /** e.g. `/api` (same origin on h5) or `https://example.gov.cn/api`. */
  baseUrl: string;
  transport: Transport;
  sessions: SessionStore;
  /**
   * A credential that is not a session (a call's room pass): sent as it is, never refreshed, and a 401 does not
   * sign anybody out.
   */
  fixedToken?: string;
}

export interface UploadInput {
  filePath: string;
  fileField?: string;
  formData: Record<string, string>;
  onProgress?: (percent: number) => void;
}

export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

function buildQuery(query: Record<string, unknown> = {}): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ baseUrl, transport, sessions, fixedToken }: ApiClientOptions) {
  let refreshing: Promise<Session | null> | null = null;
  const signedOutListeners = new Set<() => void>();

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const token = fixedToken ?? sessions.load()?.accessToken;
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  };

  async function send(attempt: () => Promise<HttpResponse>): Promise<HttpResponse> {
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof NetworkError) throw ApiError.fromCode('NETWORK.UNREACHABLE');
      throw err;
    }
  }

  /** One refresh at a time, however many calls hit an expired token together. */
  function refresh(): Promise<Session | null> {
    const refreshToken = sessions.load()?.refreshToken;
    if (!refreshToken) return Promise.resolve(null);
    refreshing ??= send(() =>
      transport.request({ method: 'POST', url: `${baseUrl}/auth/refresh`, headers: { 'Content-Type': 'application/json' }, body: { refreshToken } }),
    )
      .then((res) => (res.status === 200 ? (res.body as Session) : null))
      .then((session) => {
        sessions.save(session);
        if (!session) signedOutListeners.forEach((l) => l());
        return session;
      })
      .finally(() => { refreshing = null; });
    return refreshing;
  }

  /**
   * Sends, and on an expired access token refreshes once and sends again. A call that went out with a token
   * already replaced (another call refreshed meanwhile) just goes again: refresh tokens rotate, and
   * presenting the old one twice would be refused.
   */
  async function withAuth(attempt: () => Promise<HttpResponse>): Promise<unknown> {
    const sentWith = sessions.load()?.accessToken;
    let res = await send(attempt);
    const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
    if (res.status === 401 && code === 'AUTH.TOKEN_EXPIRED' && !fixedToken) {
      const renewed = sessions.load()?.accessToken !== sentWith || (await refresh());
      if (renewed) res = await send(attempt);
    }
    if (res.status >= 200 && res.status < 300) return res.body;
    const error = ApiError.fromResponse(res.status, res.body);
    if (res.status === 401 && !fixedToken) {
      sessions.save(null);
      signedOutListeners.forEach((l) => l());
    }
    throw error;
  }

  return {
    sessions,
    call<R extends RouteContract>(ref: RouteRef<R>, input: CallInput<R> = {} as CallInput<R>): Promise<ResultOf<R>> {
      const { params, query, body } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
      const url = `${baseUrl}${buildPath(ref.path, params)}${buildQuery(query)}`;
      const contentType: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
      return withAuth(() => transport.request({ method: ref.method, url, headers: headers(contentType), body })) as Promise<ResultOf<R>>;
    },
    upload<R extends RouteContract>(ref: RouteRef<R>, params: Record<string, string>, file: UploadInput): Promise<ResultOf<R>> {
      const url = `${baseUrl}${buildPath(ref.path, params)}`;
      return withAuth(() =>
        transport.upload({ url, headers: headers(), filePath: file.filePath, fileField: file.fileField ?? 'file', formData: file.formData, onProgress: file.onProgress }),
      ) as Promise<ResultOf<R>>;
    },
    /** Called when the session is gone for good (refresh refused): show the sign-in again. */
    onSignedOut(listener: () => void): () => void {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
  };
}
