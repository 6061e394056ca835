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

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** A calendar date (`YYYY-MM-DD`, already Asia/Shanghai) as people say it: `12月3日 周四`. */
export function shanghaiDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${weekdays[d.getUTCDay()]}`;
}

/** Older record texts carry instants as ISO strings (UTC): shown in Asia/Shanghai wherever they sit in a sentence. */
export function withLocalTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => shanghaiTime(iso));
}
