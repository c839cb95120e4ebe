// Worker thread of `computeOffThread` (compute.ts): loads the TypeScript sources through tsx, as
// bin/anxin.mjs does, calls the named export with the arguments and posts back its result, or the
// error it threw (a DomainError with its code, fields and extra, for the caller to throw again).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const module = await import(workerData.module);
  parentPort.postMessage({ ok: true, value: await module[workerData.exportName](...workerData.args) });
} catch (error) {
  const { name, message, code, errors, extra } = error instanceof Error ? error : { message: String(error) };
  parentPort.postMessage({ ok: false, name, message, code, errors, extra });
}
