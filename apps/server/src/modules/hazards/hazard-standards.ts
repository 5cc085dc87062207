import { readdirSync, readFileSync } from 'node:fs';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { AddStandardItemRequest, HazardStandard, HazardStandardsResponse } from '@duban/shared/contracts/hazards';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import {
  findStandardByCode,
  findStandardById,
  insertStandard,
  insertStandardItemIfMissing,
  listStandardItems,
  listStandards,
  maxItemSeq,
  updateStandard,
} from './hazard-standards.repository.ts';
import type { HazardActingScope } from './hazards.policy.ts';

// The versioned catalogue of 重大事故隐患判定标准: shipped as data in seed/hazard-standards/*.json (each entry with
// issuer, 文号, effective date, repealed-by and its source), loaded idempotently at start; the office adds items.

const SEED_DIR = new URL('../../../seed/hazard-standards/', import.meta.url);

const SeedStandard = z.object({
  code: z.string(),
  title: z.string(),
  issuer: z.string(),
  number: z.string(),
  effectiveDate: z.string().nullable(),
  repealedBy: z.string().nullable(),
  replaces: z.string().nullable(),
  industries: z.array(z.string()),
  source: z.string(),
  note: z.string().optional(),
  articles: z.array(
    z.object({
      article: z.string(),
      title: z.string(),
      complete: z.boolean(),
      items: z.array(z.object({ item: z.string(), text: z.string() })),
    }),
  ),
});
export type SeedStandard = z.infer<typeof SeedStandard>;

export function readShippedStandards(): SeedStandard[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => SeedStandard.parse(JSON.parse(readFileSync(new URL(f, SEED_DIR), 'utf8'))));
}

/** Inserts shipped standards and items that are missing (never deletes: hazards cite them). Returns items added. */
export async function ensureHazardStandards(db: Db, now = new Date()): Promise<number> {
  const shipped = readShippedStandards();
  return inTransaction(db, async (trx) => {
    let added = 0;
    for (const s of shipped) {
      const fields = {
        title: s.title,
        issuer: s.issuer,
        number: s.number,
        effective_date: s.effectiveDate,
        repealed_by: s.repealedBy,
        replaces: s.replaces,
        industries: JSON.stringify(s.industries),
        source: s.source,
        note: s.note ?? '',
        updated_at: now.toISOString(),
      };
      const existing = await findStandardByCode(trx, s.code);
      const id = existing ? existing.id : await insertStandard(trx, { code: s.code, ...fields });
      if (existing) await updateStandard(trx, id, fields);
      let seq = 0;
      for (const a of s.articles) {
        for (const item of a.items) {
          seq += 1;
          const inserted = await insertStandardItemIfMissing(trx, {
            standard_id: id,
            article: a.article,
            article_title: a.title,
            item: item.item,
            text: item.text,
            seq,
            origin: 'shipped',
            source: `${s.number}《${s.title}》${a.article}${item.item}`,
            added_by: null,
            created_at: now.toISOString(),
          });
          if (inserted) added += 1;
        }
      }
    }
    return added;
  });
}

export async function getHazardStandards(db: Db, today = todayInShanghai()): Promise<HazardStandardsResponse> {
  const [standards, items] = await Promise.all([listStandards(db), listStandardItems(db)]);
  return {
    standards: standards.map(
      (s): HazardStandard => ({
        id: s.id,
        code: s.code,
        title: s.title,
        issuer: s.issuer,
        number: s.number,
        effectiveDate: s.effective_date,
        repealedBy: s.repealed_by,
        replaces: s.replaces,
        industries: JSON.parse(s.industries) as string[],
        source: s.source,
        note: s.note,
        inForce: s.repealed_by === null && (s.effective_date === null || s.effective_date <= today),
        items: items
          .filter((i) => i.standard_id === s.id)
          .map((i) => ({
            id: i.id,
            article: i.article,
            articleTitle: i.article_title,
            item: i.item,
            text: i.text,
            origin: i.origin,
            source: i.source,
          })),
      }),
    ),
  };
}

/** The office adds an item (with its source) to a standard; the same article + item twice is a conflict. */
export async function addStandardItem(
  db: Db,
  scope: HazardActingScope,
  standardId: number,
  input: AddStandardItemRequest,
  now = new Date(),
): Promise<HazardStandardsResponse> {
  await inTransaction(db, async (trx) => {
    const s = await findStandardById(trx, standardId);
    if (!s) throw new AppError('not_found', '判定标准不存在 (standard not found)');
    const inserted = await insertStandardItemIfMissing(trx, {
      standard_id: standardId,
      article: input.article,
      article_title: input.articleTitle,
      item: input.item,
      text: input.text,
      seq: (await maxItemSeq(trx, standardId)) + 1,
      origin: 'office',
      source: input.source,
      added_by: scope.actor,
      created_at: now.toISOString(),
    });
    if (!inserted) {
      throw new AppError('conflict', `《${s.title}》${input.article}${input.item} 已存在 (item exists)`);
    }
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'hazard_standard.add_item',
      entity: 'hazard_standard',
      entityId: standardId,
      after: input,
    });
  });
  return getHazardStandards(db);
}
