// The receipt-password lane's thread (see receipt-hash-lane.ts). Plain JavaScript, so it starts without tsx.
// On Linux a thread's nice value is its own: this lowers only this thread, never the request thread.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';

let nice = 0;
try {
  setPriority(0, workerData.nice);
  nice = workerData.nice;
} catch {
  // Not allowed here (another platform or a sandbox): the lane still runs one hash at a time.
}
parentPort.postMessage({ ready: true, nice });

parentPort.on('message', ({ id, op, password, hash }) => {
  try {
    const value = op === 'hash' ? hashSync(password) : verifySync(hash, password);
    parentPort.postMessage({ id, ok: true, value });
  } catch {
    // A malformed stored hash verifies as false, as the async verify's rejection did.
    parentPort.postMessage({ id, ok: op === 'verify', value: false });
  }
});
