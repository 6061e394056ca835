import { loadConfig } from '../../config';
import { testEnv } from '../../../test/harness';
import { createCreditProvider } from './create-credit-provider';

describe('credit provider configuration', () => {
  it('when nothing is set, then the local provider runs', () => {
    expect(createCreditProvider(loadConfig(testEnv()).credit).kind).toBe('local');
  });

  it('when CREDIT_PROVIDER=http lacks its URL and key, then the start stops naming both', () => {
    expect(() => loadConfig(testEnv({ CREDIT_PROVIDER: 'http' }))).toThrow(/CREDIT_HTTP_BASE_URL[\s\S]*CREDIT_HTTP_API_KEY/);
  });

  it('when CREDIT_PROVIDER=http is complete, then the http provider runs', () => {
    const config = loadConfig(testEnv({ CREDIT_PROVIDER: 'http', CREDIT_HTTP_BASE_URL: 'http://127.0.0.1:9', CREDIT_HTTP_API_KEY: 'k' }));
    expect(createCreditProvider(config.credit).kind).toBe('http');
  });
});
