// Worker entry: loads TypeScript through tsx (as `node --import tsx` does for the main thread), then the worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
