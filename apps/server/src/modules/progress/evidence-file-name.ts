/** Longest stored file name, in characters (code points). */
export const MAX_FILE_NAME_LENGTH = 200;

// C0/C1 controls, and the bidirectional overrides that can disguise an extension ("report‮fdp.exe").
const isUnsafeCodePoint = (c: number): boolean =>
  c < 0x20 ||
  (c >= 0x7f && c <= 0x9f) ||
  c === 0x200e ||
  c === 0x200f ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069);

/**
 * The name an evidence file is shown and downloaded under: the last path segment only, without control or
 * bidi characters and without `..`, at most 200 characters (the extension is kept when cutting). Never used as
 * a path: files are stored by content hash.
 */
export function sanitizeFileName(raw: string, fallbackExtension: string): string {
  const segment = raw.split(/[/\\]/).pop() ?? '';
  let name = Array.from(segment)
    .filter((ch) => !isUnsafeCodePoint(ch.codePointAt(0) ?? 0))
    .join('');
  while (name.includes('..')) name = name.replaceAll('..', '');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') return `证明材料.${fallbackExtension}`;
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_FILE_NAME_LENGTH).join('');
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
