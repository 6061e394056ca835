import type { CallEvents } from './types';

/** A tiny typed event emitter: what each call implementation reports to the page. */
export class CallEmitter {
  private listeners = new Map<keyof CallEvents, Set<(...args: never[]) => void>>();

  on<K extends keyof CallEvents>(event: K, listener: CallEvents[K]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (...args: never[]) => void);
    return () => { set.delete(listener as (...args: never[]) => void); };
  }

  emit<K extends keyof CallEvents>(event: K, ...args: Parameters<CallEvents[K]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as unknown as (...a: Parameters<CallEvents[K]>) => void)(...args);
  }
}
