/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-symbol alphabet 0-9 A-Z without I, O, S, V, Z.
 * Position 1 registering authority, 2 organisation type, 3–8 region code, 9–17 organisation code, 18 check
 * character. The check: Σ value(cᵢ) × wᵢ over the first 17 (wᵢ = 3^(i−1) mod 31), check = 31 − (Σ mod 31), 31 → 0.
 * Pure, used by the server (registry, import, CLI) and the web form alike.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export interface CreditCodeCheck {
  /** The code as checked: trimmed, full-width characters folded, upper case. */
  code: string;
  valid: boolean;
  /** The right check character when the first 17 are well-formed and the 18th is wrong; else null. */
  expected: string | null;
  /** 1-based position of the first problem (19 when the code is too long, the length+1 when too short); null if valid. */
  position: number | null;
  /** A Chinese message naming the position (and the expected character); null if valid. */
  message: string | null;
}

/** Trims, folds full-width letters/digits to ASCII and upper-cases: what a person typed or a sheet held. */
export function normalizeCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check);
}

function describeChar(ch: string): string {
  if (ch === 'I' || ch === 'O' || ch === 'S' || ch === 'V' || ch === 'Z') return `字母“${ch}”不用于信用代码`;
  return `“${ch}”不是信用代码允许的字符`;
}

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  const bad = (position: number, message: string, expected: string | null = null): CreditCodeCheck => ({
    code,
    valid: false,
    expected,
    position,
    message,
  });
  if (code.length === 0) return bad(1, '统一社会信用代码为空');
  for (let i = 0; i < Math.min(code.length, 18); i++) {
    const ch = code.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(ch)) {
      return bad(i + 1, `统一社会信用代码第${i + 1}位${describeChar(ch)}（应为数字或除 I、O、S、V、Z 以外的大写字母）`);
    }
  }
  if (code.length < 18)
    return bad(code.length + 1, `统一社会信用代码应为18位，只有${code.length}位（缺第${code.length + 1}位起）`);
  if (code.length > 18) return bad(19, `统一社会信用代码应为18位，实为${code.length}位（第19位起多余）`);
  const expected = creditCodeCheckChar(code.slice(0, 17)) as string;
  if (code.charAt(17) !== expected) {
    return bad(18, `统一社会信用代码第18位（校验位）应为“${expected}”，实为“${code.charAt(17)}”`, expected);
  }
  return { code, valid: true, expected: null, position: null, message: null };
}

export function isValidCreditCode(raw: string): boolean {
  return checkCreditCode(raw).valid;
}
