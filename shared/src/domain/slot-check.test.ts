import { slotProblems } from './slot-check';

// 2026-12-01 is a Tuesday; Shanghai is UTC+8
const now = new Date('2026-12-01T01:00:00.000Z'); // 09:00 Shanghai
const at = (local: string, minutes = 60) => {
  const start = new Date(`${local}:00+08:00`);
  return { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString() };
};

describe('slots an inspector offers', () => {
  it.each([
    ['a working-day slot in office hours', [at('2026-12-01T10:00')], [null]],
    ['a slot already past', [at('2026-12-01T08:30')], [{ text: '该时段已经过去，请选择以后的时间', blocks: true }]],
    ['a Saturday (a warning only)', [at('2026-12-05T10:00')], [{ text: '该日不是工作日', blocks: false }]],
    ['an evening slot', [at('2026-12-01T17:30')], [{ text: '不在工作时间（08:00–18:00）内', blocks: false }]],
    ['an early slot', [at('2026-12-02T07:30')], [{ text: '不在工作时间（08:00–18:00）内', blocks: false }]],
    ['two overlapping slots', [at('2026-12-01T10:00'), at('2026-12-01T10:30')], [{ text: '与第 2 个时段重叠', blocks: true }, { text: '与第 1 个时段重叠', blocks: true }]],
    ['back-to-back slots', [at('2026-12-01T10:00'), at('2026-12-01T11:00')], [null, null]],
  ])('when %s, then each slot has its problem or none', (_name, slots, expected) => {
    expect(slotProblems(slots, now)).toEqual(expected);
  });
});
