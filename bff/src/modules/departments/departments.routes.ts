import { departmentsContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { listDepartments } from './departments.service';

export function departmentsRoutes() {
  return [bind(c.listDepartments, async () => ({ items: await listDepartments() }))];
}
