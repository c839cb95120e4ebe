import { Worker } from 'node:worker_threads';
import type { TErrorCode } from '@anxin/contracts';
import { DomainError, type RuledFieldError } from './errors.ts';

type Answer<T> = { ok: true; value: T } | { ok: false; name?: string; message: string; code?: TErrorCode; errors?: RuledFieldError[]; extra?: Record<string, unknown> };

/**
 * Calls an exported function of a module in a worker thread and resolves with its result. For
 * seconds of pure computation — k-means, fitting a model — that would otherwise hold the server's
 * event loop, and every other request of the process, for as long. The arguments and the result
 * are copied between threads (structured clone): plain data only, no classes. A DomainError the
 * function throws is thrown again here with its code, fields and extra; any other error as an Error
 * with its message. Starting the worker costs ≈ 0.3–0.5 s (it loads the sources), so this is for
 * work of a second and more.
 */
export function computeOffThread<T>(module: URL, exportName: string, args: readonly unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./compute.worker.mjs', import.meta.url), { workerData: { module: module.href, exportName, args } });
    let answered = false;
    worker.once('message', (answer: Answer<T>) => {
      answered = true;
      if (answer.ok) resolve(answer.value);
      else reject(answer.name === 'DomainError' && answer.code ? new DomainError(answer.code, answer.message, answer.errors ?? [], answer.extra ?? {}) : new Error(answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the worker computing ${exportName} stopped (exit code ${code}) without an answer`));
    });
  });
}
