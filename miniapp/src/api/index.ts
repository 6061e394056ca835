import { createApiClient, type ApiClient, type ApiClientOptions } from './client';
import { memorySessionStore, storageSessionStore } from './session-store';
import { taroTransport } from './transport';

/** The app's one API client. Tests swap its transport and session store with `configureApi`. */
let options: ApiClientOptions = {
  baseUrl: process.env.TARO_APP_API_BASE || '/api',
  transport: taroTransport,
  sessions: storageSessionStore,
};
export let api: ApiClient = createApiClient(options);

export function configureApi(next: ApiClientOptions): ApiClient {
  options = next;
  api = createApiClient(options);
  return api;
}

/** A client for one call's room that carries its room pass instead of a session (see `RoomPass`). */
export function roomPassApi(token: string): ApiClient {
  return createApiClient({ ...options, sessions: memorySessionStore(), fixedToken: token });
}
