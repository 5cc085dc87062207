import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml, slugFor } from './sanitize-article.ts';

describe('article sanitising', () => {
  it('keeps text formatting and removes everything that can run code', () => {
    const out = sanitizeArticleHtml(
      '<h2>标题</h2><p onclick="alert(1)">安全<strong>生产</strong></p><script>alert(1)</script>' +
        '<img src=x onerror=alert(1)><img src="/logo.png" alt="logo"><a href="javascript:alert(1)">x</a>' +
        '<a href="https://example.cn" target="_blank">链接</a><svg onload=alert(1)></svg><iframe src="https://x"></iframe>' +
        '<p style="background:url(javascript:alert(1))">s</p><form><input></form>',
    );
    expect(out).toContain('<h2>标题</h2>');
    expect(out).toContain('<strong>生产</strong>');
    expect(out).toContain('<img src="/logo.png" alt="logo" />');
    expect(out).toContain('<a href="https://example.cn" rel="noopener noreferrer nofollow">链接</a>');
    for (const bad of [
      'script',
      'onerror',
      'onclick',
      'javascript:',
      'svg',
      'iframe',
      'style=',
      'target',
      '<form',
      '<input',
      'src="x"',
    ]) {
      expect(out).not.toContain(bad);
    }
  });
  it('makes URL names', () => {
    expect(slugFor('Fire Safety 101', 3)).toBe('fire-safety-101-3');
    expect(slugFor('消防安全', 4)).toBe('article-4');
  });
});
