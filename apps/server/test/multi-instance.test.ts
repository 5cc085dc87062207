import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { backupInstallation, restoreInstallation } from '../src/db/backup.ts';
import { type DatabaseHandle, openDatabase, withDefaultUser } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { appendAudit, auditKeyMatchesChain, verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { auditKey, useAuditKey } from '../src/modules/audit/audit-key.ts';
import { findUnitDepartmentByName } from '../src/modules/departments/departments.service.ts';
import type { DefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import type { EvidenceStorage } from '../src/modules/progress/storage/evidence-storage.ts';
import { openEvidenceStorage, type StorageConfig } from '../src/modules/progress/storage/open-evidence-storage.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { AttachmentStore } from '../src/modules/whistleblowing/attachment-store.ts';
import { WhistleKey } from '../src/modules/whistleblowing/identity-crypto.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';
import { multipart } from './multipart.ts';

/**
 * Several app instances on one database (issue 16 item 4): the shared file stores (database table, S3-compatible
 * bucket on an s3rver this suite starts itself), evidence uploaded through instance 1 and downloaded through
 * instance 3, the audit chain written by two instances at once, migrations and start-up run once.
 */

const PASSWORD = 'correct-horse-battery';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF-photo-MARKER-77')]);

function tinyPdf(marker: string): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
  objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>');
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n% ${marker}\n`;
  return Buffer.from(body, 'latin1');
}

async function bytesOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

type Kind = 'local' | 'database' | 's3';

describeEachDatabase('several instances, shared file storage', (get, dialect) => {
  let s3: S3rver;
  let s3Dir: string;
  let s3Endpoint: string;
  const scratch: string[] = [];
  const extraHandles: DatabaseHandle[] = [];
  let scope: DefaultScope;

  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'duban-inst-'));
    scratch.push(d);
    return d;
  };

  function storageConfig(kind: Kind, dataDir: string): StorageConfig {
    return {
      ...loadConfig({}),
      DATA_DIR: dataDir,
      DUBAN_STORAGE: kind,
      DUBAN_S3_ENDPOINT: s3Endpoint,
      DUBAN_S3_BUCKET: 'duban',
      DUBAN_S3_PREFIX: `${dialect}/`,
      DUBAN_S3_ACCESS_KEY_ID: 'S3RVER',
      DUBAN_S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
  }

  /** Instance n: its own connection pool (instance 1 uses the suite's), data directory and file store. */
  function instanceDb(n: number): DatabaseHandle {
    if (n === 1) return get().handle;
    const h = openDatabase(get().url);
    extraHandles.push(h);
    return h;
  }

  beforeAll(async () => {
    s3Dir = mkdtempSync(join(tmpdir(), 'duban-s3rver-'));
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'duban' }],
    });
    const info = await s3.run();
    s3Endpoint = `http://127.0.0.1:${info.port}`;
    const { db } = get().handle;
    scope = await setupScope(db);
    await importBytes(db, scope, seedBytes());
    const dept = await findUnitDepartmentByName(db, scope.orgUnitId, '应急管理部');
    if (!dept) throw new Error('no department');
    await createUser(
      db,
      { actor: 'test', orgUnitId: scope.orgUnitId },
      {
        username: 'dept_a',
        displayName: 'dept_a',
        role: 'department',
        departmentId: dept.id,
        isHead: false,
        password: PASSWORD,
      },
    );
  });

  afterAll(async () => {
    for (const h of extraHandles) await h.close();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  for (const kind of ['local', 'database', 's3'] as const) {
    it(`${kind} store: content-addressed put/has/get, staged commit, discard, delete`, async () => {
      const storage = openEvidenceStorage(storageConfig(kind, tempDir()), get().handle.db);
      const bytes = Buffer.from(`evidence ${kind} ${randomBytes(8).toString('hex')}`);
      const a = await storage.put(bytes);
      expect(a.size).toBe(bytes.length);
      expect(await storage.put(bytes)).toEqual(a);
      expect(await storage.has(a.sha256)).toBe(true);
      expect(await storage.has('0'.repeat(64))).toBe(false);
      expect((await bytesOf(await storage.get(a.sha256))).equals(bytes)).toBe(true);
      await expect(storage.get('1'.repeat(64))).rejects.toThrow();
      const big = randomBytes(300_000);
      const staged = await storage.stage?.(Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
      if (!staged) throw new Error('every store stages');
      expect(staged.head.subarray(0, 1000).equals(big.subarray(0, 1000))).toBe(true);
      const committed = await storage.commit?.(staged);
      expect(committed?.size).toBe(big.length);
      expect((await bytesOf(await storage.get(staged.sha256))).equals(big)).toBe(true);
      const dropped = await storage.stage?.(Readable.from([Buffer.from('never committed')]));
      if (!dropped) throw new Error('every store stages');
      await storage.discard?.(dropped);
      expect(await storage.has(dropped.sha256)).toBe(false);
      await storage.delete(a.sha256);
      expect(await storage.has(a.sha256)).toBe(false);
    });
  }

  async function threeInstances(kind: Kind) {
    const out: { app: FastifyInstance; dataDir: string; storage: EvidenceStorage }[] = [];
    for (const n of [1, 2, 3]) {
      const handle = instanceDb(n);
      const dataDir = tempDir();
      const storage = openEvidenceStorage(storageConfig(kind, dataDir), handle.db);
      const app = await buildApp({
        db: handle.db,
        dialect: handle.dialect,
        scope,
        secureCookies: false,
        dataDir,
        storage,
      });
      out.push({ app, dataDir, storage });
    }
    return out;
  }

  /** Signs in through instance 1, files a draft with one PDF and returns what instance 3 answers for it. */
  async function uploadOn1DownloadOn3(kind: Kind) {
    const [one, , three] = await threeInstances(kind);
    if (!one || !three) throw new Error('three instances');
    try {
      const login = await one.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'dept_a', password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = `duban_session=${login.cookies.find((c) => c.name === 'duban_session')?.value}`;
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
      const inbox = await three.app.inject({ method: 'GET', url: '/api/inbox?limit=200', headers });
      expect(inbox.statusCode, inbox.body).toBe(200);
      const used = new Set(
        (await get().handle.db.selectFrom('reports').select('occurrence_id').execute()).map((r) => r.occurrence_id),
      );
      const occ = (inbox.json().items as { id: number; latestReport: unknown }[]).find(
        (i) => i.latestReport === null && !used.has(i.id),
      );
      if (!occ) throw new Error('no fresh occurrence');
      const draft = await one.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers,
        payload: { occurrenceId: occ.id, text: `经由实例1上传（${kind}）`, workDate: todayInShanghai() },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const pdf = tinyPdf(`${kind}-${randomBytes(6).toString('hex')}`);
      const form = multipart({}, [{ field: 'file', filename: '现场照片说明.pdf', content: pdf }]);
      const up = await one.app.inject({
        method: 'POST',
        url: `/api/reports/${draft.json().id}/evidence`,
        payload: form.payload,
        headers: { ...headers, ...form.headers },
      });
      expect(up.statusCode, up.body).toBe(201);
      const evidenceId = (up.json().evidence as { id: number }[]).at(-1)?.id;
      const download = await three.app.inject({ method: 'GET', url: `/api/evidence/${evidenceId}`, headers });
      return { pdf, download, three };
    } finally {
      for (const inst of [one, three]) await inst.app.close();
    }
  }

  for (const kind of ['database', 's3'] as const) {
    it(`evidence uploaded through instance 1 downloads through instance 3 (${kind})`, async () => {
      const { pdf, download, three } = await uploadOn1DownloadOn3(kind);
      expect(download.statusCode, download.body).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);
      // Nothing of it sits on instance 3's disk: it came from the shared store.
      expect(readdirSync(three.dataDir).filter((f) => f !== 'staging')).not.toContain('evidence');
    });
  }

  it('control: with the local store, instance 3 cannot serve what instance 1 stored', async () => {
    const { download } = await uploadOn1DownloadOn3('local');
    expect(download.statusCode).not.toBe(200);
  });

  it("whistleblowers' attachments: encrypted through instance 1, opened through instance 3", async () => {
    const key = WhistleKey.fromConfig(randomBytes(32).toString('base64'), tempDir());
    for (const kind of ['database', 's3'] as const) {
      const one = new AttachmentStore(
        openEvidenceStorage(storageConfig(kind, tempDir()), get().handle.db),
        key,
        '/nonexistent',
      );
      const threeStorage = openEvidenceStorage(storageConfig(kind, tempDir()), instanceDb(3).db);
      const three = new AttachmentStore(threeStorage, key, '/nonexistent');
      const a = await one.put(Readable.from([JPEG]));
      expect(a.type.mime).toBe('image/jpeg');
      expect(await three.read(a.storageKey)).toEqual(JPEG);
      const stored = await bytesOf(await threeStorage.get(a.storageKey));
      expect(stored.includes(Buffer.from('MARKER-77'))).toBe(false);
      // The same photo twice is two objects (random IV: nothing to match it by).
      const b = await one.put(Readable.from([JPEG]));
      expect(b.storageKey).not.toBe(a.storageKey);
      await three.remove(b.storageKey);
      expect(await threeStorage.has(b.storageKey)).toBe(false);
    }
  });

  it('duban backup carries the database store (page by page); restore brings every file back', async () => {
    const storage = openEvidenceStorage(storageConfig('database', tempDir()), get().handle.db);
    const files = Array.from({ length: 45 }, (_, i) => randomBytes(1000 + i));
    const keys = await Promise.all(files.map((f) => storage.put(f)));
    const dir = join(tempDir(), 'backup');
    const manifest = await backupInstallation(get().handle, { dir, dataDir: tempDir(), databaseFile: null });
    const blobs = await get()
      .handle.db.selectFrom('evidence_blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(manifest.tables.evidence_blobs).toBe(Number(blobs.n));
    expect(manifest.tables.evidence_blobs).toBeGreaterThanOrEqual(45);
    // Into a new SQLite database (restore works across dialects).
    const target = openDatabase(`sqlite:${join(tempDir(), 'restored.db')}`);
    try {
      await restoreInstallation(target, { dir, dataDir: tempDir() });
      const restored = openEvidenceStorage(storageConfig('database', tempDir()), target.db);
      for (const [i, k] of keys.entries()) {
        expect((await bytesOf(await restored.get(k.sha256))).equals(files[i] as Buffer)).toBe(true);
      }
    } finally {
      await target.close();
    }
  });

  it('an instance whose audit.key differs from the chain is detected (main.ts warns at start)', async () => {
    const { db } = get().handle;
    const key = auditKey();
    expect(await auditKeyMatchesChain(db)).toBe(true);
    try {
      useAuditKey(randomBytes(32));
      expect(await auditKeyMatchesChain(db)).toBe(false);
    } finally {
      useAuditKey(key);
    }
  });

  // Two instances writing to one chain at once: PostgreSQL only (several instances need PostgreSQL; on SQLite one
  // process owns the file).
  it.skipIf(dialect === 'sqlite')('the audit chain stays one chain when two instances append at once', async () => {
    const pools = [get().handle, instanceDb(2)];
    const before = await verifyAuditChain(get().handle.db);
    expect(before.ok).toBe(true);
    await Promise.all(
      pools.flatMap((h, n) =>
        Array.from({ length: 25 }, (_, i) =>
          inTransaction(h.db, (trx) =>
            appendAudit(trx, {
              orgUnitId: scope.orgUnitId,
              actor: `instance-${n + 1}`,
              action: 'test.concurrent',
              entity: 'test',
              entityId: i,
            }),
          ),
        ),
      ),
    );
    const after = await verifyAuditChain(get().handle.db);
    expect(after.ok, after.reason ?? undefined).toBe(true);
    expect(after.checked).toBe(before.checked + 50);
  });

  it.skipIf(dialect === 'sqlite')(
    'three instances starting at once on an empty database: migrations and set-up run once',
    async () => {
      const name = `duban_start_${process.pid}_${randomBytes(3).toString('hex')}`;
      const adminUrl = withDefaultUser(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres');
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const dataDir = tempDir();
      const key = auditKey();
      try {
        const settled = await Promise.allSettled([1, 2, 3].map(() => prepareDatabase(url.toString(), dataDir)));
        const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        try {
          expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
          const migrated = started.flatMap((s) => s.migrated);
          const probe = started[0]?.handle.db;
          if (!probe) throw new Error('no instance');
          const rows = await probe
            .selectFrom('kysely_migration' as never)
            .selectAll()
            .execute();
          expect(migrated.length).toBe(rows.length);
          expect(new Set(migrated).size).toBe(migrated.length);
          expect(new Set(started.map((s) => s.scope.orgUnitId)).size).toBe(1);
          const units = await probe.selectFrom('org_units').select('code').execute();
          expect(units.length).toBe(new Set(units.map((u) => u.code)).size);
          const chain = await verifyAuditChain(probe);
          expect(chain.ok, chain.reason ?? undefined).toBe(true);
        } finally {
          for (const s of started) await s.handle.close();
        }
      } finally {
        // prepareDatabase loaded that data directory's key: back to this test process's key.
        useAuditKey(key);
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
