import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /**
   * How long a database command waits for a server and a connection before the BFF answers 503: the bound for a slow,
   * loaded machine (raise it for replica-set elections). A database that refuses connections is reported at once.
   */
  DB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  /** Sign-in by username without a password, for demos and tests. Never honoured in production. */
  DEV_LOGIN: bool.default(false),
  /** Browser origins allowed by CORS, comma separated. Empty: no cross-origin access. */
  CORS_ORIGINS: list.default([]),
  /**
   * Addresses of the reverse proxies in front of the BFF, comma separated (e.g. `127.0.0.1`). Only from these is
   * `X-Forwarded-For` believed, so rate limits key on each client's own address. Empty: the socket's peer is the client.
   */
  TRUSTED_PROXIES: list.default([]),
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
  /** Retries of a failed credit lookup (exponential backoff), and how long the circuit stays open after repeated failures. */
  CREDIT_HTTP_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  CREDIT_HTTP_CIRCUIT_OPEN_MS: z.coerce.number().int().min(100).default(10_000),
  /** This office's code: subjects registered with another office (their `officeCode`) cannot enter its joint-inspection plans. */
  OFFICE_CODE: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/).default('haikou'),
  /** Minutes before a booked slot's start from which participants may join the call. */
  JOIN_EARLY_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
  /** Slots starting within this many hours are kept for red/orange subjects (priority booking). */
  PRIORITY_BOOKING_HOURS: z.coerce.number().int().min(0).max(24 * 14).default(48),
  /** ICE servers for local-mode WebRTC as JSON (e.g. the intranet coturn: `[{"urls":"turn:10.0.0.5:3478","username":"u","credential":"p"}]`). */
  RTC_ICE_SERVERS: z.string().default('[]'),
  /** Seconds a signalling ticket stays redeemable. */
  RTC_TICKET_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  /** Agora App ID and App certificate (32 hex characters each). Both absent: agora mode answers RTC.AGORA_NOT_CONFIGURED. */
  AGORA_APP_ID: z.string().default(''),
  AGORA_APP_CERTIFICATE: z.string().default(''),
  /** Lifetime of an Agora token in seconds (Agora's limit: 24 h). Clients renew on token-privilege-will-expire. */
  AGORA_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  /**
   * Hosts the H5 app may connect to for Agora calls (Content-Security-Policy `connect-src`, https and wss), comma
   * separated. Default: Agora's published Web SDK domains when AGORA_APP_ID is set, none otherwise.
   */
  AGORA_CSP_HOSTS: z.string().optional(),
  /** Agora's RESTful API base (Cloud Recording); tests point it at a local server. */
  AGORA_API_BASE: z.url().default('https://api.sd-rtn.com'),
  /** Agora RESTful API customer key and secret (Basic auth for Cloud Recording). */
  AGORA_CUSTOMER_KEY: z.string().default(''),
  AGORA_CUSTOMER_SECRET: z.string().default(''),
  /** Cloud Recording storageConfig as JSON (vendor, region, bucket, accessKey, secretKey); empty: no cloud recording. */
  AGORA_RECORDING_STORAGE: z.string().default(''),
  /** Secret of Agora's notification (webhook) service: signs each callback (Agora-Signature-V2, HMAC-SHA256). */
  AGORA_WEBHOOK_SECRET: z.string().default(''),
  /** WeChat subscribe-message template for inspection reminders (empty: reminders are only logged). */
  WECHAT_REMINDER_TEMPLATE_ID: z.string().default(''),
  /** Largest photo accepted, bytes (default 15 MB). */
  PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).default(15 * 1024 * 1024),
  /** Largest photo accepted, pixels (width × height; default 50 MP). */
  PHOTO_MAX_PIXELS: z.coerce.number().int().min(1).default(50_000_000),
  /** A photo taken farther than this from the site's registered coordinates is marked `far`. */
  PHOTO_MAX_DISTANCE_METERS: z.coerce.number().min(1).default(200),
  /** A photo whose capture time is older than this when it arrives is marked `stale` (minutes; default 24 h). */
  PHOTO_MAX_AGE_MINUTES: z.coerce.number().int().min(1).default(24 * 60),
  /** Largest recording upload (one tus upload: a chunk or a walk-through video), bytes (default 500 MB). */
  RECORDING_MAX_BYTES: z.coerce.number().int().min(1024).default(500 * 1024 * 1024),
  /**
   * How long after the conclusion a chunk recorded before it is still accepted (hours): the inspector's browser keeps
   * unsent chunks and sends them when its network comes back.
   */
  RECORDING_LATE_WINDOW_HOURS: z.coerce.number().min(0).default(72),
  /** Where resumable recording uploads wait until complete (survives restarts). Default: `<os tmp>/ycta-uploads`. */
  UPLOAD_STAGING_DIR: z.string().default(''),
  /**
   * A local read copy of stored media, for databases where reading GridFS back is slow (the embedded FerretDB scans
   * every chunk). Empty: off. `npm start` on the embedded default sets `<DATA_DIR>/media-cache`.
   */
  MEDIA_CACHE_DIR: z.string().default(''),
  /** How much disk the read copy may use, MB; the copies read least recently go first (default 4096). */
  MEDIA_CACHE_MAX_MB: z.coerce.number().min(1).default(4096),
}).superRefine((env, ctx) => {
  if (env.CREDIT_PROVIDER !== 'http') return;
  if (!z.url().safeParse(env.CREDIT_HTTP_BASE_URL).success) ctx.addIssue({ code: 'custom', path: ['CREDIT_HTTP_BASE_URL'], message: 'must be a URL when CREDIT_PROVIDER=http' });
  if (!env.CREDIT_HTTP_API_KEY) ctx.addIssue({ code: 'custom', path: ['CREDIT_HTTP_API_KEY'], message: 'is required when CREDIT_PROVIDER=http' });
});

export type Config = ReturnType<typeof toConfig>;

/** Agora's firewall list for the Web SDK 4.x (docs.agora.io/en/introduction/firewall, "Video SDK (Web)"). */
const agoraWebSdkHosts = ['*.agora.io', '*.sd-rtn.com', '*.rtnsvc.com', '*.rtesvc.com'];

/** AGORA_RECORDING_STORAGE: Agora's storageConfig as a JSON object; a bad value stops the start with a clear message. */
function parseRecordingStorage(raw: string): Record<string, unknown> {
  try {
    return z.record(z.string(), z.unknown()).parse(JSON.parse(raw));
  } catch {
    throw new Error('Invalid configuration:\n  AGORA_RECORDING_STORAGE: must be a JSON object (Agora storageConfig: vendor, region, bucket, accessKey, secretKey)');
  }
}

/** RTC_ICE_SERVERS: a JSON array of RTCIceServer; a bad value stops the start with a clear message. */
function parseIceServers(raw: string): { urls: string | string[]; username?: string; credential?: string }[] {
  const Ice = z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }));
  try {
    return Ice.parse(JSON.parse(raw));
  } catch {
    throw new Error('Invalid configuration:\n  RTC_ICE_SERVERS: must be a JSON array of { urls, username?, credential? }');
  }
}

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
    trustedProxies: env.TRUSTED_PROXIES,
    officeCode: env.OFFICE_CODE,
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
      httpRetries: env.CREDIT_HTTP_RETRIES,
      circuitOpenMs: env.CREDIT_HTTP_CIRCUIT_OPEN_MS,
    },
    inspections: { joinEarlyMinutes: env.JOIN_EARLY_MINUTES, priorityBookingHours: env.PRIORITY_BOOKING_HOURS },
    rtc: { iceServers: parseIceServers(env.RTC_ICE_SERVERS), ticketTtlSeconds: env.RTC_TICKET_TTL_SECONDS },
    agora: {
      appId: env.AGORA_APP_ID,
      appCertificate: env.AGORA_APP_CERTIFICATE,
      tokenTtlSeconds: env.AGORA_TOKEN_TTL_SECONDS,
      apiBase: env.AGORA_API_BASE,
      customerKey: env.AGORA_CUSTOMER_KEY,
      customerSecret: env.AGORA_CUSTOMER_SECRET,
      recordingStorage: env.AGORA_RECORDING_STORAGE ? parseRecordingStorage(env.AGORA_RECORDING_STORAGE) : null,
      webhookSecret: env.AGORA_WEBHOOK_SECRET,
      cspHosts: env.AGORA_CSP_HOSTS !== undefined ? env.AGORA_CSP_HOSTS.split(',').map((h) => h.trim()).filter(Boolean)
        : env.AGORA_APP_ID ? agoraWebSdkHosts : [],
    },
    reminders: { templateId: env.WECHAT_REMINDER_TEMPLATE_ID },
    media: {
      photoMaxBytes: env.PHOTO_MAX_BYTES,
      photoMaxPixels: env.PHOTO_MAX_PIXELS,
      photoMaxDistanceMeters: env.PHOTO_MAX_DISTANCE_METERS,
      photoMaxAgeMinutes: env.PHOTO_MAX_AGE_MINUTES,
      recordingMaxBytes: env.RECORDING_MAX_BYTES,
      recordingLateWindowMs: env.RECORDING_LATE_WINDOW_HOURS * 3_600_000,
      stagingDir: env.UPLOAD_STAGING_DIR || join(tmpdir(), 'ycta-uploads'),
      cacheDir: env.MEDIA_CACHE_DIR || null,
      cacheMaxBytes: Math.round(env.MEDIA_CACHE_MAX_MB * 1024 * 1024),
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
