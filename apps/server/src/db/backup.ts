import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { DatabaseHandle, Db, DialectName } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Backup and restore of a whole installation, the same on SQLite and PostgreSQL (and across them):
 *   <dir>/manifest.json   format, time, source dialect, applied migrations, row count per table
 *   <dir>/tables/<t>.jsonl one JSON object per row, in id order (binary columns as {"$bytes": base64})
 *   <dir>/files/          the data directory (evidence files, audit key and seals, whistle key and files),
 *                         without the SQLite database file itself
 * The dump is read inside one transaction, so it is a consistent snapshot even while the server runs.
 * Restore needs an EMPTY database (no zone, account or audit event) of the same schema version (it migrates a new
 * one first; rows the migrations seed are replaced by the backup's) and copies the files back into the data directory; rows keep their ids (PostgreSQL sequences are moved past them).
 */
export const BACKUP_FORMAT = 'duban-backup';
const BATCH = 200;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  dialect: DialectName;
  migrations: string[];
  tables: Record<string, number>;
}

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: backup reads and writes every table by name
type AnyDb = Db & { selectFrom(t: string): any; insertInto(t: string): any };

async function userTables(db: Db, dialect: DialectName): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !t.name.startsWith('kysely_') && (dialect === 'sqlite' || t.schema === 'public'))
    .map((t) => t.name)
    .sort();
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Table → tables it references (foreign keys), to insert parents first. */
async function foreignKeys(db: Db, dialect: DialectName, tables: string[]): Promise<Map<string, Set<string>>> {
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  if (dialect === 'sqlite') {
    for (const t of tables) {
      const r = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      for (const x of r.rows) if (x.table !== t) deps.get(t)?.add(x.table);
    }
  } else {
    const r = await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`.execute(db);
    for (const x of r.rows) if (x.child !== x.parent) deps.get(x.child)?.add(x.parent);
  }
  return deps;
}

function parentsFirst(tables: string[], deps: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of deps.get(t) ?? []) if (tables.includes(p)) visit(p, path);
    path.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

function encode(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v;
  }
  return out;
}

function decode(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] =
      v !== null && typeof v === 'object' && '$bytes' in v
        ? Buffer.from(String((v as { $bytes: string }).$bytes), 'base64')
        : v;
  }
  return out;
}

async function hasIdColumn(db: Db, table: string): Promise<boolean> {
  const meta = (await db.introspection.getTables()).find((t) => t.name === table);
  return meta?.columns.some((c) => c.name === 'id') ?? false;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Tables without an id read page by page along their key (the shared file store: one row can be 20 MB). */
const PAGED_BY_KEY: Record<string, string> = { evidence_blobs: 'sha256' };

/**
 * Writes a table as JSON lines: page by page along `key` (ascending, so the order is the id order as before), else
 * whole; a page is written out (waiting for the file to drain) before the next is read, so memory stays bounded.
 */
async function dumpTable(db: AnyDb, table: string, key: string | null, path: string): Promise<number> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  failed.catch(() => {}); // observed through the race below and the final end
  const write = async (line: string) => {
    if (!out.write(line)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
  };
  let n = 0;
  if (key === null) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Row[];
    for (const r of rows) await write(`${JSON.stringify(encode(r))}\n`);
    n = rows.length;
  } else {
    const page = key === 'id' ? 2000 : 20;
    let after: unknown = null;
    for (;;) {
      let q = db.selectFrom(table).selectAll().orderBy(key).limit(page);
      if (after !== null) q = q.where(key, '>', after);
      const rows = (await q.execute()) as Row[];
      for (const r of rows) await write(`${JSON.stringify(encode(r))}\n`);
      n += rows.length;
      if (rows.length < page) break;
      after = rows[rows.length - 1]?.[key];
    }
  }
  await new Promise<void>((resolvePromise, reject) => {
    out.once('error', reject);
    out.end(() => resolvePromise());
  });
  return n;
}

export async function backupInstallation(
  handle: DatabaseHandle,
  options: { dir: string; dataDir: string; databaseFile: string | null; now?: Date },
): Promise<BackupManifest> {
  const dir = resolve(options.dir);
  if (!isEmptyDir(dir)) throw new Error(`备份目录 ${dir} 不是空目录`);
  mkdirSync(join(dir, 'tables'), { recursive: true });
  const { db, dialect } = handle;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: (options.now ?? new Date()).toISOString(),
    dialect,
    migrations: [],
    tables: {},
  };
  let tx = db.transaction();
  if (dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  await tx.execute(async (trx) => {
    manifest.migrations = await appliedMigrations(trx);
    for (const table of await userTables(trx, dialect)) {
      const key = (await hasIdColumn(trx, table)) ? 'id' : (PAGED_BY_KEY[table] ?? null);
      manifest.tables[table] = await dumpTable(
        trx as unknown as AnyDb,
        table,
        key,
        join(dir, 'tables', `${table}.jsonl`),
      );
    }
  });
  // The data directory (evidence, keys, seals), without the SQLite database that was just dumped.
  const dataDir = resolve(options.dataDir);
  if (existsSync(dataDir)) {
    const skip = options.databaseFile ? resolve(options.databaseFile) : null;
    await cp(dataDir, join(dir, 'files'), {
      recursive: true,
      filter: (src) => {
        if (resolve(src) === resolve(dir) || resolve(src).startsWith(`${resolve(dir)}/`)) return false;
        if (!skip) return true;
        const s = resolve(src);
        return s !== skip && s !== `${skip}-wal` && s !== `${skip}-shm` && s !== `${skip}-journal`;
      },
    });
  } else {
    mkdirSync(join(dir, 'files'));
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const path = join(resolve(dir), 'manifest.json');
  if (!existsSync(path)) throw new Error(`${dir} 不是督办备份目录（缺少 manifest.json）`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT || m.version !== 1) throw new Error(`${path} 不是本版本可读的督办备份`);
  return m;
}

async function* readLines(path: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.trim() !== '') yield decode(JSON.parse(line) as Row);
}

export async function restoreInstallation(
  handle: DatabaseHandle,
  options: { dir: string; dataDir: string },
): Promise<{ tables: Record<string, number> }> {
  const dir = resolve(options.dir);
  const manifest = readManifest(dir);
  const { db, dialect } = handle;
  await migrateToLatest(db);
  const ours = await appliedMigrations(db);
  const unknown = manifest.migrations.filter((m) => !ours.includes(m));
  if (unknown.length > 0) throw new Error(`备份来自更新的版本（本版本没有迁移 ${unknown.join(', ')}），请先升级督办`);
  const missing = ours.filter((m) => !manifest.migrations.includes(m));
  if (missing.length > 0) {
    throw new Error(`备份来自较旧的版本（缺少迁移 ${missing.join(', ')}）：请用备份时的版本恢复，再升级`);
  }
  const tables = await userTables(db, dialect);
  for (const t of Object.keys(manifest.tables)) {
    if (!tables.includes(t)) throw new Error(`备份中的表 ${t} 在本数据库中不存在`);
  }
  // Empty = no zone, no account, no audit event; rows the migrations themselves seed are replaced by the backup's.
  for (const t of ['org_units', 'users', 'audit_events'].filter((x) => tables.includes(x))) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    if (Number(r.rows[0]?.n ?? 0) > 0) throw new Error(`目标数据库不是空的（表 ${t} 已有数据）：请恢复到一个新数据库`);
  }
  // Files first: the audit key in the backup is the one its audit chain was signed with.
  const files = join(dir, 'files');
  if (existsSync(files)) {
    mkdirSync(resolve(options.dataDir), { recursive: true });
    await cp(files, resolve(options.dataDir), { recursive: true, force: true });
  }
  const order = parentsFirst(
    tables.filter((t) => t in manifest.tables),
    await foreignKeys(db, dialect, tables),
  );
  const restored: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const anyTrx = trx as unknown as AnyDb;
    for (const table of [...order].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    for (const table of order) {
      let batch: Row[] = [];
      let n = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await anyTrx.insertInto(table).values(batch).execute();
        n += batch.length;
        batch = [];
      };
      const path = join(files, '..', 'tables', `${table}.jsonl`);
      if (existsSync(path)) {
        for await (const row of readLines(path)) {
          batch.push(row);
          if (batch.length >= (table in PAGED_BY_KEY ? 10 : BATCH)) await flush();
        }
      }
      await flush();
      if (n !== manifest.tables[table])
        throw new Error(`表 ${table}: 备份记录 ${manifest.tables[table]} 行，读到 ${n} 行`);
      restored[table] = n;
      if (dialect === 'postgres' && n > 0 && (await hasIdColumn(trx, table))) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
          trx,
        );
      }
    }
  });
  return { tables: restored };
}

/** The SQLite database file of a URL, to leave out of the files copy. */
export function sqliteFileOf(databaseUrl: string): string | null {
  return databaseUrl.startsWith('sqlite:') ? resolve(databaseUrl.slice('sqlite:'.length)) : null;
}

export function describeBackup(m: BackupManifest): string {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return `${Object.keys(m.tables).length} 张表，${rows} 行（${m.dialect}，${m.createdAt}）`;
}
