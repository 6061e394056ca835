import {
  BrokenCircuitError, ConsecutiveBreaker, ExponentialBackoff, TaskCancelledError, TimeoutStrategy,
  circuitBreaker, handleWhen, retry, timeout, wrap,
} from 'cockatiel';
import { z } from 'zod';
import { CalendarDate, RecordKind, Severity, type CreditTier } from '@ycta/shared';
import {
  creditNoRecord, creditUnavailable, PenaltyRefused, type CreditLookup, type CreditProvider, type CreditSubject, type PenaltyReport,
  type ProviderRecord, type RepairReport,
} from './credit-provider';

/**
 * The provincial credit platform over REST (README, "Credit platform"):
 *   GET  {base}/v1/subjects/{uscc}/credit   X-Api-Key   → 200 { uscc, tier, score, evaluatedAt } | 404 unknown subject
 *   POST {base}/v1/penalties                X-Api-Key, Idempotency-Key → 200/201 (a repeated key answers 200 again)
 *   GET  {base}/v1/subjects/{uscc}/dishonesty-records   X-Api-Key → 200 { uscc, records: [{ id, kind, departmentCode,
 *        decisionNo, decidedOn (YYYY-MM-DD), purpose, severity, fulfilled, repairable, state: active|repaired }] } | 404
 *   POST {base}/v1/repairs                  X-Api-Key, Idempotency-Key, { uscc, caseId, recordIds, decidedAt,
 *        commitmentSha256 } → 200/201 { uscc, tier, evaluatedAt }: the tier the platform recomputed (a repeat answers the same)
 * `tier` is the platform's grade A–D (A 守信激励 … D 失信) or our colour names; anything else is a garbage answer.
 */
export interface HttpCreditOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  cacheTtlSeconds: number;
  /** Retries after the first attempt of a lookup (transient failures only). */
  retries?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive failures that open the circuit, and how long it stays open before one trial call. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
}

const platformTiers: Record<string, CreditTier> = {
  A: 'red', B: 'orange', C: 'blue', D: 'black', red: 'red', orange: 'orange', blue: 'blue', black: 'black',
};

const platformTier = z.string().transform((t, ctx) => platformTiers[t] ?? (ctx.addIssue({ code: 'custom', message: `unknown tier ${t}` }), z.NEVER));

const CreditAnswer = z.object({
  uscc: z.string(),
  tier: platformTier,
  score: z.number().finite().nullable().optional(),
  evaluatedAt: z.iso.datetime({ offset: true }),
});

const RecordsAnswer = z.object({
  uscc: z.string(),
  records: z.array(z.object({
    id: z.string().min(1).max(100),
    kind: RecordKind,
    departmentCode: z.string().min(1).max(40),
    decisionNo: z.string().max(200),
    decidedOn: CalendarDate,
    purpose: z.string().max(1000),
    severity: Severity,
    fulfilled: z.boolean(),
    repairable: z.boolean(),
    state: z.enum(['active', 'repaired']),
  })).max(1000),
});

const RepairAnswer = z.object({ uscc: z.string(), tier: platformTier, evaluatedAt: z.iso.datetime({ offset: true }) });

/** Answers that say "not this penalty, ever" (as opposed to a key, a rate or a server problem, which may pass). */
const refusedStatuses = new Set([400, 404, 410, 422]);

/** The platform's own explanation of a refusal, from its JSON error body when it sent one. */
async function platformMessage(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } | string };
    const message = body.message ?? (typeof body.error === 'object' ? body.error?.message : body.error);
    if (typeof message === 'string' && message) return message.slice(0, 300);
  } catch {
    // not JSON: the text itself, if any
  }
  return text.slice(0, 300) || `HTTP ${res.status}`;
}

/** A failed exchange with the platform; `transient` ones are worth another try. */
export class PlatformError extends Error {
  constructor(message: string, readonly transient: boolean) { super(message); }
}
class SubjectUnknown extends Error {}

export function createHttpCreditProvider(opts: HttpCreditOptions): CreditProvider & { circuitState(): string } {
  const base = opts.baseUrl.replace(/\/+$/, '');
  // an answer about one subject or one penalty says the platform is up: it does not count toward opening the circuit
  const breaker = circuitBreaker(handleWhen((e) => !(e instanceof SubjectUnknown) && !(e instanceof PenaltyRefused)), {
    halfOpenAfter: opts.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5),
  });
  const perCall = timeout(opts.timeoutMs, TimeoutStrategy.Aggressive);
  const retrying = retry(handleWhen((e) => (e instanceof PlatformError && e.transient) || e instanceof TaskCancelledError), {
    maxAttempts: opts.retries ?? 2,
    backoff: new ExponentialBackoff({ initialDelay: opts.initialBackoffMs ?? 100, maxDelay: opts.maxBackoffMs ?? 2000 }),
  });
  const lookupPolicy = wrap(retrying, breaker, perCall);
  const deliveryPolicy = wrap(breaker, perCall);
  const cache = new Map<string, { value: CreditLookup; expiresAt: number }>();

  async function call(path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init, signal, headers: { 'x-api-key': opts.apiKey, accept: 'application/json', ...init.headers },
      });
    } catch (err) {
      throw new PlatformError(`network: ${(err as Error).message}`, true);
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new PlatformError(`status ${res.status}`, true);
    }
    return res;
  }

  async function fetchCredit(uscc: string, signal: AbortSignal): Promise<CreditLookup> {
    const res = await call(`/v1/subjects/${encodeURIComponent(uscc)}/credit`, { method: 'GET' }, signal);
    if (res.status === 404) { await res.body?.cancel(); throw new SubjectUnknown(); }
    if (res.status !== 200) { await res.body?.cancel(); throw new PlatformError(`status ${res.status}`, false); }
    let json: unknown;
    try { json = await res.json(); } catch { throw new PlatformError('body is not JSON', false); }
    const parsed = CreditAnswer.safeParse(json);
    if (!parsed.success || parsed.data.uscc !== uscc) throw new PlatformError('body does not match the credit answer', false);
    const { tier, score } = parsed.data;
    return { tier, ...(typeof score === 'number' ? { score } : {}), source: 'http', checkedAt: new Date() };
  }

  return {
    kind: 'http',
    circuitState: () => ['closed', 'open', 'half-open', 'isolated'][breaker.state] ?? 'unknown',
    async lookup(subject: CreditSubject) {
      if (!subject.uscc) throw creditNoRecord();
      const uscc = subject.uscc;
      const cached = cache.get(uscc);
      if (cached && cached.expiresAt > Date.now()) return cached.value;
      try {
        const value = await lookupPolicy.execute(({ signal }) => fetchCredit(uscc, signal));
        if (opts.cacheTtlSeconds > 0) cache.set(uscc, { value, expiresAt: Date.now() + opts.cacheTtlSeconds * 1000 });
        return value;
      } catch (err) {
        if (err instanceof SubjectUnknown) throw creditNoRecord();
        throw creditUnavailable(err);
      }
    },
    async listRecords(subject: CreditSubject): Promise<ProviderRecord[]> {
      if (!subject.uscc) return [];
      const uscc = subject.uscc;
      try {
        return await lookupPolicy.execute(async ({ signal }) => {
          const res = await call(`/v1/subjects/${encodeURIComponent(uscc)}/dishonesty-records`, { method: 'GET' }, signal);
          if (res.status === 404) { await res.body?.cancel(); return []; }
          if (res.status !== 200) { await res.body?.cancel(); throw new PlatformError(`status ${res.status}`, false); }
          const parsed = RecordsAnswer.safeParse(await res.json().catch(() => null));
          if (!parsed.success || parsed.data.uscc !== uscc) throw new PlatformError('body does not match the records answer', false);
          return parsed.data.records.map((r) => ({
            providerId: r.id, kind: r.kind, departmentCode: r.departmentCode, decisionNo: r.decisionNo, decidedOn: r.decidedOn,
            purpose: r.purpose, severity: r.severity, fulfilled: r.fulfilled, legallyUnrepairable: !r.repairable, repaired: r.state === 'repaired',
          }));
        });
      } catch (err) {
        throw creditUnavailable(err);
      }
    },
    async submitRepair(repair: RepairReport) {
      const uscc = repair.subject.uscc;
      const body = JSON.stringify({
        uscc, caseId: repair.caseId, recordIds: repair.recordIds, decidedAt: repair.decidedAt.toISOString(), commitmentSha256: repair.commitmentSha256,
      });
      try {
        const answer = await deliveryPolicy.execute(async ({ signal }) => {
          const res = await call('/v1/repairs', {
            method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': repair.idempotencyKey },
          }, signal);
          if (refusedStatuses.has(res.status)) throw new PenaltyRefused(res.status, await platformMessage(res));
          if (res.status !== 200 && res.status !== 201) { await res.body?.cancel(); throw new PlatformError(`status ${res.status}`, false); }
          const parsed = RepairAnswer.safeParse(await res.json().catch(() => null));
          if (!parsed.success || parsed.data.uscc !== uscc) throw new PlatformError('body does not match the repair answer', true);
          return { tier: parsed.data.tier, evaluatedAt: new Date(parsed.data.evaluatedAt) };
        });
        if (uscc) cache.delete(uscc);
        return answer;
      } catch (err) {
        if (err instanceof BrokenCircuitError) throw new PlatformError('circuit open', true);
        throw err;
      }
    },
    async reportPenalty(penalty: PenaltyReport) {
      const body = JSON.stringify({
        uscc: penalty.subject.uscc,
        kind: penalty.applicationId ? 'false_commitment' : 'false_material',
        inspectionId: penalty.inspectionId,
        ...(penalty.applicationId ? { applicationId: penalty.applicationId } : {}),
        matterCode: penalty.matterCode,
        reason: penalty.reason,
        checklistItemIds: penalty.checklistItemIds,
        evidenceMediaIds: penalty.evidenceMediaIds,
        occurredAt: penalty.flaggedAt.toISOString(),
      });
      try {
        await deliveryPolicy.execute(async ({ signal }) => {
          const res = await call('/v1/penalties', {
            method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': penalty.idempotencyKey },
          }, signal);
          if (refusedStatuses.has(res.status)) throw new PenaltyRefused(res.status, await platformMessage(res));
          await res.body?.cancel();
          if (res.status !== 200 && res.status !== 201) throw new PlatformError(`status ${res.status}`, false);
        });
      } catch (err) {
        if (err instanceof BrokenCircuitError) throw new PlatformError('circuit open', true);
        throw err;
      }
      if (penalty.subject.uscc) cache.delete(penalty.subject.uscc);
    },
  };
}
