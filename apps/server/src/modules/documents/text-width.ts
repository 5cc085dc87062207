/** Display width of text in half-width units: CJK and full-width forms count two, everything else one. Pure. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Where a long heading may break: after these characters a Chinese title reads naturally. */
const BREAK_AFTER = new Set(['于', '度', '坚', '动', '的', '年', '况', '单']);

/**
 * A title in one line, or two lines of similar width broken after a natural character, each at most `max` units
 * (a word processor would otherwise break it wherever the line is full).
 */
export function titleLines(title: string, max: number): string[] {
  if (displayWidth(title) <= max) return [title];
  const chars = Array.from(title);
  let best: { at: number; diff: number } | null = null;
  for (let i = 1; i < chars.length - 1; i += 1) {
    if (!BREAK_AFTER.has(chars[i - 1] ?? '')) continue;
    const left = displayWidth(chars.slice(0, i).join(''));
    const right = displayWidth(chars.slice(i).join(''));
    if (left > max || right > max) continue;
    const diff = Math.abs(left - right);
    if (!best || diff < best.diff) best = { at: i, diff };
  }
  const at = best?.at ?? Math.ceil(chars.length / 2);
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}
