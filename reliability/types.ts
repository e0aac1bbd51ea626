// The shape of one part of `npm run reliability`: a named scenario that runs on loopback within its time budget and returns figures.

export interface ReliabilityContext {
  /** A fresh temporary folder for this part (databases, files); removed after the run. */
  tmpDir: string;
  /** Milliseconds this part may take; a part scales its loops to fit. */
  budgetMs: number;
  /** `--quick`: the short version used by `npm test` (counts and ratios, never wall-clock limits). */
  quick: boolean;
  log(msg: string): void;
}

export interface Figure {
  /** What was measured, in a few words: «kill -9 during writes: rounds». */
  figure: string;
  /** The value as printed: `120`, `p99 12.3 ms`, `0 lost / 0 doubled`. */
  value: string;
  /** The promise it is held to, e.g. `p99 ≤ 50 ms`; empty when informative. */
  target?: string;
  /** Whether the target was met; undefined when there is no target. */
  met?: boolean;
}

export interface ReliabilityPart {
  /** Short name, used by `--only`. */
  name: string;
  /** One line for the table's heading: what this part does and how it was run. */
  describe: string;
  /** Share of the whole run's budget (default 1). */
  weight?: number;
  run(ctx: ReliabilityContext): Promise<Figure[]>;
}
