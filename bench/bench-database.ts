import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  type DatabaseHandle,
  type DialectName,
  openDatabase,
  withDefaultUser,
} from '../apps/server/src/db/database.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { useAuditKey } from '../apps/server/src/modules/audit/audit-key.ts';

// The audit chain's HMAC key: a throwaway one for benchmark databases.
useAuditKey(randomBytes(32));

/** A fresh, migrated database for one run: a SQLite temp file or `bench_<random>` on PostgreSQL. */
export interface BenchDatabase {
  handle: DatabaseHandle;
  dialect: DialectName;
  /** PostgreSQL connection string, or the SQLite file path. */
  target: string;
  /** Scratch directory (SQLite file, evidence storage). */
  dir: string;
  drop(): Promise<void>;
}

export const BENCH_DATABASE_URL = withDefaultUser(
  process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres',
);

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Drops the bench database. pg-pool's end() resolves before its sockets are closed, and `with (force)` would
 * terminate such a closing connection, which the pool then reports as an unhandled error: wait for them instead.
 */
async function dropPostgresDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await adminQuery(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(`drop database if exists ${name} with (force)`);
}

export async function createBenchDatabase(dialect: DialectName): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  if (dialect === 'sqlite') {
    const file = join(dir, 'bench.db');
    const handle = openDatabase(`sqlite:${file}`);
    await migrateToLatest(handle.db);
    return {
      handle,
      dialect,
      target: file,
      dir,
      async drop() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    await dropPostgresDatabase(name);
    throw error;
  }
  return {
    handle,
    dialect,
    target: url.toString(),
    dir,
    async drop() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
      await dropPostgresDatabase(name);
    },
  };
}

/**
 * A province database generated earlier and kept (`--province-db bench_xxx`: generation takes 80 s on a quiet
 * machine and a quarter of an hour on a loaded one). Migrated to the latest schema; the bench accounts of an
 * earlier run are removed so startBenchApp can create them again. The database is kept afterwards.
 */
export async function openKeptProvince(name: string): Promise<BenchDatabase> {
  if (!/^bench_[0-9a-f]+$/.test(name)) throw new Error('--province-db takes a bench_<hex> database name');
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  const bench = await handle.db
    .selectFrom('users')
    .select('id')
    .where('username', 'in', ['bench-office', 'bench-department'])
    .execute();
  const ids = bench.map((u) => u.id);
  if (ids.length > 0) {
    await handle.db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
    await handle.db.deleteFrom('users').where('id', 'in', ids).execute();
  }
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  return {
    handle,
    dialect: 'postgres',
    target: url.toString(),
    dir,
    async drop() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
