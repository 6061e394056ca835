import { ledgerContract } from '@ycta/shared';
import { bind, type Mounted } from '../../lib/contract-router';
import { inspectionReport } from './reports.service';

/**
 * The page where a reader of the printed report checks the record online: the review desk with its chain badge, on
 * the host the report was asked from (the H5 app and the API share it).
 */
const verifyPage = (origin: string, id: string) => `${origin}/#/packages/staff/review/index?id=${encodeURIComponent(id)}`;

export function reportsRoutes(): Mounted[] {
  return [
    bind(ledgerContract.report, async ({ params, user }, ctx) => {
      const report = await inspectionReport(user, params.id, verifyPage(`${ctx.protocol}://${ctx.host}`, params.id));
      ctx.type = 'application/pdf';
      ctx.attachment(report.fileName);
      ctx.set('X-Content-SHA256', report.sha256);
      ctx.body = report.file;
    }),
  ];
}
