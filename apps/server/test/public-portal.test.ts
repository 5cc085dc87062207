import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';
import { multipart } from './multipart.ts';
import { solveChallenge } from './whistle-helpers.ts';

const XSS = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">"'&`;

describeEachDatabase('public portal', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  const form = async (url: string, fields: Record<string, string>, ip = '10.20.0.1') =>
    t.app.inject({ method: 'POST', url, remoteAddress: ip, ...multipart(fields, []) });

  it('serves the portal without a session, script-free under a strict CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.body).not.toContain('<script');
    for (const section of [
      '安全生产监管责任清单',
      '重大事故隐患挂牌督办与销号',
      '行政处罚决定',
      '双随机',
      '安全知识',
    ]) {
      expect(res.body).toContain(section);
    }
    expect(res.body).toContain('暂无');
    const css = await t.app.inject({ method: 'GET', url: '/public/portal.css' });
    expect(css.headers['content-type']).toContain('text/css');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/hazards' })).json()).toEqual({
      hazards: [],
      available: true,
    });
  });

  it('the supervision list comes from the enterprise registry, without phone numbers', async () => {
    const depA = t.departmentIds['应急管理部'] as number;
    const ent = await t.as('admin', {
      method: 'POST',
      url: '/api/enterprises',
      payload: enterpriseBody(881, [{ departmentId: depA, role: 'industry' }]),
    });
    expect(ent.statusCode, ent.body).toBe(201);
    const home = await t.app.inject({ method: 'GET', url: '/public' });
    expect(home.body).toContain('测试企业881有限公司');
    expect(home.body).toContain('应急管理部');
    expect(home.body).not.toMatch(/1380000000\d/);
    expect(home.body).not.toContain('张三');
  });

  it('articles: sanitised on save, escaped titles, searchable, drafts not public', async () => {
    const created = await t.as('staff', {
      method: 'POST',
      url: '/api/articles',
      payload: { title: `有限空间作业${XSS}`, bodyHtml: `<h2>先通风</h2><p>再检测</p>${XSS}`, published: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json() as { slug: string; bodyHtml: string; id: number };
    expect(a.bodyHtml).not.toContain('<script');
    expect(a.bodyHtml).not.toContain('onerror');
    await t.as('staff', {
      method: 'POST',
      url: '/api/articles',
      payload: { title: '未发布草稿', bodyHtml: '<p>d</p>' },
    });
    const home = await t.app.inject({ method: 'GET', url: '/public' });
    expect(home.body).toContain('有限空间作业&lt;script&gt;');
    expect(home.body).not.toContain('<script>window');
    expect(home.body).not.toContain('未发布草稿');
    const page = await t.app.inject({ method: 'GET', url: `/public/articles/${a.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>先通风</h2>');
    expect(page.body).not.toMatch(/<script|<img[^>]*onerror/);
    const search = await t.app.inject({ method: 'GET', url: `/public?q=${encodeURIComponent('有限空间')}` });
    expect(search.body).toContain(`/public/articles/${a.slug}`);
    const miss = await t.app.inject({ method: 'GET', url: `/public?q=${encodeURIComponent('没有这个')}` });
    expect(miss.body).not.toContain(`/public/articles/${a.slug}`);
    const edited = await t.as('staff', {
      method: 'PATCH',
      url: `/api/articles/${a.id}`,
      payload: { version: 1, published: false },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/public/articles/${a.slug}` })).statusCode).toBe(404);
    expect(
      (await t.as('staff', { method: 'PATCH', url: `/api/articles/${a.id}`, payload: { version: 1, title: 'x' } }))
        .statusCode,
    ).toBe(409);
  });

  it('the HTML report form: a refused form shows the values again, escaped; a good one gives the receipt', async () => {
    const blank = await t.app.inject({ method: 'GET', url: '/public/report' });
    expect(blank.body).toContain('name="challengeToken"');
    expect(blank.body).toContain('class="hp"');
    const refused = await form('/public/report', {
      category: 'other',
      enterpriseName: XSS,
      place: XSS,
      description: XSS,
      anonymous: 'true',
      consent: 'true',
      challengeToken: 'bogus',
      challengeAnswer: '1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('验证题');
    expect(refused.body).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(refused.body).not.toContain('<script');
    expect(refused.body).not.toMatch(/<img[^>]*onerror/);
    const c = await solveChallenge(t, '10.20.0.2');
    const good = await form(
      '/public/report',
      {
        category: 'illegal_production',
        enterpriseName: XSS,
        place: '厂区',
        description: XSS,
        anonymous: 'true',
        consent: 'true',
        challengeToken: c.token,
        challengeAnswer: c.answer,
      },
      '10.20.0.2',
    );
    expect(good.statusCode, good.body).toBe(201);
    const code = /id="receipt-code">([^<]+)</.exec(good.body)?.[1];
    const password = /id="receipt-password">([^<]+)</.exec(good.body)?.[1];
    expect(code).toBeTruthy();
    expect(password).toBeTruthy();
    const found = await form('/public/lookup', { receiptCode: code ?? '', password: password ?? '' }, '10.20.0.3');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('已收到，待受理');
    const wrong = await form('/public/lookup', { receiptCode: code ?? '', password: 'nope' }, '10.20.0.3');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('回执码或查询密码不正确');
    // Nothing internal: no numeric report id, no department, no enterprise id on the receipt page.
    expect(found.body).not.toMatch(/report-?id|department|enterprise_id/i);
  });
});
