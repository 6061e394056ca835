const pad = (n: number) => String(n).padStart(2, '0');

/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function shanghaiDate(iso: string): string {
  return shanghaiTime(iso).slice(0, 10);
}

export function shanghaiClock(iso: string): string {
  return shanghaiTime(iso).slice(11);
}
