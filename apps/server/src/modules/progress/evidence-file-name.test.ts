import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_FILE_NAME_LENGTH, sanitizeFileName } from './evidence-file-name.ts';

describe('sanitizeFileName', () => {
  it.each([
    ['整改报告.pdf', '整改报告.pdf'],
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\system.ini.pdf', 'system.ini.pdf'],
    ['C:\\Users\\张三\\桌面\\台账.xlsx', '台账.xlsx'],
    ['a..b.pdf', 'ab.pdf'],
    ['....pdf', 'pdf'],
    ['report\u0000\n\r\t.pdf', 'report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  .hidden.pdf  ', 'hidden.pdf'],
    ['', '证明材料.pdf'],
    ['../..', '证明材料.pdf'],
    ['/', '证明材料.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFileName(raw, 'pdf')).toBe(expected);
  });

  it('cuts long names to 200 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'安'.repeat(300)}.docx`, 'docx');
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('安.docx')).toBe(true);
    expect(Array.from(sanitizeFileName('x'.repeat(500), 'pdf'))).toHaveLength(MAX_FILE_NAME_LENGTH);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('整改 报告(1).pdf')).toBe(
      `attachment; filename="__ __(1).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%20%E6%8A%A5%E5%91%8A%281%29.pdf`,
    );
    expect(attachmentDisposition('a"b\\c;d.pdf')).toBe(
      `attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf`,
    );
  });
});

describe('nameForType', () => {
  it('gives the stored name the extension of the detected type', async () => {
    const { nameForType } = await import('./evidence-file-name.ts');
    expect(nameForType('通知.hta', 'pdf')).toBe('通知.pdf');
    expect(nameForType('检查记录.PDF', 'pdf')).toBe('检查记录.PDF');
    expect(nameForType('run.bat', 'png')).toBe('run.png');
    expect(nameForType('photo.jpg', 'jpeg')).toBe('photo.jpg');
    expect(nameForType('setup.pdf.exe', 'pdf')).toBe('setup.pdf');
    expect(nameForType('无扩展名', 'docx')).toBe('无扩展名.docx');
  });
});
