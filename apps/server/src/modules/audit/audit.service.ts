import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { AuditEventTable } from '../../db/schema.ts';
import { insertAuditEvent, lastAuditHash, listAuditEvents, lockAuditChain } from './audit.repository.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  orgUnitId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

type ChainedFields = Omit<AuditEventTable, 'id' | 'hash'>;

export function hashAuditEvent(e: ChainedFields): string {
  const canonical = JSON.stringify([
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
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one event to the chain. Call it inside the transaction that makes the change it records. */
export async function appendAudit(trx: Db, input: AuditInput, now: Date = new Date()): Promise<void> {
  await lockAuditChain(trx);
  const fields: ChainedFields = {
    org_unit_id: input.orgUnitId,
    occurred_at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === null ? null : String(input.entityId),
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    prev_hash: (await lastAuditHash(trx)) ?? GENESIS_HASH,
  };
  await insertAuditEvent(trx, { ...fields, hash: hashAuditEvent(fields) });
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

/** Walks the whole chain; names the first event whose content, link or position does not add up. */
export async function verifyAuditChain(db: Db): Promise<AuditVerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const page = await listAuditEvents(db, afterId, 1000);
    if (page.length === 0) return { ok: true, checked, firstBadId: null, reason: null };
    for (const row of page) {
      const { id, hash, ...fields } = row;
      if (fields.prev_hash !== prev) {
        return { ok: false, checked, firstBadId: id, reason: '与前一事件的链接不符（有事件被删除或插入）' };
      }
      if (hashAuditEvent(fields) !== hash) {
        return { ok: false, checked, firstBadId: id, reason: '事件内容与其哈希不符（被修改）' };
      }
      prev = hash;
      checked += 1;
      afterId = id;
    }
  }
}
