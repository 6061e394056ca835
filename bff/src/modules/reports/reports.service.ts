import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import type { RecordEvent, RecordEventType } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { openFile, storeBuffer } from '../../infra/gridfs';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { appendEvent, listEvents } from '../ledger/ledger.service';
import { reportContent } from './reports.content';
import { renderInspectionReport } from './reports.render';

/**
 * The archival report of a concluded inspection: generated on first request, kept in GridFS, and its SHA-256 put on
 * the inspection's record (`report.generated`, naming the file as `mediaId`, so the exported bundle carries it and
 * verifies it offline). The kept report is served again until the record gains something it would print (an opinion,
 * a correction…): then a new one is generated beside it. Earlier reports stay, as every file the record names does.
 */

/** Events that change nothing the report prints: reading, exporting and the reports themselves. */
const bookkeeping = new Set<RecordEventType>(['viewed', 'exported', 'report.generated']);

export interface Report { file: Readable; sha256: string; fileName: string }

/** The latest report if nothing it prints has been added to the record since. */
function currentReport(events: readonly RecordEvent[]): { mediaId: string; sha256: string } | null {
  const last = events.findLastIndex((e) => e.type === 'report.generated');
  if (last < 0 || events.slice(last + 1).some((e) => !bookkeeping.has(e.type))) return null;
  const { mediaId, sha256 } = events[last]!.payload as { mediaId: string; sha256: string };
  return { mediaId, sha256 };
}

export async function inspectionReport(user: AuthUser, id: string, verifyUrl: string): Promise<Report> {
  const inspection = await findAccessibleInspection(user, id);
  if (inspection.status !== 'concluded' || !inspection.conclusion) {
    throw new AppError('INSPECTION.INVALID_STATE', { message: '踏勘尚未作出结论，还不能生成归档报告' });
  }
  const fileName = `踏勘报告-${id.slice(-6)}.pdf`;
  const kept = currentReport(await listEvents(id));
  if (kept) return { file: openFile(new Types.ObjectId(kept.mediaId)), sha256: kept.sha256, fileName };

  const pdf = await renderInspectionReport(await reportContent(inspection, verifyUrl));
  const stored = await storeBuffer(pdf, { filename: `report-${id}.pdf`, contentType: 'application/pdf' });
  await appendEvent({
    inspectionId: inspection._id, type: 'report.generated', actor: user,
    payload: { mediaId: String(stored.fileId), sha256: stored.sha256, size: stored.size, contentType: 'application/pdf' },
  });
  return { file: openFile(stored.fileId), sha256: stored.sha256, fileName };
}
