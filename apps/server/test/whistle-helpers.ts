import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../src/db/database.ts';
import { setReportHandler } from '../src/modules/users/report-handler.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { multipart } from './multipart.ts';

/** Test helpers of the whistleblowing suites: a solved challenge, a report form, handler accounts. */

export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF-photo-bytes-MARKER-42'),
]);
export const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom'),
  Buffer.from('0000isommp42-video-MARKER-43'),
]);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]);

export async function solveChallenge(t: TestApp, ip = '10.0.0.1'): Promise<{ token: string; answer: string }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip });
  const { token, question } = res.json() as { token: string; question: string };
  const m = /(\d+) \+ (\d+)/.exec(question);
  if (!m) throw new Error(`unexpected question ${question}`);
  return { token, answer: String(Number(m[1]) + Number(m[2])) };
}

export interface ReportInput {
  fields?: Record<string, string>;
  files?: { filename: string; content: Buffer }[];
  ip?: string;
  challenge?: { token: string; answer: string } | null;
}

export async function submitReport(t: TestApp, input: ReportInput = {}): Promise<LightMyRequestResponse> {
  const ip = input.ip ?? '10.0.0.1';
  const challenge = input.challenge === undefined ? await solveChallenge(t, ip) : input.challenge;
  const fields: Record<string, string> = {
    category: 'major_hazard',
    enterpriseName: '示例化工有限公司',
    place: '三号仓库',
    description: '仓库堆放危险化学品，消防通道堵塞。',
    anonymous: 'true',
    consent: 'true',
    ...(challenge ? { challengeToken: challenge.token, challengeAnswer: challenge.answer } : {}),
    ...input.fields,
  };
  const body = multipart(
    fields,
    (input.files ?? []).map((f) => ({ field: 'files', filename: f.filename, content: f.content })),
  );
  return t.app.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: ip, ...body });
}

/** The public lookup form (receipt code and password) sent from an address. */
export function lookupReport(
  t: TestApp,
  receiptCode: string,
  password: string,
  ip = '10.1.0.1',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/public/reports/lookup',
    payload: { receiptCode, password },
    remoteAddress: ip,
  });
}

export interface HandlerSessions {
  handlerAdmin: { cookie: string; csrf: string };
  handlerStaff: { cookie: string; csrf: string };
}

/** Two extra accounts with the handler permission: an office_admin and an office_staff. */
export async function createHandlers(t: TestApp, db: Db): Promise<HandlerSessions> {
  const out: Record<string, { cookie: string; csrf: string }> = {};
  for (const [username, role] of [
    ['handler_admin', 'office_admin'],
    ['handler_staff', 'office_staff'],
  ] as const) {
    const userId = await createUser(
      db,
      { actor: 'test', orgUnitId: t.scope.orgUnitId },
      { username, displayName: username, role, departmentId: null, isHead: false, password: TEST_PASSWORD },
    );
    await setReportHandler(db, { orgUnitId: t.scope.orgUnitId, actor: 'test' }, userId, true);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    if (!cookie) throw new Error(`login ${username} failed: ${res.body}`);
    out[username] = { cookie: `duban_session=${cookie.value}`, csrf: res.json().csrfToken as string };
  }
  return { handlerAdmin: out.handler_admin!, handlerStaff: out.handler_staff! };
}
