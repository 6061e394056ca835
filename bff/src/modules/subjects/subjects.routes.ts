import { subjectsContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { subjectOf, toSubject } from './subjects.service';

export function subjectsRoutes() {
  return [
    bind(c.mySubject, async ({ user }) => toSubject(await subjectOf(user))),
  ];
}
