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

/** The extension a detected type is stored and served under (jpeg as .jpg). */
const EXTENSION_OF: Record<string, string[]> = { jpeg: ['jpg', 'jpeg'], heif: ['heif', 'heic'] };

/**
 * The stored name's extension follows the detected content type: a PDF named "通知.hta" is kept as "通知.pdf", so a
 * download can never be opened as an .hta, .bat or .exe. A matching extension is kept as written.
 */
export function nameForType(name: string, kind: string): string {
  const allowed = EXTENSION_OF[kind] ?? [kind];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (allowed.includes(ext)) return name;
  const base = dot > 0 ? name.slice(0, dot) : name;
  const inner = base.lastIndexOf('.');
  if (inner > 0 && allowed.includes(base.slice(inner + 1).toLowerCase())) return base; // 'setup.pdf.exe' → 'setup.pdf'
  return `${base || '证明材料'}.${allowed[0]}`;
}
