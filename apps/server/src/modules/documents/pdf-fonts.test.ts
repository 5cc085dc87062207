import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AppError } from '../../core/app-error.ts';
import { FONT_DIRECTORIES, resolvePdfFonts } from './pdf-fonts.ts';

it('without the CJK font, PDF export fails with a Chinese message naming the package to install', () => {
  let error: unknown;
  try {
    resolvePdfFonts(['/nonexistent/fonts']);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('dependency_missing');
  expect((error as AppError).message).toContain('fonts-noto-cjk');
  expect((error as AppError).message).toContain('中文字体');
});

it.runIf(existsSync(`${FONT_DIRECTORIES[0]}/NotoSansCJK-Regular.ttc`))('finds Debian’s Noto CJK collections', () => {
  const fonts = resolvePdfFonts();
  expect(fonts.heading).toBe('NotoSansCJK');
  expect(fonts.files.every((f) => f.endsWith('.ttc'))).toBe(true);
});
