/** Logger subset the background tasks need (Fastify's logger fits). */
export interface TaskLog {
  info: (o: object, m: string) => void;
  error: (o: object, m: string) => void;
}

/**
 * Runs an idempotent background task now and then every `everyMs`, never two at once in this
 * process. Tasks must be safe to run in several processes at the same time (conditional updates),
 * since nothing here elects a single runner. Failures are logged without details that could carry
 * personal data, and retried on the next tick. Returns a function that stops it.
 */
export function repeatTask(name: string, task: () => Promise<number>, everyMs: number, log: TaskLog): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const changed = await task();
      if (changed > 0) log.info({ task: name, changed }, `${name}: ${changed} changed`);
    } catch (error) {
      log.error({ task: name, err: error instanceof Error ? { message: error.message } : {} }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
