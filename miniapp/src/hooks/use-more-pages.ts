import { useEffect, useState } from 'react';
import { messageOf } from '../api/api-error';

export interface Page<T> { items: T[]; nextCursor: string | null }

interface Later<T> { items: T[]; nextCursor: string | null; busy: boolean; problem: string }

export interface MorePages<T> {
  /** The first page's items, then every page loaded after it. */
  items: T[];
  /** Where the next page starts; null at the end. */
  cursor: string | null;
  busy: boolean;
  /** The Chinese message of a page that failed to load (tapping "加载更多" again retries it). */
  problem: string;
  loadMore(): void;
}

/**
 * "加载更多" paging after a first page loaded elsewhere (`useResource`): keeps the later pages, starts over when the first
 * page is replaced (a reload, a new search).
 */
export function useMorePages<T>(first: Page<T> | null, fetchPage: (cursor: string) => Promise<Page<T>>): MorePages<T> {
  const [later, setLater] = useState<Later<T> | null>(null);
  useEffect(() => setLater(null), [first]);
  const cursor = later ? later.nextCursor : first?.nextCursor ?? null;

  const loadMore = () => {
    if (!cursor) return;
    setLater((l) => ({ items: l?.items ?? [], nextCursor: cursor, busy: true, problem: '' }));
    fetchPage(cursor).then(
      (page) => setLater((l) => ({ items: [...(l?.items ?? []), ...page.items], nextCursor: page.nextCursor, busy: false, problem: '' })),
      (err: unknown) => setLater((l) => ({ items: l?.items ?? [], nextCursor: cursor, busy: false, problem: messageOf(err) })),
    );
  };

  return { items: [...(first?.items ?? []), ...(later?.items ?? [])], cursor, busy: later?.busy ?? false, problem: later?.problem ?? '', loadMore };
}
