/** Small text helpers shared by the parsers: whitespace, CJK spacing, traditional → simplified for header words. */

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65“”‘’';
const AND_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+and\\s+(?=[${CJK}])`, 'gu');
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

/** Collapse whitespace runs to one space, trim, and drop a space that sits between two CJK characters. */
export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim().replace(SPACE_BETWEEN_CJK, '');
}

/** 工作任务 text: PDF artefact ` and ` between CJK characters → 和, then whitespace collapsed. Nothing else rewritten. */
export function cleanTaskText(value: string): string {
  return collapseWhitespace(value.replace(AND_BETWEEN_CJK, '和'));
}

export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** Fullwidth digits → ASCII digits. */
export function asciiDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
