import { describe, expect, it } from 'vitest';
import { parseTaskListFile } from './parse-tasklist-file.ts';
import { TaskListFileError } from './tasklist-file-error.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic noise (a linear congruential generator), never starting with a ZIP or OLE signature. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[i] = state >> 16;
  }
  bytes[0] = 0x01;
  return bytes;
}

describe('parseTaskListFile: files that cannot be read', () => {
  it('an empty file', async () => {
    await expect(parseTaskListFile(new Uint8Array(), 'a.xlsx')).rejects.toThrow(/文件为空/);
    await expect(parseTaskListFile(utf8(' \r\n\t\n'), 'a.txt')).rejects.toThrow(/文件为空/);
    await expect(parseTaskListFile(new Uint8Array([0xef, 0xbb, 0xbf]), 'a.csv')).rejects.toThrow(/文件为空/);
  });

  it('random bytes', async () => {
    const error = await parseTaskListFile(noise(4096), 'a.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskListFileError);
    expect((error as Error).message).toMatch(/无法识别文件格式/);
  });

  it('text without a recognisable header names the expected columns', async () => {
    await expect(parseTaskListFile(utf8('姓名,电话\n张三,123\n'), 'a.csv')).rejects.toThrow(
      /未找到表头.*“序号”和“工作任务”/,
    );
  });

  it('a header without task rows', async () => {
    await expect(parseTaskListFile(utf8('序号,工作任务,责任部门,完成时限\n\n'), 'a.csv')).rejects.toThrow(
      /找到了表头，但没有可导入的任务行/,
    );
  });

  it('a ZIP that is neither .xlsx nor .docx, and legacy .xls', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise(200)]);
    await expect(parseTaskListFile(zip, 'a.zip')).rejects.toBeInstanceOf(TaskListFileError);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(parseTaskListFile(xls, 'a.xls')).rejects.toThrow(/旧版 Office 格式/);
  });
});

describe('parseTaskListFile: CSV', () => {
  it('reads quoted multi-line cells and numbers rows by their first line', async () => {
    const csv = [
      '任务清单（2025年）,,,',
      '序号,工作任务,责任单位,完成时限',
      '1,"第一行',
      '第二行",应急管理部,2025年底前',
      '2,"普通任务，含逗号",应急管理部,长期坚持',
      '3,"说""明""任务","党群工作部',
      '综合办公室",长期坚持',
    ].join('\n');
    const list = await parseTaskListFile(utf8(csv), 'list.csv');
    expect(list.format).toBe('csv');
    expect(list.title).toBe('任务清单（2025年）');
    expect(list.tasks.map((t) => [t.row, t.no, t.text])).toEqual([
      [3, 1, '第一行第二行'],
      [5, 2, '普通任务，含逗号'],
      [6, 3, '说"明"任务'],
    ]);
    expect(list.tasks[2]?.departments.map((d) => [d.name, d.role])).toEqual([
      ['党群工作部', 'lead'],
      ['综合办公室', 'co'],
    ]);
    expect(list.problems).toEqual([]);
  });

  it('reports rows that are not tasks, never dropping them silently', async () => {
    const csv = [
      '类别,序号,工作任务,责任部门,完成时限,工作进展',
      '一、专项整治行动,,,,,',
      ',1,排查隐患,应急管理部,2025年6月底前,已排查12家',
      ',,无序号的任务,应急管理部,长期坚持,',
      ',1.2,子任务,应急管理部,,',
      ',x,,,,',
      ',,,应急管理部,,',
      ',综合办公室”,长期坚持,,,',
      '二、宣传行动,,,,,',
      ',1,开展宣传,党群工作部,长期坚持,',
    ].join('\r\n');
    const list = await parseTaskListFile(utf8(csv), 'list.csv');
    expect(list.tasks.map((t) => [t.row, t.category, t.no, t.progress])).toEqual([
      [3, '一、专项整治行动', 1, '已排查12家'],
      [5, '一、专项整治行动', '1.2', null],
      [10, '二、宣传行动', 1, null],
    ]);
    expect(list.problems).toEqual([
      { row: 4, message: '第4行：序号为空，工作任务“无序号的任务”未导入' },
      { row: 5, message: '第5行：完成时限为空（序号“1.2”）' },
      { row: 6, message: '第6行：序号“x”不是数字，工作任务为空' },
      { row: 7, message: '第7行：序号和工作任务均为空，无法识别（内容：“应急管理部”）' },
      { row: 8, message: '第8行：序号“综合办公室””不是有效的编号，工作任务“长期坚持”未导入' },
    ]);
  });

  it('a header without 责任部门 or 完成时限 columns is reported once, at the header row', async () => {
    const list = await parseTaskListFile(utf8('附件2\n编号,任务内容\n1,开展培训\n'), 'list.csv');
    expect(list.title).toBeNull();
    expect(list.tasks.map((t) => [t.no, t.text, t.departments, t.deadline])).toEqual([[1, '开展培训', [], '']]);
    expect(list.problems).toEqual([
      { row: 2, message: '第2行：表头缺少“责任部门”列' },
      { row: 2, message: '第2行：表头缺少“完成时限”列' },
    ]);
  });
});
