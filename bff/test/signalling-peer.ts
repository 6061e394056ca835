import WebSocket from 'ws';

/** A signalling client that keeps every message it got and can wait for one of a type. */
export class Peer {
  readonly messages: { type: string; [k: string]: unknown }[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number } | null = null;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => { this.messages.push(JSON.parse(String(d))); this.waiters.forEach((w) => w()); });
    ws.on('close', (code) => { this.closed = { code }; this.waiters.forEach((w) => w()); });
  }
  static async open(url: string): Promise<Peer> {
    const ws = new WebSocket(url);
    const peer = new Peer(ws);
    await new Promise<void>((ok, fail) => { ws.once('open', () => ok()); ws.once('error', fail); });
    return peer;
  }
  send(msg: object) { this.ws.send(JSON.stringify(msg)); }
  async next(type: string, timeoutMs = 5000): Promise<{ type: string; [k: string]: unknown }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex((m) => m.type === type);
      if (i >= 0) return this.messages.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((ok) => { this.waiters.push(ok); setTimeout(ok, 50); });
      this.waiters = [];
    }
  }
  async closedWith(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
    return this.closed?.code ?? -1;
  }
}
