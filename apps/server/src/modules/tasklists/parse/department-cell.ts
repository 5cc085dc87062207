/**
 * Department cells: `应急管理部、建设环保管理部 督促企业落实`, `各专业委员会牵头`, `应急管理部（综合行政执法局）`,
 * `牵头单位：A；配合单位：B`, `A（牵头）、B（配合）`.
 */

import { toSimplified } from '@duban/shared/text/traditional';
import type { AssignmentRole, ParsedDepartment } from './tasklist-parse.types.ts';
import { collapseWhitespace } from './text-normalize.ts';

const SEPARATORS = new Set(['、', '，', ',', '；', ';', '／', '/', '\n', '\r']);
const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);

const SUFFIXES: ReadonlyArray<readonly [RegExp, AssignmentRole]> = [
  [/\s*(督促企业落实|督促落实)$/, 'supervise'],
  [/\s*牵头$/, 'lead'],
  [/\s*(配合|协助|参与|协同)$/, 'co'],
];

/** Labels inside a cell. `generic` (责任单位：) is co after a lead label in the same cell, else unlabelled. */
const LABELS: ReadonlyArray<readonly [RegExp, AssignmentRole | 'generic']> = [
  [/^(?:牵头|主办|主责)(?:责任)?(单位|部门)?\s*[:：]\s*/, 'lead'],
  [/^(配合|协办|协助|参与|协同|协作)(责任)?(单位|部门)?\s*[:：]\s*/, 'co'],
  [/^(督促企业落实|督促落实)\s*[:：]\s*/, 'supervise'],
  [/^(?:责任|承办|实施|落实|其他责任|其他)(?:单位|部门)\s*[:：]\s*/, 'generic'],
];

const ROLE_WORDS: Record<string, AssignmentRole> = {
  牵头: 'lead',
  配合: 'co',
  协助: 'co',
  协办: 'co',
  督促企业落实: 'supervise',
  督促落实: 'supervise',
};

/** Split on the separators, but not inside brackets (an alias may itself hold a 、). */
function splitPieces(cell: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let piece = '';
  for (const ch of cell) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      pieces.push(piece);
      piece = '';
    } else {
      piece += ch;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** Strip a pattern matched on the simplified text from the original (the mapping keeps lengths). */
function stripMatch(original: string, pattern: RegExp): { rest: string; matched: boolean; atStart: boolean } {
  const match = pattern.exec(toSimplified(original));
  if (match === null) return { rest: original, matched: false, atStart: false };
  const rest = original.slice(0, match.index) + original.slice(match.index + match[0].length);
  return { rest, matched: true, atStart: match.index === 0 };
}

interface Piece {
  name: string;
  alias: string | null;
  /** Role given by a suffix on this piece: it applies to the pieces before it that have none. */
  suffixRole: AssignmentRole | null;
  /** Role given by a label (`牵头单位：`) in force for this piece. */
  labelRole: AssignmentRole | null;
}

function readPiece(
  raw: string,
  labelRole: AssignmentRole | null,
  sawLead: boolean,
): Piece & { newLabel: AssignmentRole | null; labelled: boolean } {
  let text = collapseWhitespace(raw);
  let newLabel: AssignmentRole | null = null;
  let labelled = false;
  for (const [pattern, role] of LABELS) {
    const stripped = stripMatch(text, pattern);
    if (stripped.matched) {
      text = stripped.rest.trim();
      newLabel = role === 'generic' ? (sawLead ? 'co' : null) : role;
      labelled = true;
      break;
    }
  }
  let suffixRole: AssignmentRole | null = null;
  for (const [pattern, role] of SUFFIXES) {
    const stripped = stripMatch(text, pattern);
    // A cell that is only a role word (`…，牵头`) gives its role to the departments before it.
    if (stripped.matched && (!stripped.atStart || stripped.rest.trim() === '')) {
      text = stripped.rest.trim();
      suffixRole = role;
      break;
    }
  }
  let name = text;
  let alias: string | null = null;
  const bracket = /^(.*?)\s*[（(]([^（）()]*)[）)]$/.exec(text);
  if (bracket !== null) {
    const inner = (bracket[2] ?? '').trim();
    const roleWord = ROLE_WORDS[toSimplified(inner)];
    name = (bracket[1] ?? '').trim();
    if (roleWord !== undefined) suffixRole = suffixRole ?? roleWord;
    else if (name === '') name = inner;
    else if (inner !== '') alias = inner;
  }
  return { name, alias, suffixRole, labelRole: labelled ? newLabel : labelRole, newLabel, labelled };
}

/**
 * Parse one department cell. A role suffix (`督促企业落实`/`督促落实` → supervise, `牵头` → lead, `配合`/`协助` → co)
 * applies to its department and to every department listed before it without one. Departments left without a role
 * get `defaultRole` when given; otherwise the first listed is lead (排名第一的为牵头单位) and the others co.
 * Group names (安委会各成员单位, 各专业委员会…) are kept as names. Empty pieces and repeated names are dropped.
 */
/** A label written after other text in the cell (`牵头单位：A 配合单位：B`) starts a new piece. */
const INNER_LABEL =
  /(?:牵头|主办|主责|配合|协办|协助|参与|协同|协作|责任|承办|实施|落实)(?:责任)?(?:单位|部门)\s*[:：]/g;

function splitBeforeLabels(cell: string): string {
  const simplified = toSimplified(cell);
  let out = '';
  let last = 0;
  for (const m of simplified.matchAll(INNER_LABEL)) {
    if (m.index === 0) continue;
    out += `${cell.slice(last, m.index)}；`;
    last = m.index;
  }
  return out + cell.slice(last);
}

export function parseDepartmentCell(rawCell: string, defaultRole?: AssignmentRole): ParsedDepartment[] {
  const cell = splitBeforeLabels(rawCell);
  const pieces: Piece[] = [];
  let label: AssignmentRole | null = null;
  let sawLead = false;
  for (const raw of splitPieces(cell)) {
    const piece = readPiece(raw, label, sawLead);
    if (piece.labelled) label = piece.newLabel;
    if (piece.newLabel === 'lead') sawLead = true;
    pieces.push(piece);
  }

  const roles: Array<AssignmentRole | null> = pieces.map((piece) => piece.suffixRole ?? piece.labelRole);
  let groupStart = 0;
  pieces.forEach((piece, index) => {
    if (piece.suffixRole === null) return;
    for (let i = groupStart; i < index; i++) {
      if (roles[i] === null && pieces[i]?.name !== '') roles[i] = piece.suffixRole;
    }
    groupStart = index + 1;
  });

  const result: ParsedDepartment[] = [];
  const seen = new Set<string>();
  let hasLead = roles.includes('lead');
  pieces.forEach((piece, index) => {
    if (piece.name === '' || seen.has(piece.name)) return;
    seen.add(piece.name);
    let role = roles[index] ?? defaultRole ?? null;
    if (role === null) {
      role = hasLead ? 'co' : 'lead';
      hasLead = true;
    }
    result.push({ name: piece.name, alias: piece.alias, role });
  });
  return result;
}
