/**
 * Receipt codes (回执码): 10 symbols from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), shown in
 * groups `ABCD-EFGH-JK`. 25^10 ≈ 9.5·10^13 codes. Input is read leniently: case, spaces and dashes do not matter.
 */
export const RECEIPT_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const RECEIPT_LENGTH = 10;

export function formatReceiptCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** The canonical form of what someone typed, or null when it cannot be a receipt code. */
export function normaliseReceiptCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-–—_]/g, '');
  if (compact.length !== RECEIPT_LENGTH) return null;
  for (const ch of compact) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return formatReceiptCode(compact);
}
