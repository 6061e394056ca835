import { createHash, randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';
import type { TicketHolder } from './signalling-server';
import { isDuplicateKey } from '../db';

/**
 * One-time tickets for the signalling WebSocket: bound to an inspection and a user, short-lived, stored only as
 * their SHA-256 (the `_id`, so a lookup is a lone `_id` match) so a database dump holds none. Redeeming inserts the
 * hash into `signalling_ticket_uses`: a unique `_id` lets exactly one of any number of racing upgrades win, on
 * MongoDB and on the embedded FerretDB, whose conditional updates are not atomic.
 */
const ticketSchema = new Schema({
  _id: { type: String, required: true },
  // also written as `hash`: stores made before the `_id` keying keep a unique index on it (a missing value collides)
  hash: { type: String, required: true },
  inspectionId: { type: String, required: true },
  userId: { type: String, required: true },
  role: { type: String, required: true },
  displayName: { type: String, required: true },
  expiresAt: { type: Date, required: true },
}, { timestamps: true });

export const SignallingTicketModel = model('SignallingTicket', ticketSchema, 'signalling_tickets');

const TicketUseModel = model('SignallingTicketUse', new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
}), 'signalling_ticket_uses');

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export async function issueTicket(holder: TicketHolder, ttlSeconds: number, now = new Date()): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await SignallingTicketModel.create({ ...holder, _id: hashOf(ticket), hash: hashOf(ticket), expiresAt });
  return { ticket, expiresAt };
}

export async function redeemTicket(ticket: string, now = new Date()): Promise<TicketHolder | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return null;
  const hash = hashOf(ticket);
  const doc = await SignallingTicketModel.findById(hash).lean<TicketHolder & { expiresAt: Date }>();
  if (!doc || doc.expiresAt <= now) return null;
  try {
    await TicketUseModel.create({ _id: hash, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
  return { inspectionId: doc.inspectionId, userId: doc.userId, role: doc.role, displayName: doc.displayName };
}
