import type { Light } from './export/progress-cell.ts';

/**
 * Shared look of the .docx and PDF exports. Chinese official documents set the body in 仿宋 and headings in 黑体 /
 * 宋体; .docx names those fonts (Word on Windows has them; LibreOffice and WPS substitute, on Linux fontconfig maps
 * them to Noto CJK). PDF embeds Noto CJK (pdf-fonts.ts).
 */
export const DOCX_FONTS = {
  body: '仿宋',
  table: '宋体',
  heading: '黑体',
  title: '宋体',
  latin: 'Times New Roman',
} as const;

/** Traffic-light colours (hex without #), readable on white paper and in grey print. */
export const LIGHT_COLOR: Record<Light, string> = {
  green: '237804',
  yellow: 'AD6800',
  red: 'CF1322',
  grey: '8C8C8C',
};

export const LIGHT_NAME: Record<Exclude<Light, 'grey'>, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** A4 in twentieths of a point (twips) and in PDF points. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
export const A4_POINTS = { width: 595.28, height: 841.89 } as const;
