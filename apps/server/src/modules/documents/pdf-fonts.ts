import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TFontDictionary } from 'pdfmake/interfaces';
import { AppError } from '../../core/app-error.ts';

/**
 * The CJK fonts PDF exports embed: Noto Sans CJK (headings, 黑体-like) and, when present, Noto Serif CJK (body,
 * 宋体-like), from Debian's fonts-noto-cjk. They are TrueType/OpenType collections; pdfmake opens one face of a
 * collection from `[path, postscriptName]` (its runtime supports this; @types/pdfmake only types a single source).
 */
export const FONT_DIRECTORIES = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/opentype/noto-cjk',
] as const;

export const SANS = 'NotoSansCJK';
export const SERIF = 'NotoSerifCJK';

export interface PdfFonts {
  fonts: TFontDictionary;
  /** Family for body text: the serif when installed, else the sans. */
  body: string;
  heading: string;
  /** Files pdfmake may read (its local access policy). */
  files: string[];
}

type FontSource = NonNullable<TFontDictionary[string]['normal']>;
const face = (path: string, postscriptName: string): FontSource => [path, postscriptName] as unknown as FontSource;

function find(directories: readonly string[], file: string): string | null {
  for (const dir of directories) {
    const path = join(dir, file);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The installed fonts, or a 503 naming the package to install. */
export function resolvePdfFonts(directories: readonly string[] = FONT_DIRECTORIES): PdfFonts {
  const sansRegular = find(directories, 'NotoSansCJK-Regular.ttc');
  const sansBold = find(directories, 'NotoSansCJK-Bold.ttc') ?? sansRegular;
  if (!sansRegular || !sansBold) {
    throw new AppError(
      'dependency_missing',
      '生成 PDF 需要中文字体 Noto Sans CJK（NotoSansCJK-Regular.ttc），本机未安装。' +
        '请安装软件包 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk）后重试。',
      { package: 'fonts-noto-cjk', searched: [...directories] },
    );
  }
  const fonts: TFontDictionary = {
    [SANS]: {
      normal: face(sansRegular, 'NotoSansCJKsc-Regular'),
      bold: face(sansBold, 'NotoSansCJKsc-Bold'),
      italics: face(sansRegular, 'NotoSansCJKsc-Regular'),
      bolditalics: face(sansBold, 'NotoSansCJKsc-Bold'),
    },
  };
  const files = [sansRegular, sansBold];
  const serifRegular = find(directories, 'NotoSerifCJK-Regular.ttc');
  const serifBold = find(directories, 'NotoSerifCJK-Bold.ttc') ?? serifRegular;
  if (serifRegular && serifBold) {
    fonts[SERIF] = {
      normal: face(serifRegular, 'NotoSerifCJKsc-Regular'),
      bold: face(serifBold, 'NotoSerifCJKsc-Bold'),
      italics: face(serifRegular, 'NotoSerifCJKsc-Regular'),
      bolditalics: face(serifBold, 'NotoSerifCJKsc-Bold'),
    };
    files.push(serifRegular, serifBold);
  }
  return { fonts, body: serifRegular ? SERIF : SANS, heading: SANS, files };
}
