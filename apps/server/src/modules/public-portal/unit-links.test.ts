import { describe, expect, it } from 'vitest';
import { withUnitLinks } from './unit-links.ts';

describe('withUnitLinks', () => {
  const page = [
    '<link rel="stylesheet" href="/public/portal.css">',
    '<a href="/public">首页</a><a href="/public#hazards">隐患</a><a href="/public/articles/a-1">文章</a>',
    '<form method="get" action="/public/report"><input name="enterpriseQ"></form>',
    '<form method="post" action="/public/lookup?x=1" enctype="multipart/form-data"></form>',
    '<a href="https://www.mem.gov.cn/">应急管理部</a>',
  ].join('');

  it('keeps the unit in the portal’s links and forms, and nowhere else', () => {
    const out = withUnitLinks(page, '1409-yp');
    expect(out).toContain('href="/public/portal.css"');
    expect(out).toContain('href="/public?unit=1409-yp"');
    expect(out).toContain('href="/public?unit=1409-yp#hazards"');
    expect(out).toContain('href="/public/articles/a-1?unit=1409-yp"');
    expect(out).toContain(
      '<form method="get" action="/public/report?unit=1409-yp"><input type="hidden" name="unit" value="1409-yp">',
    );
    expect(out).toContain('action="/public/lookup?x=1&amp;unit=1409-yp"');
    expect(out).toContain('href="https://www.mem.gov.cn/"');
  });

  it('leaves the default zone’s pages as they are and escapes the code', () => {
    expect(withUnitLinks(page, undefined)).toBe(page);
    expect(withUnitLinks('<a href="/public">x</a>', 'a"b')).toBe('<a href="/public?unit=a%22b">x</a>');
  });
});
