import { mattersContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { getMatter, listMatters } from './matters.service';

export function mattersRoutes() {
  return [
    bind(c.listMatters, async () => ({ items: await listMatters() })),
    bind(c.getMatter, ({ params }) => getMatter(params.code)),
  ];
}
