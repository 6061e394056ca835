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
  /** With a room pass: when it expires (absolute, fixed at its first issue). */
  roomPassExpiresAt?: Date;
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

/** How long a room pass lasts at most: a call and its reconnections, not a working day. */
export const roomPassTtlSeconds = 2 * 60 * 60;

/**
 * When a room pass expires. A pass rejoining gets its own expiry again, never a later one, so a forwarded link dies
 * on time however often it is used. A new pass (a signed-in join) lasts two hours, and not past the booked slot's
 * end; a call already running past its slot gets the two hours alone (joins are then still allowed).
 */
export function roomPassExpiry(now: Date, slotEnd: Date | null | undefined, heldPassExpiresAt?: Date): Date {
  if (heldPassExpiresAt) return heldPassExpiresAt;
  const longest = now.getTime() + roomPassTtlSeconds * 1000;
  const end = slotEnd && slotEnd.getTime() > now.getTime() ? Math.min(longest, slotEnd.getTime()) : longest;
  return new Date(Math.floor(end / 1000) * 1000);
}

/** The inspection-scoped token a join answer carries (see `RoomPass` in the shared contracts). */
export async function signRoomPass(keys: TokenKeys, user: AuthUser, inspectionId: string, expiresAt: Date, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const expiresAtSeconds = Math.floor(expiresAt.getTime() / 1000);
  const token = await new SignJWT({ role: user.role, sub_id: user.subjectId, name: user.username, room: inspectionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setIssuer('ycta')
    .setExpirationTime(expiresAtSeconds)
    .sign(keys.secret);
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}

export async function verifyAccessToken(keys: TokenKeys, token: string): Promise<AuthUser> {
  try {
    const { payload } = await jwtVerify(token, keys.secret, { issuer: 'ycta', algorithms: ['HS256'] });
    return {
      id: String(payload.sub),
      role: payload.role as Role,
      subjectId: (payload.sub_id as string | null) ?? null,
      username: String(payload.name),
      ...(typeof payload.room === 'string' ? { roomOf: payload.room, roomPassExpiresAt: new Date(Number(payload.exp) * 1000) } : {}),
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
