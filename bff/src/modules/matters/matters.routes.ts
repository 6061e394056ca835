import { mattersContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { getMatter, listMatters, putMatterMaterials } from './matters.service';

export function mattersRoutes() {
  return [
    bind(c.listMatters, async () => ({ items: await listMatters() })),
    bind(c.getMatter, ({ params }) => getMatter(params.code)),
    bind(c.putMatterMaterials, ({ params, body }) => putMatterMaterials(params.code, body)),
  ];
}
