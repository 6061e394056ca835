import type { ServerMessage } from '@ycta/shared/contracts/signalling.contract';
import type { JoinAnswer } from './types';

export type { ServerMessage };

// `closeCodes` of the shared contract, repeated: this chunk takes only types from that file, to keep zod out of it
const closeReplaced = 4000;
const closeRemoved = 4001;
const maxAttempts = 7;

/**
 * The control socket of a call (both modes): presence, admission, stills, and SDP/ICE relay in local mode.
 * Heartbeat every 10 s; on an unexpected close it fetches new credentials (`join()`) and reconnects with backoff.
 */
export class SignallingChannel {
  private ws: WebSocket | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private closedByUs = false;
  private attempts = 0;

  constructor(
    private readonly inspectionId: string,
    private readonly join: () => Promise<JoinAnswer>,
    private readonly onMessage: (msg: ServerMessage) => void,
    /** `reconnecting`: trying again with fresh credentials; `ended`: closed for good; `failed`: gave up reconnecting. */
    private readonly onLost: (state: 'reconnecting' | 'ended' | 'failed') => void,
  ) {}

  connect(answer: JoinAnswer): void {
    const ws = new WebSocket(`${answer.wsUrl}?ticket=${encodeURIComponent(answer.ticket)}`);
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      ws.send(JSON.stringify({ type: 'join', inspectionId: this.inspectionId }));
      this.heartbeat = setInterval(() => this.send({ type: 'heartbeat' }), 10_000);
    };
    ws.onmessage = (e) => this.onMessage(JSON.parse(String(e.data)) as ServerMessage);
    ws.onclose = (e) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      if (this.ws !== ws || this.closedByUs || e.code === closeReplaced || e.code === closeRemoved || e.code >= 4400) {
        if (this.ws === ws && !this.closedByUs) this.onLost('ended');
        return;
      }
      this.onLost('reconnecting');
      void this.reconnect();
    };
  }

  private async reconnect(): Promise<void> {
    // a refused socket (a used ticket after Back/Forward) or a drop: fetch a fresh ticket by joining again at once,
    // then back off; after ~45 s of failures say so and let the person retry
    if (this.attempts >= maxAttempts) { this.onLost('failed'); return; }
    const delay = this.attempts === 0 ? 0 : Math.min(1000 * 2 ** (this.attempts - 1), 15_000);
    this.attempts++;
    await new Promise((ok) => setTimeout(ok, delay));
    if (this.closedByUs) return;
    try {
      this.connect(await this.join());
    } catch {
      void this.reconnect();
    }
  }

  send(msg: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  close(): void {
    this.closedByUs = true;
    this.send({ type: 'leave' });
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ws?.close(1000);
  }
}
