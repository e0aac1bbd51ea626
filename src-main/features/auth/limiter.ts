// A concurrency limit with a bounded queue: work beyond it is refused at once instead of piling up.

export type Release = () => void;

export class Limiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** Work items that got a slot since the start (for health figures and tests). */
  started = 0;

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Whether `tryAcquire` would refuse now. */
  get full(): boolean {
    return this.running >= this.limit && this.queue.length >= this.maxWaiting;
  }

  get idle(): boolean {
    return this.running === 0 && this.queue.length === 0;
  }

  /**
   * A slot now or once one frees up; null when the queue is full. The decision is synchronous, so a caller can
   * refuse (and record nothing) before its first await.
   */
  tryAcquire(): Promise<Release> | null {
    if (this.running < this.limit) {
      this.running++;
      this.started++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.maxWaiting) return null;
    return new Promise<Release>((resolve) => {
      this.queue.push(() => {
        this.started++;
        resolve(this.releaser());
      });
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // The slot passes straight to the next in line, so `running` never drops below the queue's demand.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }
}
