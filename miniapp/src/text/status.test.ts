import { applicationStatusInfo } from '@ycta/shared/domain/application-state';
import { applicationStatusLabels } from './status';

test('when shared changes a status label, then the client copy is changed with it', () => {
  const shared = Object.fromEntries(Object.entries(applicationStatusInfo).map(([status, info]) => [status, info.label]));
  expect(applicationStatusLabels).toEqual(shared);
});
