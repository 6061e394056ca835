import { shanghaiClock, shanghaiDate } from './time';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-12-01（周二）10:00–10:30" in Asia/Shanghai. */
export function slotText(slot: { start: string; end: string }): string {
  const day = new Date(new Date(slot.start).getTime() + 8 * 3600_000).getUTCDay();
  return `${shanghaiDate(slot.start)}（周${weekdays[day]}）${shanghaiClock(slot.start)}–${shanghaiClock(slot.end)}`;
}
