import type { FastifyInstance } from 'fastify';

/**
 * The read-model version as last read from the database, reused for a moment (issue 10 item 7): a cached read
 * (task table, dashboard, statistics) then costs no query at all, where it used to cost one lookup per request.
 *
 * What it guarantees:
 * - A write in this process is seen by the next read: noteWrite (every audited write, inside its transaction)
 *   and the end of every non-GET request (after its transaction committed) forget every leased version. A lookup
 *   that was running when they did does not store its answer (`generation`).
 * - A write by another instance or process is seen within `LEASE_MS` (1 s): a lease is never used longer.
 * The only thing that can be up to LEASE_MS late on this instance: a read that ran *during* a write that was not
 * an HTTP request (the reminder scheduler, a CLI command in this process) and finished before it committed.
 */
export const LEASE_MS = 1_000;

let generation = 0;

/** Every lease ends (all databases in this process: a write is rare, a lookup cheap). */
export function forgetLeasedVersions(): void {
  generation++;
}

export class VersionLease {
  readonly #entries = new Map<string, { version: number; at: number; generation: number }>();

  constructor(
    readonly leaseMs = LEASE_MS,
    readonly clock: () => number = Date.now,
  ) {}

  async version(key: string, lookup: () => Promise<number>): Promise<number> {
    const entry = this.#entries.get(key);
    if (entry && entry.generation === generation && this.clock() - entry.at < this.leaseMs) return entry.version;
    const started = generation;
    const version = await lookup();
    if (started === generation) this.#entries.set(key, { version, at: this.clock(), generation: started });
    return version;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request that may write forgets the leases when its reply is about to be sent — after its handler, so after
 * its transaction committed — and before the client can ask again (app.ts registers this once).
 */
export function registerVersionLease(app: FastifyInstance): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!READS.has(request.method)) forgetLeasedVersions();
    return payload;
  });
}

const leases = new WeakMap<object, VersionLease>();

/** One lease table per database handle (one per app instance). */
export function leaseOf(db: object): VersionLease {
  let lease = leases.get(db);
  if (!lease) {
    lease = new VersionLease();
    leases.set(db, lease);
  }
  return lease;
}
