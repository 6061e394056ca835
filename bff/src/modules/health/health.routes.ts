import mongoose from 'mongoose';
import { healthContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';

async function databaseAnswers(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  const timeout = new Promise<false>((ok) => setTimeout(() => ok(false), timeoutMs).unref());
  const ping = db.admin().command({ ping: 1 }, { timeoutMS: timeoutMs }).then(() => true, () => false);
  return Promise.race([ping, timeout]);
}

export function healthRoutes(version: string) {
  return [
    bind(c.health, async (_input, ctx) => {
      const up = await databaseAnswers(1000);
      ctx.status = up ? 200 : 503;
      return { status: up ? 'ok' : 'degraded', db: up ? 'up' : 'down', version } as const;
    }),
  ];
}
