import { createHash, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { Types } from 'mongoose';
import { shanghaiDateTime, type Session, type User } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { WechatClient } from '../../infra/wechat';
import { LoginThrottleModel, RefreshRotationModel, RefreshTokenModel, UserModel, type LoginThrottleRecord, type UserRecord } from './auth.model';
import { hashRefreshToken, newRefreshToken, signAccessToken, type AuthUser, type TokenKeys } from './auth.tokens';
import { isDuplicateKey } from '../../infra/db';

const maxFailedLogins = 5;
const lockMinutes = 15;

/** Says when the account opens again (Asia/Shanghai clock), so the person knows how long to wait. */
function lockedUntil(until: Date): AppError {
  const clock = shanghaiDateTime(until).slice(11);
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError('AUTH.LOCKED', {
    message: `密码错误次数过多，账号已锁定，将于 ${clock}（约 ${minutes} 分钟后）自动解锁`,
    details: { unlocksAt: until.toISOString() },
  });
}

/** The last try before the lock is announced; earlier ones say only that the pair was wrong. */
function badCredentials(attemptsLeft: number): AppError {
  if (attemptsLeft !== 1) return new AppError('AUTH.BAD_CREDENTIALS');
  return new AppError('AUTH.BAD_CREDENTIALS', {
    message: `用户名或密码错误。再错 1 次，账号将锁定 ${lockMinutes} 分钟`,
    details: { attemptsLeft },
  });
}

/** Counts one failure against the name; the fifth in a row locks it for `lockMinutes`. */
async function failedSignIn(username: string): Promise<never> {
  const bump = () => LoginThrottleModel.findOneAndUpdate({ _id: username }, { $inc: { failures: 1 } }, { upsert: true, returnDocument: 'after' })
    .lean<LoginThrottleRecord>();
  // two first failures racing both try to insert the document: the loser counts on the winner's
  const updated = await bump().catch((err: unknown) => { if (isDuplicateKey(err)) return bump(); throw err; });
  const failures = updated?.failures ?? 1;
  if (failures >= maxFailedLogins) {
    const until = new Date(Date.now() + lockMinutes * 60_000);
    await LoginThrottleModel.updateOne({ _id: username }, { $set: { lockedUntil: until, failures: 0 } });
    throw lockedUntil(until);
  }
  throw badCredentials(maxFailedLogins - failures);
}

export interface AuthDeps {
  keys: TokenKeys;
  refreshTtlDays: number;
  devLogin: boolean;
  wechat: WechatClient;
}

export function toUser(u: Pick<UserRecord, '_id' | 'username' | 'displayName' | 'role' | 'subjectId' | 'departmentCode'>): User {
  const user: User = { id: String(u._id), username: u.username, displayName: u.displayName, role: u.role, subjectId: u.subjectId ? String(u.subjectId) : null };
  return u.departmentCode ? { ...user, departmentCode: u.departmentCode } : user;
}

export function toAuthUser(u: User): AuthUser {
  return { id: u.id, role: u.role, subjectId: u.subjectId, username: u.username };
}

export function createAuthService(deps: AuthDeps) {
  async function issueSession(record: UserRecord, family: string = randomUUID()): Promise<Session> {
    const user = toUser(record);
    const refresh = newRefreshToken();
    await RefreshTokenModel.create({
      _id: refresh.hash,
      tokenHash: refresh.hash,
      userId: record._id,
      family,
      expiresAt: new Date(Date.now() + deps.refreshTtlDays * 86_400_000),
    });
    return {
      accessToken: await signAccessToken(deps.keys, toAuthUser(user)),
      expiresIn: deps.keys.accessTtlSeconds,
      refreshToken: refresh.token,
      user,
    };
  }

  return {
    async devLogin(username: string): Promise<Session> {
      if (!deps.devLogin) throw new AppError('AUTH.DEV_LOGIN_DISABLED');
      const record = await UserModel.findOne({ username }).lean<UserRecord>();
      if (!record) throw new AppError('AUTH.USER_NOT_FOUND');
      return issueSession(record);
    },

    async passwordLogin(username: string, password: string): Promise<Session> {
      const throttle = await LoginThrottleModel.findById(username).lean<LoginThrottleRecord>();
      if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) throw lockedUntil(throttle.lockedUntil);
      const record = await UserModel.findOne({ username }).lean<UserRecord>();
      // an unknown name costs the same hash and counts towards the same lock, so neither time nor answers tell it apart
      const ok = record?.passwordHash ? await argon2.verify(record.passwordHash, password) : (await argon2.hash(password), false);
      if (!ok || !record) return failedSignIn(username);
      if (throttle && (throttle.failures > 0 || throttle.lockedUntil)) {
        await LoginThrottleModel.updateOne({ _id: username }, { $set: { failures: 0, lockedUntil: null } });
      }
      return issueSession(record);
    },

    async wechatLogin(code: string): Promise<Session> {
      const { openid } = await deps.wechat.code2Session(code);
      let record = await UserModel.findOne({ wechatOpenId: openid }).lean<UserRecord>();
      if (!record) {
        const username = `wx_${createHash('sha256').update(openid).digest('hex').slice(0, 16)}`;
        record = await UserModel.findOneAndUpdate(
          { username },
          { $setOnInsert: { username, displayName: '微信用户', role: 'applicant', wechatOpenId: openid } },
          { upsert: true, returnDocument: 'after' },
        ).lean<UserRecord>();
      }
      return issueSession(record!);
    },

    /** Rotates the refresh token; presenting a token already rotated revokes its whole family. */
    async refresh(token: string): Promise<Session> {
      const hash = hashRefreshToken(token);
      const now = new Date();
      const stored = await RefreshTokenModel.findById(hash).lean();
      const revokeFamily = async () => {
        if (stored) await RefreshTokenModel.updateMany({ family: stored.family, revokedAt: null }, { $set: { revokedAt: now } });
        return new AppError('AUTH.TOKEN_INVALID');
      };
      if (!stored || stored.revokedAt || stored.expiresAt <= now) throw await revokeFamily();
      try {
        await RefreshRotationModel.create({ _id: hash, tokenHash: hash, at: now });
      } catch (err) {
        if (isDuplicateKey(err)) throw await revokeFamily();
        throw err;
      }
      await RefreshTokenModel.updateOne({ _id: stored._id }, { $set: { revokedAt: now } });
      const record = await UserModel.findById(stored.userId).lean<UserRecord>();
      if (!record) throw new AppError('AUTH.TOKEN_INVALID');
      return issueSession(record, stored.family);
    },

    async logout(token: string): Promise<void> {
      const stored = await RefreshTokenModel.findById(hashRefreshToken(token)).lean();
      if (stored && !stored.revokedAt) await RefreshTokenModel.updateOne({ _id: stored._id }, { $set: { revokedAt: new Date() } });
    },

    /**
     * Drops what no sign-in can use any more: expired refresh tokens, tokens rotated or revoked over a day ago (a
     * rotated token presented later is simply unknown and refused), and rotation marks older than any token's life.
     */
    async pruneSessions(now = new Date()): Promise<{ tokens: number; rotations: number }> {
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const expired = await RefreshTokenModel.deleteMany({ expiresAt: { $lt: now } });
      const revoked = await RefreshTokenModel.deleteMany({ revokedAt: { $lt: dayAgo } });
      const rotations = await RefreshRotationModel.deleteMany({ at: { $lt: new Date(now.getTime() - deps.refreshTtlDays * 86_400_000) } });
      return { tokens: expired.deletedCount + revoked.deletedCount, rotations: rotations.deletedCount };
    },

    async me(user: AuthUser): Promise<User> {
      const record = await UserModel.findById(new Types.ObjectId(user.id)).lean<UserRecord>();
      if (!record) throw new AppError('AUTH.USER_NOT_FOUND');
      return toUser(record);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
