import type { IncomingMessage } from 'node:http';
import { Types } from 'mongoose';
import { acceptedTypes, isFinal, refuseChoice, shanghaiDate, type MaterialChoiceBody } from '@ycta/shared';
import type { Config } from '../../config';
import { AppError } from '../../lib/app-error';
import { removeFile } from '../../infra/gridfs';
import type { AuthUser } from '../auth/auth.tokens';
import { currentClock } from '../calendar/calendar.service';
import { receiveMultipart } from '../media/multipart-intake';
import {
  caseOf, earliestOpenGap, ensurePrivileges, loadCase, requireEditable, requirementOf, saveCase, type MaterialsCase,
} from './acceptance.case';

/**
 * The applicant's side: upload a file per material, declare a gap (后补) or sign a commitment (告知承诺) where the
 * matter and the tier allow, then hand the whole set in for acceptance. After acceptance an upload to an open gap is
 * the supplement that closes it.
 */

/** The case, with the privilege decision made and kept the first time the applicant opens it. */
export async function openCase(user: AuthUser, applicationId: string): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  if (user.role !== 'applicant' || c.acceptance.privileges) return c;
  const privileges = await ensurePrivileges(c);
  const saved = await saveCase(c, {
    event: 'credit.checked', actor: 'system',
    payload: { at: 'materials', tier: privileges.tier, source: privileges.source, acceptWithGaps: privileges.acceptWithGaps, commitment: privileges.commitment },
  });
  return caseOf(saved);
}

export async function chooseMaterial(user: AuthUser, applicationId: string, materialId: string, body: MaterialChoiceBody): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  const { requirement, material } = requirementOf(c, materialId);
  requireEditable(c, requirement.name);
  const granted = await ensurePrivileges(c);
  const refused = refuseChoice(requirement, body.choice, granted);
  if (refused) throw new AppError(refused.code, { message: refused.message, details: { materialId, tier: granted.tier } });
  const now = new Date();
  if (body.choice === 'gap') {
    Object.assign(material, { state: 'gap', gap: { declaredAt: now, dueOn: null, closedAt: null }, commitment: null });
    return caseOf(await saveCase(c, { event: 'material.gap', actor: user, materialId, payload: { name: requirement.name } }));
  }
  const text = requirement.commitment!;
  if (body.textVersion !== text.version) {
    throw new AppError('MATERIAL.COMMITMENT_TEXT_CHANGED', { message: `“${requirement.name}”的承诺书已更新，请重新阅读后签署`, details: { materialId, version: text.version } });
  }
  const signed = { signerName: body.signerName, textVersion: text.version, text: text.text, consequences: text.consequences, signedAt: now, check: null };
  Object.assign(material, { state: 'commitment', gap: null, commitment: signed });
  return caseOf(await saveCase(c, {
    event: 'commitment.signed', actor: user, materialId,
    payload: { name: requirement.name, signerName: body.signerName, textVersion: text.version, text: text.text, consequences: text.consequences, signedAt: now },
  }));
}

/** Refuses before a byte is stored: a decided application, a set already handed in, a material not gap-open. */
function requireUploadable(c: MaterialsCase, materialId: string) {
  const { requirement, material } = requirementOf(c, materialId);
  const supplement = c.acceptance.status === 'accepted';
  if (supplement) {
    if (isFinal(c.app.status)) {
      throw new AppError('MATERIAL.SUPPLEMENT_AFTER_DECISION', { message: `申请已办结，不能再补交“${requirement.name}”`, details: { materialId } });
    }
    if (!material.gap || material.gap.closedAt) {
      throw new AppError('MATERIAL.NOT_EDITABLE', { message: `“${requirement.name}”已受理，无需补交`, details: { materialId } });
    }
  } else {
    requireEditable(c, requirement.name);
  }
  return { requirement, material, supplement };
}

export async function uploadMaterial(
  user: AuthUser, applicationId: string, materialId: string, req: IncomingMessage, media: Config['media'],
): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  const { requirement, supplement } = requireUploadable(c, materialId);
  const accepted = acceptedTypes(requirement);
  const id = new Types.ObjectId();
  const { file } = await receiveMultipart(req, {
    id, what: 'material', allowedTypes: accepted.types, maxBytes: media.photoMaxBytes,
    typeMessage: `“${requirement.name}”只接受${accepted.words}文件（按文件内容识别，改扩展名无效）`,
    sizeMessage: `“${requirement.name}”的文件超过 ${Math.round(media.photoMaxBytes / 1048576)} MB 上限，请压缩后重新上传`,
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'MEDIA.TYPE_NOT_ALLOWED') {
      throw new AppError('MATERIAL.TYPE_NOT_ACCEPTED', { message: err.message, details: { materialId, accepted: accepted.words } });
    }
    throw err;
  });
  const now = new Date();
  // read again: the case may have moved while the file streamed in
  const fresh = await loadCase(user, applicationId);
  let target;
  try {
    target = requireUploadable(fresh, materialId).material;
  } catch (err) {
    await removeFile(file.fileId);
    throw err;
  }
  target.files.push({ fileId: file.fileId, sha256: file.sha256, size: file.size, type: file.type, uploadedAt: now, supplement });
  target.state = 'file';
  target.returnReason = null;
  if (supplement) {
    target.gap!.closedAt = now;
    await resumeClockIfClear(fresh);
  } else {
    Object.assign(target, { gap: null, commitment: null });
  }
  try {
    return caseOf(await saveCase(fresh, {
      event: 'material.uploaded', actor: user, materialId,
      payload: { name: requirement.name, fileId: String(file.fileId), sha256: file.sha256, size: file.size, type: file.type, supplement },
    }));
  } catch (err) {
    await removeFile(file.fileId);
    throw err;
  }
}

/** The last open gap closed after the clock stopped: it runs again, extended by the working days it stood still. */
async function resumeClockIfClear(c: MaterialsCase): Promise<void> {
  c.acceptance.supplementDueOn = earliestOpenGap(c.materials);
  if (c.acceptance.supplementDueOn || !c.acceptance.clockStoppedOn) return;
  const stood = (await currentClock()).workingDaysBetween(c.acceptance.clockStoppedOn, shanghaiDate(new Date())).days;
  c.acceptance.pausedWorkingDays = (c.acceptance.pausedWorkingDays ?? 0) + Math.max(0, stood);
  c.acceptance.clockStoppedOn = null;
}

export async function submitMaterials(user: AuthUser, applicationId: string): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  requireEditable(c);
  const missing = c.materials.filter((m) => m.state === 'missing');
  if (missing.length > 0) {
    throw new AppError('MATERIAL.INCOMPLETE', {
      message: `还有材料未上传、未声明后补或未签署承诺：${missing.map((m) => `“${m.name}”`).join('、')}`,
      details: missing.map((m) => ({ field: m.materialId, message: m.name })),
    });
  }
  await ensurePrivileges(c);
  Object.assign(c.acceptance, { status: 'awaiting', submittedAt: new Date() });
  return caseOf(await saveCase(c, {
    event: 'materials.submitted', actor: user,
    payload: { materials: c.materials.map((m) => ({ materialId: m.materialId, state: m.state, files: m.files.map((f) => f.sha256) })) },
  }));
}
