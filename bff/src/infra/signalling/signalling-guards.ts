/**
 * The limits one signalling client cannot step past: sockets per address (counted from the upgrade on, so a flood of
 * upgrades waiting on ticket checks counts too), sockets per user, and messages per socket (a token bucket).
 */
export interface SignallingLimits {
  /** Open or upgrading sockets from one client address. */
  socketsPerAddress: number;
  /** Open sockets of one user (a reconnection briefly holds two). */
  socketsPerUser: number;
  /** Messages a socket may send at once, and per second after that. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Messages that are not JSON of the protocol before the socket is closed. */
  badMessages: number;
}

export const defaultLimits: SignallingLimits = {
  socketsPerAddress: 50, socketsPerUser: 4, messageBurst: 200, messagesPerSecond: 50, badMessages: 10,
};

/** Counts holders of a key (an address, a user); `take` refuses past the limit, `release` gives one back. */
export class Counter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly limit: number) {}
  take(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.limit) return false;
    this.counts.set(key, n + 1);
    return true;
  }
  release(key: string) {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}

/** A socket's message budget: full at first, refilled continuously. */
export function messageBucket(limits: SignallingLimits, now = () => Date.now()) {
  let tokens = limits.messageBurst;
  let updated = now();
  return {
    /** False when this message is over the rate. */
    spend(): boolean {
      const t = now();
      tokens = Math.min(limits.messageBurst, tokens + ((t - updated) / 1000) * limits.messagesPerSecond);
      updated = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
