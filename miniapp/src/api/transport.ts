import Taro from '@tarojs/taro';

/** The HTTP layer under the API client: Taro's on both builds, a Node one in tests. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  filePath: string;
  /** Multipart field name of the file. */
  fileField: string;
  formData: Record<string, string>;
  /** Percent 0–100 as bytes leave the phone. */
  onProgress?: (percent: number) => void;
}

export interface Transport {
  request(req: HttpRequest): Promise<HttpResponse>;
  upload(req: UploadRequest): Promise<HttpResponse>;
}

/** Thrown by a transport when no HTTP answer arrived at all (offline, DNS, timeout). */
export class NetworkError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NetworkError';
  }
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

export const taroTransport: Transport = {
  async request({ method, url, headers, body }) {
    try {
      const res = await Taro.request({ url, method, header: headers, data: body as never, dataType: 'json', timeout: 20000 });
      return { status: res.statusCode, body: res.data };
    } catch (err) {
      throw new NetworkError((err as { errMsg?: string }).errMsg ?? String(err));
    }
  },
  upload({ url, headers, filePath, fileField, formData, onProgress }) {
    return new Promise((resolve, reject) => {
      const task = Taro.uploadFile({
        url, filePath, name: fileField, header: headers, formData, timeout: 120000,
        success: (res) => resolve({ status: res.statusCode, body: parseJson(res.data) }),
        fail: (err) => reject(new NetworkError(err.errMsg)),
      });
      task?.onProgressUpdate?.((p) => onProgress?.(p.progress));
    });
  },
};
