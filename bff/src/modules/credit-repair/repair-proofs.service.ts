import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { Types } from 'mongoose';
import type { RepairProof } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { openFile } from '../../infra/gridfs';
import type { AuthUser } from '../auth/auth.tokens';
import { receiveMultipart } from '../media/multipart-intake';
import { RepairCaseModel, RepairProofModel, type RepairCaseDoc, type RepairProofDoc } from './repair-case.model';
import { reviewerDepartment } from './repair-access';

/** What a proof may be: a photo of a receipt or a scanned document (checked from the bytes). */
const proofTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export const toRepairProof = (p: Pick<RepairProofDoc, '_id' | 'type' | 'size' | 'sha256' | 'receivedAt'>): RepairProof => ({
  id: String(p._id), type: p.type, size: p.size, sha256: p.sha256, receivedAt: p.receivedAt.toISOString(),
});

function requireSubject(user: AuthUser): Types.ObjectId {
  if (!user.subjectId || !Types.ObjectId.isValid(user.subjectId)) throw new AppError('SUBJECT.NOT_FOUND');
  return new Types.ObjectId(user.subjectId);
}

/** A proof file through the existing media intake (type from the bytes, SHA-256 and size while streaming into GridFS). */
export async function receiveProof(user: AuthUser, req: IncomingMessage, maxBytes: number): Promise<RepairProof> {
  const subjectId = requireSubject(user);
  const id = new Types.ObjectId();
  const { file } = await receiveMultipart(req, {
    id, what: 'repair-proof', allowedTypes: proofTypes, maxBytes,
    typeMessage: '证明材料只接受 JPEG、PNG、WebP 照片或 PDF 文件（按文件内容识别，改扩展名无效）',
    sizeMessage: `证明材料超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请压缩后重新上传`,
  });
  const doc = await RepairProofModel.create({
    _id: id, subjectId, uploadedBy: user.id, type: file.type, size: file.size, sha256: file.sha256, receivedAt: new Date(),
  });
  return toRepairProof(doc.toObject() as RepairProofDoc);
}

/** The applicant's own proofs by id, or the ids that are not theirs or already used in a case. */
export async function ownUnusedProofs(subjectId: Types.ObjectId, ids: readonly string[]): Promise<{ found: Map<string, RepairProofDoc>; bad: string[] }> {
  const docs = ids.length
    ? await RepairProofModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<RepairProofDoc[]>()
    : [];
  const found = new Map(docs.filter((d) => String(d.subjectId) === String(subjectId) && !d.caseId).map((d) => [String(d._id), d]));
  return { found, bad: ids.filter((id) => !found.has(id)) };
}

/** Streams a proof to its applicant, to a reviewer of a department with an item that uses it, or to staff. */
export async function serveProof(user: AuthUser, id: string, ctx: Context): Promise<void> {
  const notFound = new AppError('MEDIA.NOT_FOUND');
  const proof = Types.ObjectId.isValid(id) ? await RepairProofModel.findById(id).lean<RepairProofDoc>() : null;
  if (!proof) throw notFound;
  let allowed = user.role === 'staff' || user.role === 'admin' || (user.role === 'applicant' && user.subjectId === String(proof.subjectId));
  if (!allowed && user.role === 'dept_reviewer' && proof.caseId) {
    const department = await reviewerDepartment(user);
    const used = await RepairCaseModel.findById(proof.caseId).lean<RepairCaseDoc>();
    allowed = !!used?.items.some((i) => i.departmentCode === department && i.proofs.some((p) => p.id === id));
  }
  if (!allowed) throw notFound;
  ctx.set('Cache-Control', 'private, max-age=0, must-revalidate');
  ctx.set('ETag', `"${proof.sha256}"`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.type = proof.type;
  ctx.length = proof.size;
  ctx.body = openFile(proof._id);
}
