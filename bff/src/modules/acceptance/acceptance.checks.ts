import type { Types } from 'mongoose';
import type { CommitmentVerdictBody } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { ApplicationModel, type ApplicationRecord } from '../applications/applications.model';
import { CreditPenaltyModel, type CreditPenaltyDoc } from '../credit/credit-penalty.model';
import { findSubject } from '../subjects/subjects.service';
import { caseOf, loadCase, requirementOf, saveCase, type MaterialsCase } from './acceptance.case';
import { endCase } from './acceptance.desk';

/**
 * 核查: every accepted commitment has a verification task, settled by the remote inspection (a checklist point that
 * names the commitment, judged as met) or by a document check. A false commitment ends the application (refused, or
 * revoked once approved) and puts one credit penalty into the outbox: its idempotency key is the application and
 * material, so a retried or repeated verdict never adds a second one.
 */

function openCheck(c: MaterialsCase, materialId: string) {
  const { requirement, material } = requirementOf(c, materialId);
  const check = material.commitment?.check;
  if (!check) throw new AppError('ACCEPTANCE.INVALID_STATE', { message: `“${requirement.name}”没有待核查的承诺（承诺须先经受理）`, details: { materialId } });
  return { requirement, material, check };
}

/** The penalty of a false commitment, written once whatever happens around it. */
async function penaltyFor(app: ApplicationRecord, materialId: string, user: AuthUser, reason: string): Promise<CreditPenaltyDoc> {
  const idempotencyKey = `commitment-${String(app._id)}-${materialId}`;
  const subject = await findSubject(String(app.subjectId));
  const now = new Date();
  try {
    const created = await CreditPenaltyModel.create({
      idempotencyKey, inspectionId: app.inspectionId ?? null, applicationId: app._id, materialId,
      subjectId: app.subjectId, uscc: subject?.uscc ?? null, matterCode: app.matterCode, reason,
      flaggedBy: user.id, flaggedAt: now, delivery: { attempts: 0, nextAttemptAt: now },
    });
    return created.toObject() as CreditPenaltyDoc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await CreditPenaltyModel.findOne({ idempotencyKey }).lean<CreditPenaltyDoc>())!;
  }
}

export async function judgeCommitment(user: AuthUser, applicationId: string, materialId: string, body: CommitmentVerdictBody): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  const { requirement, check } = openCheck(c, materialId);
  if (check.status !== 'open') throw new AppError('ACCEPTANCE.INVALID_STATE', { message: `“${requirement.name}”的承诺已核查完毕`, details: { materialId } });
  const now = new Date();
  Object.assign(check, { method: body.method, note: body.note, decidedAt: now, decidedBy: user.id });
  if (body.verdict === 'kept') {
    check.status = 'kept';
    return caseOf(await saveCase(c, { event: 'commitment.checked', actor: user, materialId, payload: { verdict: 'kept', method: body.method, note: body.note } }));
  }
  const reason = `告知承诺不实：“${requirement.name}”。${body.note}`;
  // the penalty first: a crash after it leaves the check open, and the retried verdict finds the same penalty
  const penalty = await penaltyFor(c.app, materialId, user, reason);
  Object.assign(check, { status: 'false', penaltyId: String(penalty._id) });
  const saved = await saveCase(c, {
    event: 'commitment.checked', actor: user, materialId,
    payload: { verdict: 'false', method: body.method, note: body.note, penaltyId: String(penalty._id), idempotencyKey: penalty.idempotencyKey },
  });
  return endCase(await caseOf(saved), user.role === 'inspector' ? 'system' : user, reason);
}

/**
 * An inspection point that names a commitment was judged as met: the commitment's check is settled by the
 * inspection. Anything else (not met, not applicable) leaves the task open for the inspector or staff to decide.
 */
export async function settleByInspection(
  applicationId: Types.ObjectId, materialId: string, inspector: AuthUser, itemTitle: string, result: string,
): Promise<void> {
  if (result !== 'pass') return;
  const app = await ApplicationModel.findById(applicationId).lean<ApplicationRecord>();
  if (!app?.acceptance) return;
  const c = await caseOf(app);
  const check = c.materials.find((m) => m.materialId === materialId)?.commitment?.check;
  if (!check || check.status !== 'open') return;
  const note = `远程踏勘要点“${itemTitle}”判定符合，承诺内容属实`;
  Object.assign(check, { status: 'kept', method: 'inspection', note, decidedAt: new Date(), decidedBy: inspector.id });
  await saveCase(c, { event: 'commitment.checked', actor: inspector, materialId, payload: { verdict: 'kept', method: 'inspection', itemTitle, note } });
}
