/**
 * Runs at most `slots` tasks at once; later ones wait in arrival order. A finishing task hands its slot straight to
 * the next waiter, so the limit holds even when new tasks arrive in between.
 */
export function concurrencyLimit(slots: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < slots) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
