import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type { Db } from '../db/database.ts';
import type { UserRole } from '../db/schema.ts';
import { createReport } from '../modules/progress/create-report.ts';
import type { ActingScope } from '../modules/progress/progress.policy.ts';
import { reviewReport } from '../modules/progress/review-report.ts';
import { submitReport } from '../modules/progress/submit-report.ts';
import { decideExtension } from '../modules/supervision/decide-extension.ts';
import { recordSupervisionAction } from '../modules/supervision/record-action.ts';
import { replyToNotice } from '../modules/supervision/reply-to-notice.ts';
import { requestExtension } from '../modules/supervision/request-extension.ts';
import { createUser, generatePassword } from '../modules/users/users.service.ts';

/**
 * The demo list's story (issue 13 item 4): on first start with the bundled 2024 list, one account per role and a
 * year of work, so the leader's dashboard, the heatmap and the 督办 ladder mean something at once: most duties
 * reported and accepted on time, some late, some returned, some never reported, and a few 催办/督办单 steps with a
 * reply and an approved extension. Everything goes through the same use cases as the web app (audited), dated
 * inside the list's year. Outcomes are deterministic (by occurrence id), so two first starts tell the same story.
 */
export interface DemoAccount {
  username: string;
  password: string;
  role: UserRole;
  displayName: string;
}

interface DemoOccurrence {
  id: number;
  department_id: number;
  department_name: string;
  due_date: string;
  window_start: string;
}

const DEMO_DEPARTMENT = '应急管理部';

const REPORT_TEXTS = [
  '已按要求完成本期工作，召开专题会议部署落实，形成会议纪要并存档。',
  '本期组织开展专项检查，覆盖辖区重点企业，发现问题已建立台账并督促整改。',
  '已完成学习传达，结合实际制定具体措施，责任落实到人。',
  '组织开展培训和应急演练各一次，参训人员签到表、照片已留存。',
  '已完成情况排查，问题清单和整改台账已报安委办。',
];
const RETURN_REASONS = ['请补充现场检查照片和整改台账。', '进展过于笼统，请写明检查企业数量和发现问题数。'];

/** A stable number in [0, 1) from an occurrence id. */
function fraction(id: number): number {
  let x = (id * 2654435761) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 4294967296;
}

/** 09:30 Shanghai time on a civil date, as a Date. */
function at(date: string, hour = 9): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:30:00+08:00`);
}

function clampToWindow(date: string, o: DemoOccurrence): string {
  return date < o.window_start ? o.window_start : date;
}

export async function createDemoAccounts(
  db: Db,
  orgUnitId: number,
): Promise<{ accounts: DemoAccount[]; departmentUserId: number; departmentId: number | null }> {
  const dept = await db
    .selectFrom('departments')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('name', '=', DEMO_DEPARTMENT)
    .executeTakeFirst();
  const plan: {
    username: string;
    role: UserRole;
    displayName: string;
    departmentId: number | null;
    isHead: boolean;
  }[] = [
    { username: 'staff', role: 'office_staff', displayName: '安委办 王干事', departmentId: null, isHead: false },
    { username: 'leader', role: 'leader', displayName: '分管副主任 李领导', departmentId: null, isHead: false },
    {
      username: 'yingji',
      role: 'department',
      displayName: '应急管理部 张科长',
      departmentId: dept?.id ?? null,
      isHead: true,
    },
  ];
  const accounts: DemoAccount[] = [];
  let departmentUserId = 0;
  for (const a of plan) {
    if (a.role === 'department' && a.departmentId === null) continue;
    const exists = await db.selectFrom('users').select('id').where('username', '=', a.username).executeTakeFirst();
    if (exists) continue;
    const password = generatePassword();
    const id = await createUser(db, { actor: 'system', orgUnitId }, { ...a, password });
    if (a.role === 'department') departmentUserId = id;
    accounts.push({ username: a.username, password, role: a.role, displayName: a.displayName });
  }
  return { accounts, departmentUserId, departmentId: dept?.id ?? null };
}

/**
 * Files the year's progress. `asOf` bounds it: nothing is dated after it (a list of the current year gets its
 * story up to today). Returns counts for the start-up message and tests.
 */
export async function fileDemoProgress(
  db: Db,
  options: {
    orgUnitId: number;
    year: number;
    officeUserId: number;
    departmentUser: { id: number; departmentId: number } | null;
    today?: string;
  },
): Promise<
  Record<'accepted' | 'late' | 'returned' | 'submitted' | 'untouched' | 'supervision' | 'extensions', number>
> {
  const today = options.today ?? todayInShanghai();
  const yearEnd = `${options.year}-12-31`;
  const asOf = today < yearEnd ? today : yearEnd;
  const counts = { accepted: 0, late: 0, returned: 0, submitted: 0, untouched: 0, supervision: 0, extensions: 0 };
  const occurrences: DemoOccurrence[] = await db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .select(['o.id', 'o.department_id', 'd.name as department_name', 'o.due_date', 'o.window_start'])
    .where('l.org_unit_id', '=', options.orgUnitId)
    .where('l.year', '=', options.year)
    .where('o.due_date', '<=', asOf)
    .where('o.report_state', '=', 'none')
    .orderBy('o.due_date')
    .orderBy('o.id')
    .execute()
    .then((rows) => rows.filter((r): r is DemoOccurrence => r.department_id !== null));

  const office: ActingScope = {
    orgUnitId: options.orgUnitId,
    departmentId: null,
    userId: options.officeUserId,
    actor: `user:${options.officeUserId}`,
  };
  const du = options.departmentUser;
  // The department account acting for itself (replies and extension requests); the office scope above does the rest.
  const deptScope = du
    ? { orgUnitId: options.orgUnitId, departmentId: du.departmentId, userId: du.id, actor: `user:${du.id}` }
    : null;

  const file = async (o: DemoOccurrence, submitOn: string, text: string) => {
    const workDate = clampToWindow(addDays(submitOn, -2), o);
    const draft = await createReport(db, office, { occurrenceId: o.id, text, workDate }, at(submitOn, 9));
    return submitReport(db, office, draft.id, draft.version, at(submitOn, 10));
  };

  // A few of the department account's own duties get the 督办 ladder and an extension.
  const ladder = new Set<number>();
  let extensionFor: number | null = null;
  if (du) {
    const own = occurrences.filter((o) => o.department_id === du.departmentId);
    const mid = own.filter((o) => o.due_date >= `${options.year}-04-01` && o.due_date <= `${options.year}-09-30`);
    for (const o of mid.slice(0, 3)) ladder.add(o.id);
    extensionFor = mid[3]?.id ?? null;
  }

  for (const [i, o] of occurrences.entries()) {
    const text = REPORT_TEXTS[i % REPORT_TEXTS.length] ?? REPORT_TEXTS[0]!;
    if (ladder.has(o.id) && deptScope) {
      // Late work: 催办 two days after the due date, a 督办单 a week later, replied to; reported and accepted late.
      const urgeOn = addDays(o.due_date, 2);
      const noticeOn = addDays(o.due_date, 7);
      if (noticeOn > asOf) continue;
      await recordSupervisionAction(
        db,
        office,
        o.id,
        { kind: 'urge', note: '该事项已逾期，请抓紧办理并报送工作进展。' },
        at(urgeOn),
      );
      const notice = await recordSupervisionAction(
        db,
        office,
        o.id,
        {
          kind: 'notice',
          note: '该事项逾期未报，请于回复期限前书面说明原因及整改措施。',
          replyBy: addDays(noticeOn, 7),
        },
        at(noticeOn),
      );
      counts.supervision += 2;
      if (ladder.size > 0 && [...ladder][0] === o.id) {
        const replyOn = addDays(noticeOn, 3);
        if (replyOn <= asOf) {
          await replyToNotice(
            db,
            deptScope,
            notice.id,
            { text: '因人员调整延误，已明确专人负责，本周内报送进展。', version: notice.version },
            at(replyOn, 15),
          );
          const submitOn = addDays(replyOn, 2);
          if (submitOn <= asOf) {
            const r = await file(o, submitOn, text);
            await reviewReport(db, office, r.id, r.version, { kind: 'accept' }, at(addDays(submitOn, 1), 11));
            counts.late += 1;
          }
        }
      }
      continue;
    }
    if (o.id === extensionFor && deptScope) {
      const askOn = clampToWindow(addDays(o.due_date, -5), o);
      const newDue = addDays(o.due_date, 20);
      const ext = await requestExtension(
        db,
        deptScope,
        o.id,
        { reason: '需等待第三方检测报告，申请延期。', requestedDue: newDue },
        at(askOn, 14),
      );
      await decideExtension(
        db,
        office,
        ext.extension.id,
        { approve: true, note: '同意延期。', version: ext.extension.version },
        at(addDays(askOn, 1)),
      );
      counts.extensions += 1;
      const submitOn = addDays(o.due_date, 15);
      if (submitOn <= asOf) {
        const r = await file(o, submitOn, text);
        await reviewReport(db, office, r.id, r.version, { kind: 'accept' }, at(addDays(submitOn, 2)));
        counts.accepted += 1;
      }
      continue;
    }
    const f = fraction(o.id);
    if (f < 0.7) {
      const submitOn = clampToWindow(addDays(o.due_date, -5 - Math.floor(f * 10)), o);
      const r = await file(o, submitOn, text);
      const acceptOn = addDays(submitOn, 2) > o.due_date ? o.due_date : addDays(submitOn, 2);
      await reviewReport(db, office, r.id, r.version, { kind: 'accept' }, at(acceptOn, 16));
      counts.accepted += 1;
    } else if (f < 0.8) {
      const submitOn = addDays(o.due_date, 4 + Math.floor(f * 20));
      if (submitOn > asOf) {
        counts.untouched += 1;
        continue;
      }
      const r = await file(o, submitOn, text);
      const acceptOn = addDays(submitOn, 2) > asOf ? submitOn : addDays(submitOn, 2);
      await reviewReport(db, office, r.id, r.version, { kind: 'accept' }, at(acceptOn, 16));
      counts.late += 1;
    } else if (f < 0.86) {
      const submitOn = clampToWindow(addDays(o.due_date, -4), o);
      const r = await file(o, submitOn, text);
      const reason = RETURN_REASONS[o.id % RETURN_REASONS.length] ?? RETURN_REASONS[0]!;
      await reviewReport(db, office, r.id, r.version, { kind: 'return', reason }, at(addDays(submitOn, 1), 16));
      counts.returned += 1;
    } else if (f < 0.9 && o.due_date >= addDays(asOf, -45)) {
      await file(o, clampToWindow(addDays(o.due_date, -2), o), text);
      counts.submitted += 1;
    } else {
      counts.untouched += 1;
    }
  }
  return counts;
}

/**
 * First start with the bundled list: demo accounts and the year's story. Runs once (only right after the demo list
 * was imported into an empty database and the first administrator was created).
 */
export async function loadDemoStory(
  db: Db,
  scope: { orgUnitId: number },
  adminUsername: string,
  year = 2024,
): Promise<DemoAccount[]> {
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', adminUsername)
    .executeTakeFirstOrThrow();
  const { accounts, departmentUserId, departmentId } = await createDemoAccounts(db, scope.orgUnitId);
  await fileDemoProgress(db, {
    orgUnitId: scope.orgUnitId,
    year,
    officeUserId: admin.id,
    departmentUser: departmentId && departmentUserId ? { id: departmentUserId, departmentId } : null,
  });
  return accounts;
}
