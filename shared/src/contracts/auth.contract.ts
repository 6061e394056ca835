import { z } from 'zod';
import { defineContract } from '../contract';
import { Role } from '../roles';

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  subjectId: z.string().nullable(),
  /** The department of a department inspector or reviewer; absent for everyone else. */
  departmentCode: z.string().optional(),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const WechatLoginBody = z.object({ code: z.string().min(1).max(128) });
export const PasswordLoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const DevLoginBody = z.object({ username: z.string().min(1).max(64) });
export const RefreshBody = z.object({ refreshToken: z.string().min(10).max(512) });

export const authContract = defineContract({
  wechatLogin: {
    method: 'POST', path: '/auth/wechat', summary: '微信登录（code2Session）', auth: 'public',
    body: WechatLoginBody, responses: { 200: Session },
    errors: ['AUTH.WECHAT_FAILED', 'AUTH.WECHAT_CODE_INVALID'],
  },
  passwordLogin: {
    method: 'POST', path: '/auth/password', summary: '账号密码登录（工作人员）', auth: 'public',
    body: PasswordLoginBody, responses: { 200: Session }, errors: ['AUTH.BAD_CREDENTIALS', 'AUTH.LOCKED'],
  },
  devLogin: {
    method: 'POST', path: '/auth/dev', summary: '开发登录（仅在明确启用时）', auth: 'public',
    body: DevLoginBody, responses: { 200: Session }, errors: ['AUTH.DEV_LOGIN_DISABLED', 'AUTH.USER_NOT_FOUND'],
  },
  refresh: {
    method: 'POST', path: '/auth/refresh', summary: '刷新登录', auth: 'public',
    body: RefreshBody, responses: { 200: Session }, errors: ['AUTH.TOKEN_INVALID'],
  },
  logout: {
    method: 'POST', path: '/auth/logout', summary: '退出登录（吊销刷新令牌）', auth: 'public',
    body: RefreshBody, responses: { 204: z.null() },
  },
  me: {
    method: 'GET', path: '/me', summary: '当前用户', auth: ['applicant', 'inspector', 'expert', 'staff', 'admin', 'dept_reviewer'],
    responses: { 200: User },
  },
});
