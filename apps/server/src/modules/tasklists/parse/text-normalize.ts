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

/** Traditional → simplified pairs for the characters that occur in task-list headers and department cells. */
const TRADITIONAL_PAIRS =
  '責责門门單单時时間间進进號号內内務务編编類类別别項项動动領领頭头牽牵協协辦办與与參参構构機机體体處处況况實实際际節节點点專专業业檢检舉举對对劃划論论標标題题達达區区計计經经濟济發发規规範范據据說说這这個个報报監监導导織织組组黨党羣群綜综財财運运營营負负歸归會会員员設设環环應应數数條条關关揮挥統统開开學学習习幹干傳传';

const TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
  TRADITIONAL.set(TRADITIONAL_PAIRS.charAt(i), TRADITIONAL_PAIRS.charAt(i + 1));
}

/** Map the traditional characters we know to simplified ones (character by character). */
export function toSimplified(value: string): string {
  let out = '';
  for (const ch of value) out += TRADITIONAL.get(ch) ?? ch;
  return out;
}
