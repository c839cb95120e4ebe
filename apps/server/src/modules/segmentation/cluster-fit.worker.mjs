// Worker thread of `fitClustersOffThread` (cluster-fit.ts): loads the TypeScript sources through tsx,
// as bin/anxin.mjs does, fits the clusters and posts them back.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { fitClusters } = await import('./cluster-fit.ts');
parentPort.postMessage({ candidates: fitClusters(workerData.points, workerData.options), threadId });
