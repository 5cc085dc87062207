import { todayInShanghai } from '@duban/shared/civil-date';
import {
  BulletinFiguresSchema,
  type BulletinListResponse,
  type BulletinResponse,
  BulletinSectionsSchema,
  type CreateBulletinRequest,
  type UpdateBulletinRequest,
} from '@duban/shared/contracts/bulletins';
import { AppError } from '../../../core/app-error.ts';
import type { Db } from '../../../db/database.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { loadDepartmentRegistry } from '../../departments/departments.service.ts';
import { findYearTaskList } from '../dashboard.repository.ts';
import { getDashboard } from '../dashboard.service.ts';
import { parseReportPeriod, type ReportPeriod, resolveReportPeriod } from '../report-period.ts';
import { bulletinFigures, isIssuerOrAbove } from './bulletin-figures.ts';
import { bulletinTitle, generateSections } from './bulletin-text.ts';
import { type BulletinReadScope, type BulletinWriteScope, bulletinNotFound } from './bulletins.policy.ts';
import {
  type BulletinChange,
  type BulletinRow,
  countListTasks,
  findBulletin,
  insertBulletin,
  listBulletinRows,
  updateBulletin,
} from './bulletins.repository.ts';

/** Use cases of bulletins (通报): draft from the figures, edit (versioned), publish (frozen), read. */

function summary(row: Omit<BulletinRow, 'sections' | 'figures'>) {
  return {
    id: row.id,
    year: row.year,
    period: row.period_key,
    periodLabel: parseReportPeriod(row.period_key).label,
    asOf: row.as_of,
    title: row.title,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    version: row.version,
  };
}

export function toBulletin(row: BulletinRow): BulletinResponse {
  return {
    ...summary(row),
    sections: BulletinSectionsSchema.parse(JSON.parse(row.sections)),
    figures: BulletinFiguresSchema.parse(JSON.parse(row.figures)),
  };
}

/** The bulletin if the reader may see it (a department: published only), else the one 404. */
export async function loadBulletin(db: Db, scope: BulletinReadScope, id: number): Promise<BulletinRow> {
  const row = await findBulletin(db, scope.orgUnitId, id);
  if (!row || (scope.publishedOnly && row.status !== 'published')) throw bulletinNotFound();
  return row;
}

export async function getBulletin(db: Db, scope: BulletinReadScope, id: number): Promise<BulletinResponse> {
  return toBulletin(await loadBulletin(db, scope, id));
}

export async function listBulletins(db: Db, scope: BulletinReadScope, year?: number): Promise<BulletinListResponse> {
  const rows = await listBulletinRows(db, { orgUnitId: scope.orgUnitId, year, publishedOnly: scope.publishedOnly });
  return { bulletins: rows.map(summary) };
}

/** Figures as of the period's end (today, if the period is not over yet). */
function bulletinDate(period: ReportPeriod, today: string): string {
  return period.end < today ? period.end : today;
}

/** A draft for the period: the dashboard's figures as of its end, frozen into the bulletin, and generated text. */
export async function createBulletin(
  db: Db,
  scope: BulletinWriteScope,
  input: CreateBulletinRequest,
  now = new Date(),
): Promise<BulletinResponse> {
  const period = resolveReportPeriod(input);
  const list = await findYearTaskList(db, scope.orgUnitId, period.year);
  if (!list) throw new AppError('not_found', `没有 ${period.year} 年的任务清单 (no task list for ${period.year})`);
  const asOf = bulletinDate(period, todayInShanghai(now));
  const [dashboard, taskCount] = await Promise.all([
    getDashboard(db, scope.orgUnitId, period.year, asOf),
    countListTasks(db, list.id),
  ]);
  const registry = await loadDepartmentRegistry(db, scope.orgUnitId);
  const issuer = new Set(registry.departments.filter(isIssuerOrAbove).map((d) => d.id));
  const figures = bulletinFigures(dashboard, taskCount, issuer);
  const sections = generateSections(figures, period);
  const title = bulletinTitle(period);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertBulletin(trx, {
      org_unit_id: scope.orgUnitId,
      task_list_id: list.id,
      year: period.year,
      period_key: period.key,
      as_of: asOf,
      title,
      sections: JSON.stringify(sections),
      figures: JSON.stringify(figures),
      status: 'draft',
      created_by: scope.userId,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'bulletin.create',
        entity: 'bulletin',
        entityId: id,
        after: { year: period.year, period: period.key, asOf, title, sections },
      },
      now,
    );
    return getBulletin(trx, { orgUnitId: scope.orgUnitId, publishedOnly: false }, id);
  });
}

function staleOrFrozen(row: BulletinRow): AppError {
  if (row.status === 'published') {
    return new AppError('conflict', '通报已发布，不能再修改 (bulletin is published)', {
      status: row.status,
      currentVersion: row.version,
    });
  }
  return new AppError('conflict', '通报已被他人修改，请刷新后重试 (stale version)', { currentVersion: row.version });
}

async function changeDraft(
  db: Db,
  scope: BulletinWriteScope,
  id: number,
  version: number,
  action: string,
  change: (row: BulletinRow) => { change: BulletinChange; before: unknown; after: unknown },
  now: Date,
): Promise<BulletinResponse> {
  return db.transaction().execute(async (trx) => {
    const row = await loadBulletin(trx, { orgUnitId: scope.orgUnitId, publishedOnly: false }, id);
    if (row.status !== 'draft' || row.version !== version) throw staleOrFrozen(row);
    const c = change(row);
    const next = await updateBulletin(trx, id, version, c.change);
    if (next === undefined) {
      throw staleOrFrozen(await loadBulletin(trx, { orgUnitId: scope.orgUnitId, publishedOnly: false }, id));
    }
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action,
        entity: 'bulletin',
        entityId: id,
        before: c.before,
        after: { ...(c.after as object), version: next },
      },
      now,
    );
    return getBulletin(trx, { orgUnitId: scope.orgUnitId, publishedOnly: false }, id);
  });
}

/** Edits the title or text sections of a draft; the caller's version must be current (409 otherwise). */
export async function editBulletin(
  db: Db,
  scope: BulletinWriteScope,
  id: number,
  input: UpdateBulletinRequest,
  now = new Date(),
): Promise<BulletinResponse> {
  return changeDraft(
    db,
    scope,
    id,
    input.version,
    'bulletin.update',
    (row) => {
      const sectionsBefore = BulletinSectionsSchema.parse(JSON.parse(row.sections));
      const sections = { ...sectionsBefore, ...input.sections };
      const title = input.title ?? row.title;
      return {
        change: { title, sections: JSON.stringify(sections), updated_at: now.toISOString() },
        before: { title: row.title, sections: sectionsBefore, version: row.version },
        after: { title, sections },
      };
    },
    now,
  );
}

/** Publishes a draft: from now on it is frozen and departments can read it. */
export async function publishBulletin(
  db: Db,
  scope: BulletinWriteScope,
  id: number,
  version: number,
  now = new Date(),
): Promise<BulletinResponse> {
  return changeDraft(
    db,
    scope,
    id,
    version,
    'bulletin.publish',
    (row) => ({
      change: {
        status: 'published',
        published_by: scope.userId,
        published_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      before: { status: row.status, version: row.version },
      after: { status: 'published', publishedAt: now.toISOString() },
    }),
    now,
  );
}
