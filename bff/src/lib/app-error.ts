import { errorCatalogue } from '@ycta/shared';

type CatalogueCode = keyof typeof errorCatalogue;

/** The one error type of the BFF: a stable code, an HTTP status and a Chinese message safe to show. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: CatalogueCode, opts?: { message?: string; details?: unknown; cause?: unknown });
  constructor(code: string, opts: { status: number; message: string; details?: unknown; cause?: unknown });
  constructor(code: string, opts: { status?: number; message?: string; details?: unknown; cause?: unknown } = {}) {
    const known = (errorCatalogue as Record<string, { status: number; message: string }>)[code];
    const message = opts.message ?? known?.message ?? '请求失败';
    super(message, { cause: opts.cause });
    this.code = code;
    this.status = opts.status ?? known?.status ?? 500;
    this.details = opts.details;
  }
}

export const notFound = (what: string, code = 'RESOURCE.NOT_FOUND') =>
  new AppError(code, { status: 404, message: `${what}不存在` });
