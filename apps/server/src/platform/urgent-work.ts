/**
 * Work a waiting person needs before the next worker pass: a portal sign-in code is queued through
 * the outbox, and the in-process worker passes only every `ANXIN_JOBS_EVERY_SECONDS` (30 s by
 * default) — a customer would wait that long for the text. A request that queued such work asks
 * for it (`request`) once its transaction has committed; the process's worker, when it runs one,
 * has said what to do (`handleWith`: publish the outbox and deliver due messages). Without a worker
 * in this process asking does nothing: the process that runs `anxin jobs run` delivers at its pass.
 *
 * Never two runs at once here: a request during a run makes one more run after it (all requests
 * made meanwhile share it). The work must be safe beside the regular pass and other processes
 * (outbox events and messages are claimed with SKIP LOCKED).
 */
export class UrgentWork {
  private handler: (() => Promise<void>) | null = null;
  private current: Promise<void> | null = null;
  private again = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Set once the process runs due work (the composition root starts its worker); null: none here. */
  handleWith(handler: (() => Promise<void>) | null): void {
    this.handler = handler;
  }

  /** Whether asking does anything: this process runs due work. */
  get handled(): boolean {
    return this.handler !== null;
  }

  /** Runs the work soon, after `startAfter` (a request's answer: see `answered`). Never throws. */
  request(startAfter?: Promise<unknown>): void {
    if (!this.handler) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = (async () => {
      await startAfter?.catch(() => undefined);
      do {
        this.again = false;
        try {
          await this.handler!();
        } catch (error) {
          this.onError(error);
        }
      } while (this.again);
    })().finally(() => (this.current = null));
  }

  /** Resolves once no run is going on (closing the app waits for it). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's urgent work (the composition root gives it its handler when it starts a worker). */
    urgentWork: UrgentWork;
  }
}
