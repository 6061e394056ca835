import { createHash, randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';
import type { TicketHolder } from './signalling-server';

/**
 * One-time tickets for the signalling WebSocket: bound to an inspection and a user, short-lived, stored only as
 * their SHA-256 so a database dump holds none. Redeeming is one conditional update, so a ticket opens one socket.
 */
const ticketSchema = new Schema({
  hash: { type: String, required: true, unique: true },
  inspectionId: { type: String, required: true },
  userId: { type: String, required: true },
  role: { type: String, required: true },
  displayName: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
}, { timestamps: true });

export const SignallingTicketModel = model('SignallingTicket', ticketSchema, 'signalling_tickets');

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export async function issueTicket(holder: TicketHolder, ttlSeconds: number, now = new Date()): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await SignallingTicketModel.create({ ...holder, hash: hashOf(ticket), expiresAt });
  return { ticket, expiresAt };
}

export async function redeemTicket(ticket: string, now = new Date()): Promise<TicketHolder | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return null;
  const doc = await SignallingTicketModel.findOneAndUpdate(
    { hash: hashOf(ticket), usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<TicketHolder & { inspectionId: string }>();
  return doc ? { inspectionId: doc.inspectionId, userId: doc.userId, role: doc.role, displayName: doc.displayName } : null;
}
