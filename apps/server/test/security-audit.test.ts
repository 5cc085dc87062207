import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { appendAudit, sealAuditChain, verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { describeEachDatabase } from './databases.ts';

/** Issue 9 item 6: truncation, whole deletion and rewriting with re-hashing are caught. */
describeEachDatabase('security: audit chain', (get) => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-seal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  let sealFile = '';

  async function fresh(db: Db, events = 8) {
    await db.deleteFrom('audit_checkpoints').execute();
    await db.deleteFrom('audit_events').execute();
    n += 1;
    sealFile = join(dir, `seal-${n}.json`);
    for (let i = 0; i < events; i += 1) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, {
          orgUnitId: null,
          actor: 'test',
          action: `t.${i}`,
          entity: 'x',
          entityId: i,
          after: { i },
        }),
      );
    }
  }
  const events = (db: Db) => db.selectFrom('audit_events').selectAll().orderBy('id').execute();

  beforeEach(async () => {
    await fresh(get().handle.db);
  });

  it('an intact chain verifies, with its seal', async () => {
    const { db } = get().handle;
    expect(await verifyAuditChain(db, { sealFile })).toMatchObject({ ok: true, checked: 8 });
    await sealAuditChain(db, sealFile);
    expect(await verifyAuditChain(db, { sealFile })).toMatchObject({ ok: true, checked: 8 });
  });

  it('catches tail deletion', async () => {
    const { db } = get().handle;
    const rows = await events(db);
    await db.deleteFrom('audit_events').where('id', '>', rows[5]!.id).execute();
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('末尾事件被删除');
  });

  it('catches tail deletion when the head checkpoint is deleted too', async () => {
    const { db } = get().handle;
    const rows = await events(db);
    await db.deleteFrom('audit_events').where('id', '>', rows[5]!.id).execute();
    await db.deleteFrom('audit_checkpoints').execute();
    expect((await verifyAuditChain(db)).reason).toContain('缺少链头检查点');
  });

  it('catches the whole chain deleted: by the head checkpoint, and by the seal outside the database', async () => {
    const { db } = get().handle;
    await sealAuditChain(db, sealFile);
    await db.deleteFrom('audit_events').execute();
    expect((await verifyAuditChain(db)).reason).toMatch(/全部被删除|已不在链中/);
    await db.deleteFrom('audit_checkpoints').where('kind', '=', 'seal').execute();
    expect((await verifyAuditChain(db)).reason).toContain('全部被删除');
    await db.deleteFrom('audit_checkpoints').execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 0 }); // nothing left in the database…
    const r = await verifyAuditChain(db, { sealFile }); // …but the seal in the data directory remembers
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('封存检查点');
  });

  it('catches an edited row with every later hash recomputed (without the key)', async () => {
    const { db } = get().handle;
    const rows = await events(db);
    let prev = rows[2]!.prev_hash;
    for (const row of rows.slice(2)) {
      const after = row.id === rows[2]!.id ? '{"i":"forged"}' : row.after;
      const fields = [
        prev,
        row.org_unit_id,
        row.occurred_at,
        row.actor,
        row.action,
        row.entity,
        row.entity_id,
        row.before,
        after,
      ];
      const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
      await db.updateTable('audit_events').set({ after, prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
    // Even with the head checkpoint moved to the forged head: its signature no longer matches.
    await db.updateTable('audit_checkpoints').set({ head_hash: prev }).where('kind', '=', 'head').execute();
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/签名不符/);
  });

  it('catches a forged seal file and a deleted middle row', async () => {
    const { db } = get().handle;
    await sealAuditChain(db, sealFile);
    const sealed = JSON.parse(readFileSync(sealFile, 'utf8'));
    writeFileSync(sealFile, JSON.stringify({ ...sealed, event_count: 3 }));
    expect((await verifyAuditChain(db, { sealFile })).reason).toContain('签名不符');
    const rows = await events(db);
    await db.deleteFrom('audit_events').where('id', '=', rows[3]!.id).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: rows[4]!.id });
  });
});
