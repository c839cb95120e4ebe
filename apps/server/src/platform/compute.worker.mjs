// Worker thread of `computeOffThread` (compute.ts): loads the TypeScript sources through tsx, as
// bin/anxin.mjs does, calls the named export with the arguments and posts its result back.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const module = await import(workerData.module);
parentPort.postMessage(await module[workerData.exportName](...workerData.args));
