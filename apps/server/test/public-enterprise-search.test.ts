import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/modules/whistleblowing/abuse-guard.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { setupEnterprises } from './enterprise-fixtures.ts';

/**
 * The public report form's 被举报单位 field: a search of the enterprise registry without a session, names only,
 * at most ten, counted per address (the shared abuse counters); free text stays allowed. Also script-free in the
 * server-rendered form (a GET search that fills a <datalist>).
 */
describeEachDatabase('public report form: enterprise name search', (get) => {
  let t: TestApp;
  const search = (q: string, ip: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/public/enterprise-names?q=${encodeURIComponent(q)}`,
      remoteAddress: ip,
    });

  beforeAll(async () => {
    t = await buildTestApp(get());
    await setupEnterprises(t, 3700); // 测试企业3701有限公司, 测试企业3702有限公司 with credit codes and phones
  });

  it('answers names only, for the registry’s matches', async () => {
    const res = await search('测试企业37', '10.50.0.1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ names: ['测试企业3701有限公司', '测试企业3702有限公司'] });
    expect(res.body).not.toMatch(/1380000000\d|"id"|creditCode|91\d{4}/);
    expect((await search('3702', '10.50.0.1')).json()).toEqual({ names: ['测试企业3702有限公司'] });
    expect((await search('没有这家', '10.50.0.1')).json()).toEqual({ names: [] });
    // a LIKE wildcard is text, not a pattern
    expect((await search('%%', '10.50.0.1')).json()).toEqual({ names: [] });
    expect((await search('x', '10.50.0.1')).statusCode).toBe(400);
  });

  it('is rate-limited per address', async () => {
    const ip = '10.51.0.1';
    for (let i = 0; i < DEFAULT_LIMITS.searchesPerIp; i += 1) expect((await search('测试', ip)).statusCode).toBe(200);
    const refused = await search('测试', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('查找过于频繁');
    expect((await search('测试', '10.51.0.2')).statusCode).toBe(200);
  });

  it('the script-free form offers the names in a datalist and keeps free text', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/public/report?enterpriseQ=${encodeURIComponent('测试企业')}`,
      remoteAddress: '10.52.0.1',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<datalist id="enterprise-names">');
    expect(page.body).toContain('<option value="测试企业3701有限公司"></option>');
    expect(page.body).toContain('list="enterprise-names"');
    expect(page.body).not.toContain('13800000001');
    const none = await t.app.inject({
      method: 'GET',
      url: `/public/report?enterpriseQ=${encodeURIComponent('<script>x</script>')}`,
      remoteAddress: '10.52.0.1',
    });
    expect(none.body).toContain('名录中没有与“&lt;script&gt;x&lt;/script&gt;”相符的单位');
    expect(none.body).not.toContain('<script>x');
    expect(none.body).not.toContain('list="enterprise-names"');
  });
});
