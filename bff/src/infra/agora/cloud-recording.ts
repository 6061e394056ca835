/**
 * Agora Cloud Recording, RESTful API v1 (acquire → start → query … → stop), composite ("mix") mode, Basic auth
 * with the customer key and secret. The base URL is configuration: tests talk to a local server answering like
 * Agora. A `resourceId` lives five minutes, so `start` follows `acquire` at once. A `query` answering 404 after a
 * successful start means the recorder is gone (failed over, or never got media): the caller decides to start anew.
 */
export interface CloudRecordingConfig {
  appId: string;
  apiBase: string;
  customerKey: string;
  customerSecret: string;
  /** Agora's storageConfig (vendor, region, bucket, accessKey, secretKey, fileNamePrefix?). */
  storage: Record<string, unknown> | null;
  timeoutMs?: number;
}

export class CloudRecordingError extends Error {
  constructor(readonly step: 'acquire' | 'start' | 'query' | 'stop', readonly status: number, readonly reason: string) {
    super(`cloud recording ${step} failed: ${status} ${reason}`);
  }
  /** The recorder this sid named no longer exists (404 on query/stop). */
  get recorderGone(): boolean {
    return (this.step === 'query' || this.step === 'stop') && this.status === 404;
  }
}

export interface RecordingFile { fileName: string; trackType?: string; uid?: string; sliceStartTime?: number }

export function cloudRecordingConfigured(c: CloudRecordingConfig): boolean {
  return Boolean(c.appId && c.customerKey && c.customerSecret && c.storage);
}

export function createCloudRecordingClient(config: CloudRecordingConfig) {
  const authorization = `Basic ${Buffer.from(`${config.customerKey}:${config.customerSecret}`).toString('base64')}`;
  const base = `${config.apiBase.replace(/\/$/, '')}/v1/apps/${encodeURIComponent(config.appId)}/cloud_recording`;

  async function call<T>(step: CloudRecordingError['step'], method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json;charset=utf-8' },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new CloudRecordingError(step, 0, (err as Error).message);
    }
    const text = await res.text();
    const json = (text ? JSON.parse(text) : {}) as T & { code?: number; reason?: string; message?: string };
    if (!res.ok) throw new CloudRecordingError(step, res.status, json.reason ?? json.message ?? text.slice(0, 200));
    return json;
  }

  const rid = (resourceId: string) => `/resourceid/${encodeURIComponent(resourceId)}`;

  return {
    async acquire(cname: string, uid: string): Promise<string> {
      const body = await call<{ resourceId: string }>('acquire', 'POST', '/acquire', { cname, uid, clientRequest: { scene: 0, resourceExpiredHour: 24 } });
      return body.resourceId;
    },
    async start(resourceId: string, cname: string, uid: string, token: string): Promise<string> {
      const body = await call<{ sid: string }>('start', 'POST', `${rid(resourceId)}/mode/mix/start`, {
        cname, uid,
        clientRequest: {
          token,
          recordingConfig: { channelType: 0, streamTypes: 2, maxIdleTime: 300, transcodingConfig: { width: 1280, height: 720, fps: 15, bitrate: 1500, mixedVideoLayout: 1 } },
          recordingFileConfig: { avFileType: ['hls', 'mp4'] },
          storageConfig: { ...config.storage, fileNamePrefix: ['ycta', cname.replace(/[^a-zA-Z0-9]/g, '')] },
        },
      });
      return body.sid;
    },
    async query(resourceId: string, sid: string): Promise<{ status: number | null; fileList: RecordingFile[] }> {
      const body = await call<{ serverResponse?: { status?: number; fileList?: RecordingFile[] | string } }>('query', 'GET', `${rid(resourceId)}/sid/${encodeURIComponent(sid)}/mode/mix/query`);
      const files = body.serverResponse?.fileList;
      return { status: body.serverResponse?.status ?? null, fileList: Array.isArray(files) ? files : [] };
    },
    async stop(resourceId: string, sid: string, cname: string, uid: string): Promise<{ fileList: RecordingFile[] }> {
      const body = await call<{ serverResponse?: { fileList?: RecordingFile[] | string } }>('stop', 'POST', `${rid(resourceId)}/sid/${encodeURIComponent(sid)}/mode/mix/stop`, { cname, uid, clientRequest: {} });
      const files = body.serverResponse?.fileList;
      return { fileList: Array.isArray(files) ? files : [] };
    },
  };
}
export type CloudRecordingClient = ReturnType<typeof createCloudRecordingClient>;
