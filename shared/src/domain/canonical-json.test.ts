import { createHash } from 'node:crypto';
import { canonicalJson, CanonicalJsonError, toCanonicalData } from './canonical-json';
import vectorFile from './canonical-json.vectors.json';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonical JSON', () => {
  it.each(vectorFile.vectors.map((v) => [v.name, v] as const))('when the vector "%s" is written, then it matches byte for byte', (_name, v) => {
    const canonical = canonicalJson(JSON.parse(v.input));
    expect(canonical).toBe(v.canonical);
    expect(sha256(canonical)).toBe(v.sha256);
    if ('eventHash' in v) {
      const event = JSON.parse(v.input) as { prevHash: string };
      expect(sha256(event.prevHash + canonical)).toBe(v.eventHash);
    }
  });

  it('when a canonical text is parsed and written again, then nothing changes', () => {
    for (const v of vectorFile.vectors) expect(canonicalJson(JSON.parse(v.canonical))).toBe(v.canonical);
  });

  const rejected: Record<string, unknown> = {
    NaN: NaN,
    Infinity: [Infinity],
    'lone high surrogate': '\ud800',
    'lone low surrogate in a key': { '\udc00': 1 },
    'undefined in an array': [undefined],
    BigInt: BigInt(1),
    'invalid date': new Date(NaN),
    Map: new Map(),
  };
  it.each(vectorFile.rejected.map((r) => [r.name] as const))('when the value is %s, then it is refused', (name) => {
    expect(name in rejected).toBe(true);
    expect(() => canonicalJson(rejected[name])).toThrow(CanonicalJsonError);
  });

  it('when a nested value is refused, then the error names where it is', () => {
    expect(() => canonicalJson({ payload: { readings: [1, NaN] } })).toThrow('at $.payload.readings[1]');
  });

  it('when values are JavaScript-only, then dates become ISO UTC strings, toJSON objects their JSON and undefined members vanish', () => {
    const objectIdLike = new (class ObjectIdLike { toJSON() { return '6750a1b2c3d4e5f601234567'; } })();
    const text = canonicalJson({ at: new Date(Date.UTC(2026, 10, 29, 3, 4, 5, 6)), id: objectIdLike, gone: undefined, zero: -0, f: () => 1 });
    expect(text).toBe('{"at":"2026-11-29T03:04:05.006Z","id":"6750a1b2c3d4e5f601234567","zero":0}');
  });

  it('when a paired surrogate is written, then it stays one literal character', () => {
    expect(canonicalJson('😀')).toBe('"😀"');
  });

  it('when data is made canonical, then it holds only JSON types', () => {
    expect(toCanonicalData({ at: new Date(0), n: -0, list: [{ b: 1, a: undefined }] })).toEqual({ at: '1970-01-01T00:00:00.000Z', n: 0, list: [{ b: 1 }] });
  });
});
