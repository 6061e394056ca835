import { z } from 'zod';
import { defineContract } from '../contract';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['up', 'down']),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const healthContract = defineContract({
  health: {
    method: 'GET',
    path: '/health',
    summary: '进程与数据库状态',
    auth: 'public',
    responses: { 200: HealthResponse, 503: HealthResponse },
  },
});
