import { z } from 'zod';

export const ObjectId = z.string().regex(/^[0-9a-f]{24}$/, '必须是 24 位十六进制编号');
export const IdParams = z.object({ id: ObjectId });
export const IsoDateTime = z.iso.datetime({ offset: true });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
