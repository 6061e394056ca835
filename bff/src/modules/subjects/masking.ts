import { createHash } from 'node:crypto';

/** `460100199001011234` → `4601**********1234`: the first and last four kept, the rest starred. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** For lookups by an ID or phone number without storing it in clear. */
export function lookupHash(value: string): string {
  return createHash('sha256').update(`ycta-subject:${value.trim().toUpperCase()}`).digest('hex');
}
