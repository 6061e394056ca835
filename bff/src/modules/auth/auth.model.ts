import { Schema, model, Types } from 'mongoose';
import { Role } from '@ycta/shared';

const userSchema = new Schema({
  username: { type: String, required: true, unique: true },
  displayName: { type: String, required: true },
  role: { type: String, enum: Role.options, required: true },
  subjectId: { type: Schema.Types.ObjectId, default: null },
  /** The department a department inspector or reviewer works for (`departments` code); null for everyone else. */
  departmentCode: { type: String, default: null },
  passwordHash: { type: String, default: null },
  wechatOpenId: { type: String, default: null, index: true },
}, { timestamps: true });

export const UserModel = model('User', userSchema);

/**
 * Failed password sign-ins per username, kept for names that exist and names that do not alike: the warning before
 * the lock and the lock itself must not tell a prober which usernames are real. Keyed by `_id` (the name as typed).
 */
const loginThrottleSchema = new Schema({
  _id: { type: String, required: true },
  failures: { type: Number, default: 0 },
  lockedUntil: { type: Date, default: null },
});

export const LoginThrottleModel = model('LoginThrottle', loginThrottleSchema);

export interface LoginThrottleRecord { _id: string; failures: number; lockedUntil: Date | null }

/**
 * One document per refresh token, keyed by the token's sha256 (`_id`, also `tokenHash`): a refresh finds its token by
 * `_id` alone, the one lookup the embedded FerretDB pushes down to SQLite. Expired tokens, and rotated ones after a
 * day, are pruned (`pruneSessions`), so the collection holds the live sessions, not every refresh ever made.
 */
const refreshTokenSchema = new Schema({
  _id: { type: String, required: true },
  /** sha256 of the token: the token itself is never stored. */
  tokenHash: { type: String, required: true, unique: true },
  userId: { type: Schema.Types.ObjectId, required: true, index: true },
  /** Tokens issued from one sign-in share a family; reuse of a rotated token revokes the family. */
  family: { type: String, required: true, index: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
}, { timestamps: true });

export const RefreshTokenModel = model('RefreshToken', refreshTokenSchema);

export interface UserRecord {
  _id: Types.ObjectId;
  username: string;
  displayName: string;
  role: Role;
  subjectId: Types.ObjectId | null;
  departmentCode?: string | null;
  passwordHash: string | null;
  wechatOpenId: string | null;
}

/**
 * One document per refresh token ever rotated. Its unique index is what makes rotation happen once: FerretDB 1.24 does
 * not make a conditional `findOneAndUpdate` atomic against concurrent writers, but it enforces unique indexes.
 */
const refreshRotationSchema = new Schema({
  /** The rotated token's sha256, also its `_id`. */
  _id: { type: String, required: true },
  tokenHash: { type: String, required: true, unique: true },
  at: { type: Date, required: true },
});

export const RefreshRotationModel = model('RefreshRotation', refreshRotationSchema);
