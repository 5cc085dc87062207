import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DatabaseHandle, type DialectName, openDatabase, withDefaultUser } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { useAuditKey } from '../src/modules/audit/audit-key.ts';

// The audit chain's HMAC key (main.ts and the CLI load it from DATA_DIR/audit.key): one random key per test process.
useAuditKey(randomBytes(32));

/**
 * The dialect loop: every test that touches the database runs on SQLite and on PostgreSQL.
 * PostgreSQL is at TEST_DATABASE_URL (default postgres://127.0.0.1:5432/postgres); each suite creates
 * its own database and drops it afterwards. When PostgreSQL cannot be reached the suite FAILS under CI=true
 * and fails loudly otherwise too, unless DUBAN_ALLOW_NO_PG=1 is set, which skips it with a banner.
 */
const TEST_DATABASE_URL = withDefaultUser(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres');

export interface TestDatabase {
  handle: DatabaseHandle;
  url: string;
  /** A scratch directory for files (evidence storage), removed with the database. */
  dataDir: string;
}

async function createPostgresDatabase(): Promise<TestDatabase & { drop(): Promise<void> }> {
  const name = `duban_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `\n\n!!! PostgreSQL is not reachable at ${TEST_DATABASE_URL}: ${(error as Error).message}\n` +
        '!!! The PostgreSQL half of the database tests cannot run. Start it with\n' +
        '!!!   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        '!!! or set TEST_DATABASE_URL. (DUBAN_ALLOW_NO_PG=1 skips it outside CI.)\n',
    );
  }
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-pgdata-'));
  return {
    handle,
    url: url.toString(),
    dataDir,
    async drop() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

function createSqliteDatabase(): TestDatabase & { drop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  const url = `sqlite:${join(dir, 'test.db')}`;
  const handle = openDatabase(url);
  return {
    handle,
    url,
    dataDir: join(dir, 'files'),
    async drop() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresSkipped(): boolean {
  return process.env.CI !== 'true' && process.env.DUBAN_ALLOW_NO_PG === '1';
}

/** Runs `body` once per dialect with a freshly migrated database; `get()` returns it inside tests. */
export function describeEachDatabase(title: string, body: (get: () => TestDatabase, dialect: DialectName) => void) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const run = dialect === 'postgres' && postgresSkipped() ? describe.skip : describe;
    if (run === describe.skip) console.error(`\n!!! SKIPPING PostgreSQL suite "${title}" (DUBAN_ALLOW_NO_PG=1)\n`);
    run(`${title} [${dialect}]`, () => {
      let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = dialect === 'postgres' ? await createPostgresDatabase() : createSqliteDatabase();
        await migrateToLatest(current.handle.db);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      }, dialect);
    });
  }
}
