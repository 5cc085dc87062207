import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  checkCreditCode,
  creditCodeCheckChar,
  isValidCreditCode,
  normalizeCreditCode,
} from './credit-code.ts';

describe('统一社会信用代码 (GB 32100)', () => {
  it('has the 31-symbol alphabet without I O S V Z and weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const ch of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(ch);
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
  });

  it('accepts the published example 91350100M000100Y43', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({
      code: '91350100M000100Y43',
      valid: true,
      expected: null,
      position: null,
      message: null,
    });
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses every other last character of the example, naming position 18 and the expected "3"', () => {
    for (const ch of CREDIT_CODE_ALPHABET) {
      if (ch === '3') continue;
      const r = checkCreditCode(`91350100M000100Y4${ch}`);
      expect(r.valid).toBe(false);
      expect(r.position).toBe(18);
      expect(r.expected).toBe('3');
      expect(r.message).toContain('第18位');
      expect(r.message).toContain('“3”');
    }
  });

  it('maps a remainder of 0 to check character 0 (31 → 0)', () => {
    // Find a 17-character body whose weighted sum is ≡ 0 (mod 31): vary the 17th character.
    const base = '9111000010000000';
    let found = false;
    for (const ch of CREDIT_CODE_ALPHABET) {
      const body = base + ch;
      let sum = 0;
      for (let i = 0; i < 17; i++)
        sum += CREDIT_CODE_ALPHABET.indexOf(body.charAt(i)) * (CREDIT_CODE_WEIGHTS[i] as number);
      if (sum % 31 === 0) {
        expect(creditCodeCheckChar(body)).toBe('0');
        expect(isValidCreditCode(`${body}0`)).toBe(true);
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('detects every single-character substitution in the first 17 positions of the example', () => {
    const good = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const ch of CREDIT_CODE_ALPHABET) {
        if (ch === good.charAt(i)) continue;
        const r = checkCreditCode(good.slice(0, i) + ch + good.slice(i + 1));
        expect(r.valid).toBe(false);
        expect(r.position).toBe(18);
      }
    }
  });

  it('names the position of a letter outside the alphabet (I O S V Z, lower-case folded)', () => {
    const r = checkCreditCode('91350100M0001O0Y43');
    expect(r).toMatchObject({ valid: false, position: 14, expected: null });
    expect(r.message).toContain('第14位');
    expect(r.message).toContain('“O”');
    expect(checkCreditCode('9135010*M000100Y43')).toMatchObject({ valid: false, position: 8, expected: null });
  });

  it('reports a short or long code by position', () => {
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ valid: false, position: 18, expected: null });
    expect(checkCreditCode('91350100M000100Y4')?.message).toContain('18位');
    expect(checkCreditCode('91350100M000100Y433')).toMatchObject({ valid: false, position: 19, expected: null });
    expect(checkCreditCode('')).toMatchObject({ valid: false, position: 1 });
  });

  it('folds lower case, spaces and full-width characters before checking', () => {
    expect(normalizeCreditCode(' ９１３５０１００m０００１００y４３ ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(isValidCreditCode('9135 0100 M000 100Y 43')).toBe(true);
  });

  it('accepts any of the 31 characters as the 18th when it is the computed one (random bodies)', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const seen = new Set<string>();
    for (let n = 0; n < 3000; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) body += CREDIT_CODE_ALPHABET.charAt(next() % 31);
      const check = creditCodeCheckChar(body) as string;
      seen.add(check);
      expect(isValidCreditCode(body + check)).toBe(true);
    }
    expect(seen.size).toBe(31);
  });
});
