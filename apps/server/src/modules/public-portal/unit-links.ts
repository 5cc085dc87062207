/**
 * The portal's own links and forms keep the unit a reader chose (`/public?unit=<code>`, org units as tenants), so
 * the report form, the lookup and the articles stay in that zone. Rewrites only this portal's own markup: links and
 * form actions to /public… get `unit=`, and a GET form (its action's query is dropped by the browser) a hidden field.
 */
export function withUnitLinks(html: string, code: string | undefined): string {
  if (!code) return html;
  const q = encodeURIComponent(code);
  return html
    .replace(
      /\b(href|action)="(\/public(?!\/portal\.css)[^"#?]*)(\?[^"#]*)?(#[^"]*)?"/g,
      (_m, attr: string, path: string, query: string | undefined, hash: string | undefined) =>
        `${attr}="${path}${query ? `${query}&amp;` : '?'}unit=${q}${hash ?? ''}"`,
    )
    .replace(/<form\b[^>]*\bmethod="get"[^>]*>/g, (form) => `${form}<input type="hidden" name="unit" value="${q}">`);
}
