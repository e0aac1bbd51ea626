// In-process publish/subscribe for push events, fanned out to IPC windows or SSE streams.
import type { PushMessage } from '../../src-shared/events';

export class Bus {
  private readonly listeners = new Set<(msg: PushMessage) => void>();

  publish = (msg: PushMessage): void => {
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch {
        // A broken subscriber (a closed stream) must not stop the others.
      }
    }
  };

  subscribe(listener: (msg: PushMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
