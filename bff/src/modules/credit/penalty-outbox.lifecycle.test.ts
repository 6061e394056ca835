import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import mongoose from 'mongoose';
import { startBff } from '../../main';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { testDbUri, testEnv } from '../../../test/harness';
import { CreditPenaltyModel } from './credit-penalty.model';

const apiKey = 'lifecycle-key';
let platform: CreditPlatform;
let bff: Awaited<ReturnType<typeof startBff>>;

beforeAll(async () => {
  platform = await startCreditPlatform(apiKey);
  bff = await startBff(testEnv({
    MONGODB_URI: `${testDbUri()}/credit_lifecycle_${Date.now()}`, PORT: '0', LOG_LEVEL: 'silent',
    CREDIT_PROVIDER: 'http', CREDIT_HTTP_BASE_URL: platform.url, CREDIT_HTTP_API_KEY: apiKey,
  }));
});
afterAll(async () => {
  if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase().catch(() => undefined);
  await bff.stop();
  await platform.close();
});

it('when the BFF runs, then its outbox worker delivers a waiting penalty on its own', async () => {
  const now = new Date();
  await CreditPenaltyModel.create({
    idempotencyKey: 'flag-lifecycle-1', inspectionId: new Types.ObjectId(), subjectId: new Types.ObjectId(),
    uscc: '91460100MA5T8R2Q3K', matterCode: 'internet-cafe', reason: '租赁合同系伪造', flaggedBy: 'inspector',
    flaggedAt: now, delivery: { attempts: 0, nextAttemptAt: now },
  });
  const deadline = Date.now() + 10_000;
  while (!platform.state.applied.has('flag-lifecycle-1') && Date.now() < deadline) await sleep(50);
  expect(platform.state.penaltyPosts).toEqual(['flag-lifecycle-1']);
  while (Date.now() < deadline) {
    const doc = await CreditPenaltyModel.findOne({ idempotencyKey: 'flag-lifecycle-1' }).lean();
    if (doc?.delivery?.deliveredAt) break;
    await sleep(50);
  }
  expect((await CreditPenaltyModel.findOne({ idempotencyKey: 'flag-lifecycle-1' }).lean())?.delivery?.deliveredAt).toBeInstanceOf(Date);
});
