import sanitizeHtml from 'sanitize-html';

/**
 * Rich text of knowledge articles, sanitised on the server when it is saved (and again when rendered): a small set
 * of text tags, links to http(s)/mailto only (rel noopener, no target), images from this site only, no attributes
 * that can run code (on*, style), no script, iframe, svg or form.
 */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'h2',
      'h3',
      'h4',
      'p',
      'br',
      'hr',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'blockquote',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'img',
      'code',
      'pre',
      'span',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
    exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/[^/]/.test(frame.attribs.src ?? ''),
  });
}

/** A URL name from the title: ASCII words kept, otherwise a dated id. */
export function slugFor(title: string, id: number): string {
  const ascii = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return ascii ? `${ascii}-${id}` : `article-${id}`;
}
