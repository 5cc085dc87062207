/**
 * Splitting a normalised deadline text into clauses: on ，,；;、。 and line breaks, with each top-level
 * parenthesised part `（…）` taken out as its own group of clauses (a conditional rule).
 */

export interface ClauseSpan {
  /** Start and end in the text (normalizeChars keeps positions, so they point into the original too). */
  start: number;
  end: number;
  /** Index of the parenthesised group the clause is in, or null at top level. */
  group: number | null;
  /** The separator just before the clause ('、', ',', …), or null for the first clause of its level. */
  joinedBy: string | null;
}

export interface SplitText {
  clauses: ClauseSpan[];
  /** inGroup[i]: position i is inside a parenthesised group or is one of its brackets. */
  inGroup: boolean[];
}

const SEPARATOR = /[,;、。\n\r]/;

function findGroups(text: string): { start: number; end: number }[] {
  const groups: { start: number; end: number }[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ start: open, end: i + 1 });
    }
  }
  return groups;
}

function splitRange(text: string, from: number, to: number, group: number | null, skip: boolean[]): ClauseSpan[] {
  const out: ClauseSpan[] = [];
  let start = from;
  let joinedBy: string | null = null;
  for (let i = from; i <= to; i++) {
    if (i === to || (!skip[i] && SEPARATOR.test(text.charAt(i)))) {
      let a = start;
      let b = i;
      while (a < b && (skip[a] || /\s/.test(text.charAt(a)))) a++;
      while (b > a && (skip[b - 1] || /\s/.test(text.charAt(b - 1)))) b--;
      if (b > a) out.push({ start: a, end: b, group, joinedBy });
      if (i < to) joinedBy = text.charAt(i);
      start = i + 1;
    }
  }
  return out;
}

export function splitClauses(text: string): SplitText {
  const groups = findGroups(text);
  const inGroup = Array.from({ length: text.length }, () => false);
  for (const g of groups) for (let i = g.start; i < g.end; i++) inGroup[i] = true;
  const topLevel = splitRange(text, 0, text.length, null, inGroup);
  const noSkip = Array.from({ length: text.length }, () => false);
  const inner = groups.flatMap((g, gi) => splitRange(text, g.start + 1, g.end - 1, gi, noSkip));
  const clauses = [...topLevel, ...inner].sort((a, b) => a.start - b.start);
  return { clauses, inGroup };
}

/** The clause's text with any parenthesised group inside it left out (for top-level clauses). */
export function clauseText(text: string, span: ClauseSpan, inGroup: boolean[]): string {
  if (span.group !== null) return text.slice(span.start, span.end);
  let out = '';
  for (let i = span.start; i < span.end; i++) if (!inGroup[i]) out += text.charAt(i);
  return out.trim();
}
