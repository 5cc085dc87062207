import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/database.ts';
import type { AuditCheckpointTable, AuditEventTable } from '../../db/schema.ts';
import { noteWrite } from '../read-models/read-models.service.ts';
import {
  type CheckpointRow,
  countAuditEvents,
  findHeadCheckpoint,
  insertAuditEvent,
  insertCheckpoint,
  lastAuditEvent,
  listAuditEvents,
  listCheckpoints,
  lockAuditChain,
  updateHeadCheckpoint,
} from './audit.repository.ts';
import { auditMac } from './audit-key.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  orgUnitId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /**
   * Whether the change can alter a cached read model of the unit (task table, dashboard, hazard statistics, public
   * portal); default true. The whistleblowing writes pass false: whistleblower records appear in none of them, and a
   * burst of public reports must not throw away the office's cached tables (a 查实 that creates a hazard is audited
   * as a hazard and does raise it).
   */
  touchesReadModels?: boolean;
}

type ChainedFields = Omit<AuditEventTable, 'id' | 'hash'>;

function canonical(e: ChainedFields): string {
  return JSON.stringify([
    e.prev_hash,
    e.org_unit_id,
    e.occurred_at,
    e.actor,
    e.action,
    e.entity,
    e.entity_id,
    e.before,
    e.after,
  ]);
}

/** An event's link: HMAC-SHA256 under the audit key (audit-key.ts) of its fields and the previous link. */
export function hashAuditEvent(e: ChainedFields): string {
  return auditMac(canonical(e));
}

/** The unkeyed hash of chains written before migration 0008; accepted only up to the signed anchor. */
function legacyHash(e: ChainedFields): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

type CheckpointFields = Pick<AuditCheckpointTable, 'kind' | 'head_id' | 'event_count' | 'head_hash'>;
const checkpointMac = (c: CheckpointFields) =>
  auditMac(`checkpoint|${c.kind}|${c.head_id}|${c.event_count}|${c.head_hash}`);

/**
 * Whether this process's audit key is the one the chain's head checkpoint was signed with (true on a chain without
 * one yet). Several instances must share one audit.key: an instance with another key would extend the chain with
 * links that no verification accepts, so main.ts warns at start.
 */
export async function auditKeyMatchesChain(db: Db): Promise<boolean> {
  const head = await findHeadCheckpoint(db);
  return !head || checkpointMac(head) === head.mac;
}

/**
 * Appends one event to the chain and moves the signed head checkpoint (head id, event count, head hash) in the
 * same transaction. Call it inside the transaction that makes the change it records.
 */
export async function appendAudit(trx: Db, input: AuditInput, now: Date = new Date()): Promise<void> {
  await lockAuditChain(trx);
  const last = await lastAuditEvent(trx);
  const fields: ChainedFields = {
    org_unit_id: input.orgUnitId,
    occurred_at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === null ? null : String(input.entityId),
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEvent(fields);
  const id = await insertAuditEvent(trx, { ...fields, hash });
  const head = await findHeadCheckpoint(trx);
  const next: CheckpointFields = {
    kind: 'head',
    head_id: id,
    event_count: (head?.event_count ?? 0) + 1,
    head_hash: hash,
  };
  const row = { ...next, created_at: now.toISOString(), mac: checkpointMac(next) };
  if (head) await updateHeadCheckpoint(trx, head.id, row);
  else await insertCheckpoint(trx, row);
  // Cached read models of the unit are stale from this commit on, on every instance (unless the write says otherwise).
  if (input.touchesReadModels !== false) await noteWrite(trx, input.orgUnitId);
}

/**
 * A database migrated from before keyed chains: its unkeyed events are checked once and covered by a signed
 * 'anchor' checkpoint, so later edits to them (even re-hashed) are caught. A no-op when checkpoints exist.
 */
export async function anchorLegacyChain(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockAuditChain(trx);
    if (await findHeadCheckpoint(trx)) return false;
    const count = await countAuditEvents(trx);
    if (count === 0) return false;
    const walked = await walkChain(trx, [], { legacyUpTo: Number.MAX_SAFE_INTEGER });
    if (!walked.ok || walked.last === null) return false; // verify will report it
    for (const kind of ['anchor', 'head'] as const) {
      const c: CheckpointFields = {
        kind,
        head_id: walked.last.id,
        event_count: walked.checked,
        head_hash: walked.last.hash,
      };
      await insertCheckpoint(trx, { ...c, created_at: now.toISOString(), mac: checkpointMac(c) });
    }
    return true;
  });
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

interface Walk extends AuditVerifyResult {
  last: { id: number; hash: string } | null;
  /** event id → position (1-based) of the events a checkpoint names */
  positions: Map<number, { n: number; hash: string }>;
}

async function walkChain(db: Db, wanted: number[], opts: { legacyUpTo: number }): Promise<Walk> {
  const want = new Set(wanted);
  const positions = new Map<number, { n: number; hash: string }>();
  let prev = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  let last: { id: number; hash: string } | null = null;
  const fail = (id: number, reason: string): Walk => ({ ok: false, checked, firstBadId: id, reason, last, positions });
  for (;;) {
    const page = await listAuditEvents(db, afterId, 1000);
    if (page.length === 0) return { ok: true, checked, firstBadId: null, reason: null, last, positions };
    for (const row of page) {
      const { id, hash, ...fields } = row;
      if (fields.prev_hash !== prev) return fail(id, '与前一事件的链接不符（有事件被删除或插入）');
      const keyed = hashAuditEvent(fields) === hash;
      if (!keyed && !(id <= opts.legacyUpTo && legacyHash(fields) === hash)) {
        return fail(id, '事件内容与其签名不符（被修改或被重新计算哈希）');
      }
      prev = hash;
      checked += 1;
      last = { id, hash };
      if (want.has(id)) positions.set(id, { n: checked, hash });
      afterId = id;
    }
  }
}

/**
 * Walks the whole chain (every link keyed with the audit key), then checks the signed checkpoints: the head
 * checkpoint must name the last event and the number of events (tail deletion, whole deletion), every anchor and
 * seal must still be found at its position, and `sealFile` (written outside the database by sealAuditChain) too.
 */
export async function verifyAuditChain(db: Db, options: { sealFile?: string } = {}): Promise<AuditVerifyResult> {
  const checkpoints = await listCheckpoints(db);
  for (const c of checkpoints) {
    if (checkpointMac(c) !== c.mac) {
      return { ok: false, checked: 0, firstBadId: c.head_id, reason: `检查点 #${c.id} 的签名不符（被伪造或修改）` };
    }
  }
  const seal = options.sealFile ? readSeal(options.sealFile) : null;
  if (seal && 'error' in seal) return { ok: false, checked: 0, firstBadId: null, reason: seal.error };
  const anchor = checkpoints.find((c) => c.kind === 'anchor');
  const named: CheckpointFields[] = [...checkpoints.filter((c) => c.kind !== 'head'), ...(seal ? [seal] : [])];
  const walked = await walkChain(
    db,
    named.map((c) => c.head_id),
    { legacyUpTo: anchor ? anchor.head_id : 0 },
  );
  if (!walked.ok) return strip(walked);
  const bad = (reason: string, id: number | null = null): AuditVerifyResult => ({
    ok: false,
    checked: walked.checked,
    firstBadId: id,
    reason,
  });
  for (const c of named) {
    const at = walked.positions.get(c.head_id);
    const label = c.kind === 'seal' ? '封存检查点' : '锚定检查点';
    if (!at)
      return bad(`${label}记录的第 ${c.event_count} 条事件（id=${c.head_id}）已不在链中（事件被删除）`, c.head_id);
    if (at.n !== c.event_count || at.hash !== c.head_hash) {
      return bad(`${label}与链不符：应为第 ${c.event_count} 条事件，现为第 ${at.n} 条（事件被删除或改写）`, c.head_id);
    }
  }
  const head: CheckpointRow | undefined = checkpoints.filter((c) => c.kind === 'head').at(-1);
  if (!head) {
    if (walked.checked > 0) return bad('缺少链头检查点（检查点被删除）');
    return strip(walked);
  }
  if (walked.checked === 0) return bad(`链头检查点记录了 ${head.event_count} 条事件，但审计表是空的（全部被删除）`);
  if (head.event_count !== walked.checked || head.head_id !== walked.last?.id || head.head_hash !== walked.last.hash) {
    return bad(
      `链头检查点记录了 ${head.event_count} 条事件（最后 id=${head.head_id}），链中现有 ${walked.checked} 条（末尾事件被删除或链被改写）`,
      walked.last?.id ?? null,
    );
  }
  return strip(walked);
}

function strip(w: AuditVerifyResult): AuditVerifyResult {
  return { ok: w.ok, checked: w.checked, firstBadId: w.firstBadId, reason: w.reason };
}

// ── Seals outside the database ───────────────────────────────────────────────────────────────────────────────────

/** Where the seal of one database lives in the data directory (one file per database location). */
export function sealFilePath(dataDir: string, databaseLocation: string): string {
  const id = createHash('sha256').update(databaseLocation).digest('hex').slice(0, 16);
  return join(dataDir, `audit-seal.${id}.json`);
}

function readSeal(path: string): (CheckpointFields & { mac: string }) | { error: string } | null {
  if (!existsSync(path)) return null;
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as CheckpointFields & { mac: string };
    const fields: CheckpointFields = {
      kind: 'seal',
      head_id: s.head_id,
      event_count: s.event_count,
      head_hash: s.head_hash,
    };
    if (checkpointMac(fields) !== s.mac) return { error: `封存文件 ${path} 的签名不符（被修改）` };
    return { ...fields, mac: s.mac };
  } catch {
    return { error: `封存文件 ${path} 无法读取` };
  }
}

/**
 * Writes a signed seal of the current head (event count + head hash) to a file outside the database, and the
 * same as a 'seal' checkpoint row. Someone who empties the audit table and its checkpoints is caught by the file.
 * Called by `audit verify` after a clean run and by the server every few minutes and at shutdown.
 */
export async function sealAuditChain(db: Db, sealFile: string, now = new Date()): Promise<{ count: number } | null> {
  const head = await findHeadCheckpoint(db);
  if (!head) return null;
  const fields: CheckpointFields = {
    kind: 'seal',
    head_id: head.head_id,
    event_count: head.event_count,
    head_hash: head.head_hash,
  };
  const mac = checkpointMac(fields);
  const previous = readSeal(sealFile);
  if (previous && !('error' in previous) && previous.head_id === fields.head_id) return { count: fields.event_count };
  await insertCheckpoint(db, { ...fields, created_at: now.toISOString(), mac });
  mkdirSync(join(sealFile, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${sealFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...fields, sealedAt: now.toISOString(), mac })}\n`, { mode: 0o600 });
  renameSync(tmp, sealFile);
  return { count: fields.event_count };
}
