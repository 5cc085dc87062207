/**
 * Escapes text for ECharts tooltip formatters and any other HTML sink: names come from imported lists (category
 * titles, department names) and must never become markup in the office's and leaders' browsers.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tooltip lines joined with <br/>: every line escaped, the only markup is the line break. */
export function tooltipLines(lines: readonly unknown[]): string {
  return lines.map(escapeHtml).join('<br/>');
}
