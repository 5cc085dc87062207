/**
 * Spreadsheet formula injection (CSV/DDE injection): text that starts with = + - @ (or a tab or carriage return
 * before one) would run as a formula if a spreadsheet took it as input. We never write formulas: every user text
 * goes in as a string cell (exceljs writes it as a shared string, `t="s"`), and text cells get the Text number
 * format `@` — what Excel's leading apostrophe does, kept as a cell property — so that editing such a cell in Excel
 * or WPS keeps it text instead of turning it into a formula. The text itself is not changed:
 * `=HYPERLINK("http://x","y")` reads back as exactly that. Returned sheets refuse a 工作进展 cell holding a formula.
 */
export const TEXT_FORMAT = '@';
