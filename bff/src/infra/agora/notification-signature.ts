import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Agora's notification service signs each callback with the secret set in its console: `Agora-Signature-V2` is the
 * hex HMAC-SHA256 of the raw request body (`Agora-Signature`, HMAC-SHA1, is the older form). Checked on the bytes
 * as received, before any parsing, in constant time.
 */
export function agoraSignatureValid(rawBody: string | Buffer, signatureV2: string | undefined, secret: string): boolean {
  if (!secret || !signatureV2 || !/^[0-9a-f]{64}$/i.test(signatureV2)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signatureV2, 'hex'));
}

export function signAgoraNotification(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
