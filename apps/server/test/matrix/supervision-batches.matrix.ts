import { domainMatrix, OFFICE_ONLY } from './matrix-types.ts';

/** 督办/催办 in batches and the 文号 settings (issue 13 item 5). Departments see their own batches only. */
export const supervisionBatchesMatrix = domainMatrix({
  name: 'supervision batches',
  setup: async (t, db) => {
    const deptA = t.departmentIds.应急管理部 ?? 0;
    const occ = await db
      .selectFrom('occurrences')
      .select('id')
      .where('department_id', '=', deptA)
      .where('report_state', '=', 'none')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const r = await t.as('admin', {
      method: 'POST',
      url: '/api/supervision/batches',
      payload: { kind: 'urge', occurrenceIds: [occ.id], note: '矩阵测试' },
    });
    return { batchId: r.json().batches[0].id as number, occurrenceId: occ.id };
  },
  cases: [
    {
      route: 'POST /api/supervision/batches',
      request: (f) => ({
        method: 'POST',
        url: '/api/supervision/batches',
        payload: { kind: 'urge', occurrenceIds: [f.occurrenceId], note: '矩阵' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/supervision/batches',
      request: () => ({ method: 'GET', url: '/api/supervision/batches' }),
      access: { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'ok' },
    },
    {
      route: 'GET /api/supervision/batches/:id',
      request: (f) => ({ method: 'GET', url: `/api/supervision/batches/${f.batchId}` }),
      access: { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'hidden' },
    },
    {
      route: 'GET /api/supervision/batches/:id/document',
      request: (f) => ({ method: 'GET', url: `/api/supervision/batches/${f.batchId}/document?format=docx` }),
      access: { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'hidden' },
    },
    {
      route: 'GET /api/supervision/settings',
      request: () => ({ method: 'GET', url: '/api/supervision/settings' }),
      access: OFFICE_ONLY,
    },
    {
      route: 'PUT /api/supervision/settings',
      request: () => ({
        method: 'PUT',
        url: '/api/supervision/settings',
        payload: { noticePattern: '督〔{year}〕{n}号', urgePattern: '催〔{year}〕{n}号', version: 999 },
      }),
      access: OFFICE_ONLY,
    },
  ],
});
