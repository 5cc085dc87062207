import type { Insertable } from 'kysely';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { InspectionTable } from '../../db/schema.ts';
import { findMatter } from './inspections.repository.ts';

/** What a new inspection (recorded by hand or created by a draw) starts with, shared by both use cases. */

/** The checklist (JSON) of a new inspection: the matter's items, each pending; 404 when the matter is not the unit's. */
export async function newChecklist(db: Db, orgUnitId: number, matterId: number | null): Promise<string> {
  const matter = matterId === null ? undefined : await findMatter(db, orgUnitId, matterId);
  if (matterId !== null && !matter) throw new AppError('not_found', '抽查事项不存在 (matter not found)');
  const items = matter ? (JSON.parse(matter.checklist) as string[]) : [];
  return JSON.stringify(items.map((item) => ({ item, result: 'pending', note: '' })));
}

/** Unsigned, without record or order number, created now by the actor. */
export function unsignedColumns(
  actor: string,
  stamp: string,
): Pick<
  Insertable<InspectionTable>,
  'signed_by' | 'refusal_note' | 'record_no' | 'order_no' | 'order_due_on' | 'created_by' | 'created_at' | 'updated_at'
> {
  return {
    signed_by: null,
    refusal_note: null,
    record_no: null,
    order_no: null,
    order_due_on: null,
    created_by: actor,
    created_at: stamp,
    updated_at: stamp,
  };
}
