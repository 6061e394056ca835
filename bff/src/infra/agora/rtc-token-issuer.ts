import { createHash } from 'node:crypto';
import { RtcRole, RtcTokenBuilder } from 'agora-token';
import { AppError } from '../../lib/app-error';

export interface AgoraConfig {
  appId: string;
  appCertificate: string;
  /** Seconds a token (and its privileges) stays valid; Agora allows at most 24 h. */
  tokenTtlSeconds: number;
}

export interface AgoraCredentials {
  appId: string;
  channel: string;
  uid: number;
  token: string;
  expiresAt: Date;
  canPublish: boolean;
}

/** One channel per inspection: the id is 24 hex characters, well inside Agora's 64-byte channel-name alphabet. */
export const channelOf = (inspectionId: string) => `ycta-${inspectionId}`;

/** A stable uid per user: the first 31 bits of sha256(userId), never 0 (0 asks Agora to pick one). */
export function agoraUidOf(userId: string): number {
  const n = createHash('sha256').update(userId).digest().readUInt32BE(0) & 0x7fffffff;
  return n === 0 ? 1 : n;
}

export function agoraConfigured(config: AgoraConfig): boolean {
  return Boolean(config.appId && config.appCertificate);
}

/**
 * Issues AccessToken2 tokens for an inspection's channel: publishers (applicant, inspectors, experts) may send audio,
 * video and data; subscribers (staff observing) may only join and receive.
 */
export function createRtcTokenIssuer(config: AgoraConfig) {
  return {
    configured: agoraConfigured(config),
    issue(inspectionId: string, userId: string, canPublish: boolean, now = new Date()): AgoraCredentials {
      if (!agoraConfigured(config)) throw new AppError('RTC.AGORA_NOT_CONFIGURED');
      const channel = channelOf(inspectionId);
      const uid = agoraUidOf(userId);
      const ttl = Math.min(config.tokenTtlSeconds, 24 * 3600);
      const role = canPublish ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;
      const token = RtcTokenBuilder.buildTokenWithUid(config.appId, config.appCertificate, channel, uid, role, ttl, ttl);
      // agora-token answers '' instead of throwing when the App ID or certificate is not 32 hex characters
      if (!token) {
        throw new AppError('RTC.AGORA_NOT_CONFIGURED', { message: '声网 App ID 或 App 证书格式不正确（应为 32 位十六进制），请联系管理员' });
      }
      return { appId: config.appId, channel, uid, token, expiresAt: new Date(now.getTime() + ttl * 1000), canPublish };
    },
  };
}
export type RtcTokenIssuer = ReturnType<typeof createRtcTokenIssuer>;
