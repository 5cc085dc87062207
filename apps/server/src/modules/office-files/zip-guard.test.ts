import { describe, expect, it } from 'vitest';
import { zipBombXlsx } from '../../../test/office-bombs.ts';
import { AppError } from '../../core/app-error.ts';
import { checkOfficeZip, readZipEntry } from './zip-guard.ts';

describe('zip directory check', () => {
  it('refuses a zip bomb from its directory alone, quickly', async () => {
    const bomb = await zipBombXlsx(120);
    const started = Date.now();
    const error = await checkOfficeZip(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file_too_complex');
    expect(Date.now() - started).toBeLessThan(1000);
  }, 60_000);

  it('passes a small office file, and reads one entry with a size cap', async () => {
    const small = await zipBombXlsx(0);
    const dir = await checkOfficeZip(small);
    expect(dir?.entries.map((e) => e.name)).toContain('xl/workbook.xml');
    expect((await readZipEntry(small, 'xl/workbook.xml', 10_000))?.toString()).toContain('<sheets>');
    expect(await readZipEntry(small, 'xl/workbook.xml', 10)).toBeNull();
    expect(await checkOfficeZip(Buffer.from('plain text'))).toBeNull();
  });
});
