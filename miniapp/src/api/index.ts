import { createApiClient, type ApiClient, type ApiClientOptions } from './client';
import { storageSessionStore } from './session-store';
import { taroTransport } from './transport';

/** The app's one API client. Tests swap its transport and session store with `configureApi`. */
export let api: ApiClient = createApiClient({
  baseUrl: process.env.TARO_APP_API_BASE || '/api',
  transport: taroTransport,
  sessions: storageSessionStore,
});

export function configureApi(options: ApiClientOptions): ApiClient {
  api = createApiClient(options);
  return api;
}
