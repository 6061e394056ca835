import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Context } from 'koa';
import type { Role } from '@ycta/shared';
import { AppError } from '../../lib/app-error';

export interface AuthUser {
  id: string;
  role: Role;
  subjectId: string | null;
  username: string;
  /** Set when the request came with a room pass: the one inspection whose call routes it may use. */
  roomOf?: string;
}

export interface TokenKeys {
  secret: Uint8Array;
  accessTtlSeconds: number;
}

export function tokenKeys(jwtSecret: string, accessTtlSeconds: number): TokenKeys {
  return { secret: new TextEncoder().encode(jwtSecret), accessTtlSeconds };
}

export async function signAccessToken(keys: TokenKeys, user: AuthUser): Promise<string> {
  return new SignJWT({ role: user.role, sub_id: user.subjectId, name: user.username })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt()
    .setIssuer('ycta')
    .setExpirationTime(`${keys.accessTtlSeconds}s`)
    .sign(keys.secret);
}

/** How long a room pass lasts: a call and its reconnections, not a working day. */
export const roomPassTtlSeconds = 2 * 60 * 60;

/** The inspection-scoped token a join answer carries (see `RoomPass` in the shared contracts). */
export async function signRoomPass(keys: TokenKeys, user: AuthUser, inspectionId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ role: user.role, sub_id: user.subjectId, name: user.username, room: inspectionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt(issuedAt)
    .setIssuer('ycta')
    .setExpirationTime(issuedAt + roomPassTtlSeconds)
    .sign(keys.secret);
  return { token, expiresAt: new Date((issuedAt + roomPassTtlSeconds) * 1000) };
}

export async function verifyAccessToken(keys: TokenKeys, token: string): Promise<AuthUser> {
  try {
    const { payload } = await jwtVerify(token, keys.secret, { issuer: 'ycta', algorithms: ['HS256'] });
    return {
      id: String(payload.sub),
      role: payload.role as Role,
      subjectId: (payload.sub_id as string | null) ?? null,
      username: String(payload.name),
      ...(typeof payload.room === 'string' ? { roomOf: payload.room } : {}),
    };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new AppError('AUTH.TOKEN_EXPIRED');
    throw new AppError('AUTH.TOKEN_INVALID');
  }
}

/**
 * Reads `Authorization: Bearer …` and verifies it; every non-public route runs this. A room pass is refused unless
 * the caller takes it (`roomPasses: 'allowed'`, the contract router, which then checks route and inspection).
 */
export function bearerAuthenticator(keys: TokenKeys, opts: { roomPasses: 'allowed' | 'refused' } = { roomPasses: 'refused' }) {
  return async (ctx: Context): Promise<AuthUser> => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match?.[1]) throw new AppError('AUTH.REQUIRED');
    const user = await verifyAccessToken(keys, match[1]);
    if (user.roomOf && opts.roomPasses === 'refused') throw roomPassRefused();
    ctx.state.user = user;
    return user;
  };
}

export const roomPassRefused = () => new AppError('AUTH.FORBIDDEN', { message: '视频链接的临时凭据只能用于本次视频踏勘，请登录后再试' });

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
