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

export async function verifyAccessToken(keys: TokenKeys, token: string): Promise<AuthUser> {
  try {
    const { payload } = await jwtVerify(token, keys.secret, { issuer: 'ycta', algorithms: ['HS256'] });
    return {
      id: String(payload.sub),
      role: payload.role as Role,
      subjectId: (payload.sub_id as string | null) ?? null,
      username: String(payload.name),
    };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new AppError('AUTH.TOKEN_EXPIRED');
    throw new AppError('AUTH.TOKEN_INVALID');
  }
}

/** Reads `Authorization: Bearer …` and verifies it; every non-public route runs this. */
export function bearerAuthenticator(keys: TokenKeys) {
  return async (ctx: Context): Promise<AuthUser> => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match?.[1]) throw new AppError('AUTH.REQUIRED');
    const user = await verifyAccessToken(keys, match[1]);
    ctx.state.user = user;
    return user;
  };
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
