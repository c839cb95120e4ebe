import { Worker } from 'node:worker_threads';

/**
 * Calls an exported function of a module in a worker thread and resolves with its result. For
 * seconds of pure computation — k-means, fitting a model — that would otherwise hold the server's
 * event loop, and every other request of the process, for as long. The arguments and the result
 * are copied between threads (structured clone): plain data only, no classes (an error comes back
 * as a plain Error). Starting the worker costs ≈ 0.3–0.5 s (it loads the sources), so this is for
 * work of a second and more.
 */
export function computeOffThread<T>(module: URL, exportName: string, args: readonly unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./compute.worker.mjs', import.meta.url), { workerData: { module: module.href, exportName, args } });
    let answered = false;
    worker.once('message', (result: T) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the worker computing ${exportName} stopped (exit code ${code}) without an answer`));
    });
  });
}
