import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipLines } from './escape-html.ts';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml("a & b's")).toBe('a &amp; b&#39;s');
    expect(escapeHtml(null)).toBe('');
  });
  it('joins tooltip lines with the only markup being <br/>', () => {
    expect(tooltipLines(['<b>部门</b>', '完成率：50%'])).toBe('&lt;b&gt;部门&lt;/b&gt;<br/>完成率：50%');
  });
});
