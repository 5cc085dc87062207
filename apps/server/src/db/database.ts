import { chmodSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /** A printable location without credentials. */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count/sum) and numeric as strings: convert them here, in one place.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** Runs a compiled read statement and gives each row as the array of its column values, in the select's order. */
export type ArrayRowsRunner = (query: CompiledQuery) => Promise<unknown[][]>;
const arrayRunners = new WeakMap<Db, ArrayRowsRunner>();

/** How `selectArrays` runs statements on `db` (openDatabase sets it for the handles it opens). */
export function setArrayRowsRunner(db: Db, run: ArrayRowsRunner): void {
  arrayRunners.set(db, run);
}

/**
 * A read statement's rows as arrays rather than objects, for the few statements that return thousands of rows
 * (the dashboard's groups): the driver builds no object per row, with a property store per column (pg `rowMode:
 * 'array'`, better-sqlite3 `.raw()`). The same SQL, parameters and type parsers as through Kysely. A handle that
 * openDatabase did not open (a transaction, a Kysely made elsewhere) runs it through Kysely, each row's values in
 * column order.
 */
export async function selectArrays(db: Db, query: CompiledQuery): Promise<unknown[][]> {
  const run = arrayRunners.get(db);
  if (run) return run(query);
  const { rows } = await db.executeQuery(query);
  return rows.map((row) => Object.values(row as object));
}

export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new Error('DATABASE_URL: sqlite: 后缺少文件路径 (missing file path after sqlite:)');
    return { dialect: 'sqlite', target: path };
  }
  throw new Error(`DATABASE_URL 无法识别: 应为 postgres://… 或 sqlite:<路径> (got "${url.split(':')[0]}:…")`);
}

/** libpq falls back to the OS user when a URL names none; node-postgres needs $USER for that, so fill it in. */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER ?? userInfo().username;
  return parsed.toString();
}

export function openDatabase(url: string): DatabaseHandle {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: withDefaultUser(target), max: 10 });
    // An idle connection the server ends (restart, failover, a dropped test database) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL 空闲连接出错: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // Outside a transaction any pooled connection will do, as for Kysely's own queries.
    setArrayRowsRunner(
      db,
      async (q) => (await pool.query({ text: q.sql, values: [...q.parameters], rowMode: 'array' })).rows,
    );
    const location = target.replace(/\/\/[^@/]*@/, '//***@');
    return { db, dialect, location, close: () => db.destroy() };
  }
  const path = target === ':memory:' ? target : resolve(target);
  // The data directory 0700 and the database file 0600 (its -wal/-shm files inherit the file's mode).
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(path);
  if (path !== ':memory:') chmodSync(path, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  // Run while holding Kysely's one connection, so it waits for an open transaction as Kysely's own queries do.
  setArrayRowsRunner(db, (q) =>
    db.connection().execute(
      async () =>
        sqlite
          .prepare(q.sql)
          .raw(true)
          .all(...q.parameters) as unknown[][],
    ),
  );
  return { db, dialect, location: path, close: () => db.destroy() };
}
