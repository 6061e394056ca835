import { createHash, randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';
import { canAct, type InspectionStatus, type JoinAnswer, type Role } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from './inspections.access';
import { joinInspection, type JoinDeps } from './inspections.join';

/**
 * One-time codes for entering a call on another device (the QR a phone scans, the mini-program's WebView): the
 * address carries only this code, never a ticket or a room pass. A code is stored as its SHA-256 under `_id` and
 * redeemed by inserting that hash into `room_code_uses`: only one insert can win on MongoDB and on the embedded
 * FerretDB, whose conditional updates are not atomic. Redeeming is joining as the person who asked for the code.
 */
export const roomCodeTtlSeconds = 10 * 60;

const RoomCodeModel = model('RoomCode', new Schema({
  _id: { type: String, required: true },
  inspectionId: { type: String, required: true },
  userId: { type: String, required: true },
  role: { type: String, required: true },
  subjectId: { type: String, default: null },
  username: { type: String, required: true },
  expiresAt: { type: Date, required: true },
}, { versionKey: false, timestamps: true }), 'room_codes');

const RoomCodeUseModel = model('RoomCodeUse', new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
}, { versionKey: false }), 'room_code_uses');

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

export async function createRoomCode(user: AuthUser, id: string, now = new Date()): Promise<{ code: string; expiresAt: string }> {
  const inspection = await findAccessibleInspection(user, id);
  if (!canAct(inspection.status as InspectionStatus, 'join', user.role)) throw new AppError('INSPECTION.INVALID_STATE', { message: '踏勘当前不能进入视频' });
  const code = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + roomCodeTtlSeconds * 1000);
  await RoomCodeModel.create({
    _id: hashOf(code), inspectionId: String(inspection._id), userId: user.id, role: user.role, subjectId: user.subjectId, username: user.username, expiresAt,
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

export async function redeemRoomCode(id: string, code: string, deps: JoinDeps, wsUrl: string, now = new Date()): Promise<JoinAnswer> {
  const hash = hashOf(code);
  const stored = await RoomCodeModel.findById(hash).lean<{ inspectionId: string; userId: string; role: string; subjectId: string | null; username: string; expiresAt: Date }>();
  if (!stored || stored.inspectionId !== id || stored.expiresAt <= now) throw new AppError('RTC.ROOM_CODE_INVALID');
  try {
    await RoomCodeUseModel.create({ _id: hash, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('RTC.ROOM_CODE_INVALID');
    throw err;
  }
  const user: AuthUser = { id: stored.userId, role: stored.role as Role, subjectId: stored.subjectId, username: stored.username };
  return joinInspection(user, id, deps, wsUrl);
}
