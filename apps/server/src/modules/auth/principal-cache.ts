import type { Principal } from '../../core/principal.ts';

/**
 * Session id hash → principal, kept in process for a few seconds so that a read (a polling task table, dashboard)
 * does not cost the two lookups of the session and its user on every request (issue 10 item 7).
 *
 * What it guarantees:
 * - On the instance where it happens, signing out, a password change and a password reset take effect at once:
 *   auth.service forgets the session (or every session of the user) after the write commits. A lookup that was
 *   already running when something was forgotten does not store its (possibly older) answer (`generation`).
 * - A session's own expiry is checked on every hit.
 * - Anything done elsewhere — on another instance, by the CLI, or straight in the database (a disabled account,
 *   a deleted session, a changed role) — is seen within `ttlMs` (5 s): an entry is never served older than that.
 * - Bounded: at most `maxEntries` sessions, the least recently stored dropped first.
 * API tokens are not cached (machine clients; their expiry and revocation stay immediate everywhere).
 */
export interface CachedSession {
  principal: Principal;
  csrfToken: string;
  /** The session's own expiry (ISO). */
  expiresAt: string;
}

interface Entry extends CachedSession {
  userId: number;
  storedAt: number;
}

export const PRINCIPAL_CACHE_TTL_MS = 5_000;

export class PrincipalCache {
  readonly #entries = new Map<string, Entry>();
  #generation = 0;

  constructor(
    readonly ttlMs = PRINCIPAL_CACHE_TTL_MS,
    readonly maxEntries = 10_000,
    readonly clock: () => number = Date.now,
  ) {}

  /** The cached session, if stored less than ttlMs ago and not expired at `nowIso`. */
  get(idHash: string, nowIso: string): CachedSession | null {
    const entry = this.#entries.get(idHash);
    if (!entry) return null;
    if (this.clock() - entry.storedAt >= this.ttlMs || entry.expiresAt <= nowIso) {
      this.#entries.delete(idHash);
      return null;
    }
    return entry;
  }

  /** Taken before a lookup and handed to `set`: an answer older than the last `forget…` is not stored. */
  generation(): number {
    return this.#generation;
  }

  set(idHash: string, userId: number, session: CachedSession, generation: number): void {
    if (generation !== this.#generation) return;
    this.#entries.delete(idHash);
    this.#entries.set(idHash, { ...session, userId, storedAt: this.clock() });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  forgetSession(idHash: string): void {
    this.#generation++;
    this.#entries.delete(idHash);
  }

  forgetUser(userId: number): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) if (entry.userId === userId) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** One cache per database handle (one per app instance; tests' databases do not share entries). */
const caches = new WeakMap<object, PrincipalCache>();

export function principalCacheOf(db: object): PrincipalCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new PrincipalCache();
    caches.set(db, cache);
  }
  return cache;
}
