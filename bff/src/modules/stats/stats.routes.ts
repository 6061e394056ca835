import { statsContract } from '@ycta/shared';
import { bind, type Mounted } from '../../lib/contract-router';
import { officeStats } from './stats.service';

export function statsRoutes(): Mounted[] {
  return [bind(statsContract.officeStats, ({ query }) => officeStats(query))];
}
