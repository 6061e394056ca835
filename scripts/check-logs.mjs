#!/usr/bin/env node
// After the test run: the JSON logs of every test app must hold no token, ticket, ID number or phone number.
import { readFileSync, existsSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(`[logs] no log file at ${file}: the test harness wrote nothing`);
  process.exit(1);
}
const patterns = [
  ['a JWT', /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a bearer header', /Bearer\s+[A-Za-z0-9._-]{20,}/],
  ['a Chinese ID number', /(?<![\w.-])\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\w)/],
  // delimited so that hex ids and timestamps do not match
  ['a mobile phone number', /(?<![\w.-])1[3-9]\d{9}(?!\w)/],
  ['a ticket or token field with a value', /"(ticket|token|accessToken|refreshToken|password)":"(?!\[redacted\])[^"]{6,}"/],
];
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let bad = 0;
for (const [i, line] of lines.entries()) {
  for (const [what, re] of patterns) {
    if (re.test(line)) {
      bad++;
      if (bad <= 10) console.error(`[logs] line ${i + 1} holds ${what}: ${line.slice(0, 300)}`);
    }
  }
}
console.log(`[logs] ${lines.length} log lines checked for tokens, tickets, ID and phone numbers: ${bad} found`);
process.exit(bad ? 1 : 0);
