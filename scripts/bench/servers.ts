/**
 * Baseline servers for the API benchmark, run as a child process so load and server sit on different cores:
 * `tsx servers.ts http|koa|devnull <port>`.
 */
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import Koa from 'koa';

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);

if (kind === 'http') {
  createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"hello":"world"}');
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else if (kind === 'koa') {
  const app = new Koa();
  app.use((ctx) => { ctx.body = { hello: 'world' }; });
  app.listen(port, '127.0.0.1', () => process.send?.('ready'));
} else if (kind === 'devnull') {
  // the upload baseline: every request body piped to /dev/null, then 201
  createServer((req, res) => {
    req.pipe(createWriteStream('/dev/null')).on('finish', () => {
      res.statusCode = 201;
      res.end('{}');
    });
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else {
  throw new Error(`unknown baseline ${kind}`);
}
