/**
 * Messages for when no readable BFF answer arrived. Every BFF error carries its own Chinese message, shown
 * as is; shared's errorCatalogue is not imported here because it would pull zod into the weapp package.
 */
const clientMessages: Record<string, string> = {
  'NETWORK.UNREACHABLE': '网络连接失败，请检查网络后重试',
  'RESPONSE.UNREADABLE': '服务器返回的内容无法识别，请稍后重试',
  INTERNAL: '服务器内部错误，请稍后重试',
  'AUTH.TOKEN_INVALID': '登录已失效，请重新登录',
};

/** An error to show: the BFF's stable code and its Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromCode(code: string, status = 0): ApiError {
    return new ApiError(code, clientMessages[code] ?? '操作失败，请稍后重试', status);
  }

  /** From an error body `{ error: { code, message, requestId } }`: the BFF's message is the one shown. */
  static fromResponse(status: number, body: unknown): ApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | null)?.error;
    if (!error || typeof error.code !== 'string') {
      return ApiError.fromCode(status >= 500 ? 'INTERNAL' : 'RESPONSE.UNREADABLE', status);
    }
    const message = typeof error.message === 'string' && error.message ? error.message : ApiError.fromCode(error.code).message;
    return new ApiError(error.code, message, status, typeof error.requestId === 'string' ? error.requestId : undefined);
  }
}

export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : '操作失败，请稍后重试';
}
