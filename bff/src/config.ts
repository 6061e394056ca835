import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Every environment variable the BFF reads, parsed once at start. README lists the same keys. */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Address and port to listen on. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** MongoDB connection string (a replica set in production). Required by the BFF itself; `npm start` sets it. */
  MONGODB_URI: z.string().min(1),
  /** Signs access tokens (HS256). At least 32 characters; no default on purpose. */
  /** How long a database command waits for a reachable server before the BFF answers 503 (raise it for replica-set elections). */
  DB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(500),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  /** Sign-in by username without a password, for demos and tests. Never honoured in production. */
  DEV_LOGIN: bool.default(false),
  /** Browser origins allowed by CORS, comma separated. Empty: no cross-origin access. */
  CORS_ORIGINS: list.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body accepted. */
  JSON_BODY_LIMIT: z.string().default('256kb'),
  /** Built H5 app served at `/` (empty: none). */
  STATIC_DIR: z.string().default(''),
  /** Sign-in attempts per client address per minute (all /auth routes together). */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Uploads (photos, recording chunks) per client address per minute. */
  RATE_LIMIT_UPLOAD_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** Where credit tiers come from: `local` (records staff maintain, seed tiers as fallback) or `http` (the provincial platform). */
  CREDIT_PROVIDER: z.enum(['local', 'http']).default('local'),
  /** The credit platform's base URL and API key; both required when CREDIT_PROVIDER=http. */
  CREDIT_HTTP_BASE_URL: z.string().default(''),
  CREDIT_HTTP_API_KEY: z.string().default(''),
  /** How long one call to the credit platform may take before it counts as failed. */
  CREDIT_HTTP_TIMEOUT_MS: z.coerce.number().int().min(50).default(2000),
  /** How long a tier read from the platform is reused (0: never cached). */
  CREDIT_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(300),
}).superRefine((env, ctx) => {
  if (env.CREDIT_PROVIDER !== 'http') return;
  if (!z.url().safeParse(env.CREDIT_HTTP_BASE_URL).success) ctx.addIssue({ code: 'custom', path: ['CREDIT_HTTP_BASE_URL'], message: 'must be a URL when CREDIT_PROVIDER=http' });
  if (!env.CREDIT_HTTP_API_KEY) ctx.addIssue({ code: 'custom', path: ['CREDIT_HTTP_API_KEY'], message: 'is required when CREDIT_PROVIDER=http' });
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof Env>) {
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    mongodbUri: env.MONGODB_URI,
    dbSelectionTimeoutMs: env.DB_SERVER_SELECTION_TIMEOUT_MS,
    auth: {
      jwtSecret: env.JWT_SECRET,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      devLogin: env.DEV_LOGIN && env.NODE_ENV !== 'production',
    },
    corsOrigins: env.CORS_ORIGINS,
    rateLimits: { authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE, uploadPerMinute: env.RATE_LIMIT_UPLOAD_PER_MINUTE },
    logLevel: env.LOG_LEVEL,
    jsonBodyLimit: env.JSON_BODY_LIMIT,
    staticDir: env.STATIC_DIR,
    wechat: { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE },
    credit: {
      provider: env.CREDIT_PROVIDER,
      httpBaseUrl: env.CREDIT_HTTP_BASE_URL,
      httpApiKey: env.CREDIT_HTTP_API_KEY,
      httpTimeoutMs: env.CREDIT_HTTP_TIMEOUT_MS,
      cacheTtlSeconds: env.CREDIT_CACHE_TTL_SECONDS,
    },
  };
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}
