import { parseRange } from './media.range';

describe('parseRange over a 1000-byte file', () => {
  it.each([
    ['no header', undefined, null],
    ['the first byte', 'bytes=0-0', { start: 0, end: 0 }],
    ['the first 100 bytes', 'bytes=0-99', { start: 0, end: 99 }],
    ['a middle slice', 'bytes=400-599', { start: 400, end: 599 }],
    ['from an offset to the end', 'bytes=900-', { start: 900, end: 999 }],
    ['an end past the size', 'bytes=990-5000', { start: 990, end: 999 }],
    ['a suffix of 10', 'bytes=-10', { start: 990, end: 999 }],
    ['a suffix longer than the file', 'bytes=-5000', { start: 0, end: 999 }],
    ['a start at the size', 'bytes=1000-', 'unsatisfiable'],
    ['an end before the start', 'bytes=500-400', 'unsatisfiable'],
    ['a zero suffix', 'bytes=-0', 'unsatisfiable'],
    ['several ranges', 'bytes=0-1,5-6', 'unsatisfiable'],
    ['another unit', 'items=0-1', 'unsatisfiable'],
    ['no numbers', 'bytes=-', 'unsatisfiable'],
  ])('when %s, then %j', (_name, header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
