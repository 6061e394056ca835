/**
 * Canonical JSON: the one byte sequence a value hashes to in the inspection record (`ycta-canonical-json/1`).
 *
 * The output is JSON (RFC 8259) with no insignificant whitespace, built by these rules:
 * - `null`, `true`, `false` as themselves.
 * - Strings exactly as `JSON.stringify` writes them (ECMAScript QuoteJSONString: `"` `\` and U+0000–U+001F
 *   escaped, `\b \f \n \r \t` short forms, other control characters as lower-case `\u00XX`, everything else
 *   literal). Strings are NOT Unicode-normalised: the record hashes the exact text that was stored, so two
 *   spellings of one character (NFC "é" vs NFD "e\u0301") are two different facts. A caller that wants one form
 *   normalises before appending. A string holding a lone surrogate is rejected (it is not Unicode text and
 *   would not survive a database round trip unchanged).
 * - Numbers must be finite (NaN and ±Infinity are rejected); `-0` is written `0`; every other number as
 *   ECMAScript Number::toString writes it (`1`, `0.1`, `1e+21`, `1.5e-7`): the shortest text that reads back
 *   to the same double. BigInt is rejected.
 * - Arrays keep their order; an `undefined`, function or symbol element is rejected (JSON would silently turn it
 *   into `null`).
 * - Objects: members whose value is `undefined`, a function or a symbol are dropped; the others are sorted by key,
 *   comparing keys as sequences of UTF-16 code units (plain `<` on JS strings, not locale order), and written as
 *   `"key":value` separated by `,`.
 * - A `Date` is written as the string of its `toISOString()` (UTC, milliseconds: `2026-11-29T03:04:05.006Z`);
 *   an invalid date is rejected.
 * - Any other non-plain object with a `toJSON()` method (a database ObjectId, for instance) is replaced by what
 *   `toJSON()` returns, then canonicalised; other class instances (Map, Set, Buffer without toJSON…) are rejected.
 *
 * `canonical-json.vectors.json` beside this file holds fixed input/output pairs any other implementation can
 * check itself against.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

export class CanonicalJsonError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`canonical JSON: ${reason} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function writeString(text: string, path: string): string {
  if (loneSurrogate.test(text)) throw new CanonicalJsonError(path, 'string holds a lone surrogate');
  return JSON.stringify(text);
}

function writeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError(path, `number ${String(n)} is not finite`);
  return Object.is(n, -0) ? '0' : String(n);
}

function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean': return value ? 'true' : 'false';
    case 'string': return writeString(value, path);
    case 'number': return writeNumber(value, path);
    case 'object': break;
    default: throw new CanonicalJsonError(path, `${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => {
      if (isDropped(item)) throw new CanonicalJsonError(`${path}[${i}]`, 'array element is undefined');
      return write(item, `${path}[${i}]`);
    }).join(',')}]`;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(path, 'invalid date');
    return writeString(value.toISOString(), path);
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return write(toJSON.call(value), path);
    throw new CanonicalJsonError(path, 'object is not plain JSON data');
  }
  const record = value as Record<string, unknown>;
  // default sort compares UTF-16 code units, which is what the spec asks for
  const keys = Object.keys(record).filter((k) => !isDropped(record[k])).sort();
  return `{${keys.map((k) => `${writeString(k, `${path}.${k}`)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
}

/** The value as plain JSON data (what the record stores): `JSON.parse(canonicalJson(value))`. */
export function toCanonicalData<T = unknown>(value: unknown): T {
  return JSON.parse(canonicalJson(value)) as T;
}
