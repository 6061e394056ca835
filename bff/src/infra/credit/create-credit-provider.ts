import type { Config } from '../../config';
import type { CreditProvider } from './credit-provider';
import { createHttpCreditProvider } from './http-credit-provider';
import { createLocalCreditProvider } from './local-credit-provider';

/** The provider configuration selects (`CREDIT_PROVIDER`). */
export function createCreditProvider(credit: Config['credit']): CreditProvider {
  if (credit.provider === 'local') return createLocalCreditProvider();
  return createHttpCreditProvider({
    baseUrl: credit.httpBaseUrl, apiKey: credit.httpApiKey, timeoutMs: credit.httpTimeoutMs, cacheTtlSeconds: credit.cacheTtlSeconds,
    retries: credit.httpRetries, halfOpenAfterMs: credit.circuitOpenMs,
  });
}
