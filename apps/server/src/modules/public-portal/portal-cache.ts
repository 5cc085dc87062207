import type { Db } from '../../db/database.ts';
import { currentVersion } from '../read-models/read-models.service.ts';

/**
 * The portal's pages are the same for every reader: each is rendered once per unit read-model version (raised by
 * every audited write, so a published article or a new listed hazard shows at once) and at most every `ttlMs`,
 * then served from memory. Readers in bulk thus cost a version lookup, not queries and rendering.
 */
export class PortalCache {
  private readonly entries = new Map<string, { version: number; at: number; value: unknown }>();
  constructor(
    private readonly db: Db,
    private readonly orgUnitId: number,
    private readonly ttlMs = 30_000,
  ) {}

  async get<T>(key: string, build: () => Promise<T>): Promise<T> {
    const version = await currentVersion(this.db, this.orgUnitId);
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.version === version && now - hit.at < this.ttlMs) return hit.value as T;
    const value = await build();
    this.entries.set(key, { version, at: now, value });
    return value;
  }
}
