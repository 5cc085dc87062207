import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';

/**
 * Computed read models (the task table, the dashboard) kept in process, per app instance, as the bytes to send:
 * the JSON once serialised, its ETag, and the brotli/gzip bodies made once on first use. An entry is keyed by
 * what it was computed for (unit, list, as-of date, scope) AND the unit's read-model version from the database
 * (read-model-versions.repository.ts), so a write on any instance makes every instance compute afresh; old
 * versions simply stop being asked for and age out (least recently used first).
 */
export interface CachedBody {
  etag: string;
  json: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export class ReadModelCache {
  readonly #entries = new Map<string, Promise<CachedBody>>();
  #hits = 0;
  #misses = 0;

  constructor(readonly maxEntries = 256) {}

  /**
   * The cached body for `key` at `version`, computing it once (concurrent askers share the computation). A failed
   * computation is not kept.
   */
  get(key: string, version: number, compute: () => Promise<unknown>): Promise<CachedBody> {
    const full = `${version}\u0000${key}`;
    const hit = this.#entries.get(full);
    if (hit) {
      this.#hits++;
      this.#entries.delete(full); // re-insert: Map order is the LRU order
      this.#entries.set(full, hit);
      return hit;
    }
    this.#misses++;
    const made = compute().then((value) => toBody(value));
    this.#entries.set(full, made);
    made.catch(() => {
      if (this.#entries.get(full) === made) this.#entries.delete(full);
    });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return made;
  }

  stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }
}

function toBody(value: unknown): CachedBody {
  const json = Buffer.from(JSON.stringify(value));
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { etag, json };
}

/** The body in the encoding the client prefers (br, then gzip, else none), compressed once and kept. */
export function encodedBody(
  body: CachedBody,
  acceptEncoding: string | undefined,
): { encoding: string | null; bytes: Buffer } {
  const accept = acceptEncoding ?? '';
  if (body.json.length < 1024) return { encoding: null, bytes: body.json };
  if (/\bbr\b/.test(accept)) {
    // Quality 4, as the app-wide compression: 5 made a province dashboard (150 kB of JSON) 15 % smaller but cost
    // 1.3 ms at best and tens of ms on a loaded machine (window and memory grow at 5), all on the cache miss.
    body.br ??= brotliCompressSync(body.json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
    return { encoding: 'br', bytes: body.br };
  }
  if (/\bgzip\b/.test(accept)) {
    body.gzip ??= gzipSync(body.json, { level: 6 });
    return { encoding: 'gzip', bytes: body.gzip };
  }
  return { encoding: null, bytes: body.json };
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === mine);
}
