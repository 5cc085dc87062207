/** Public result types of the task-list file parsers (pure: bytes in, rows out, no database). */

export type AssignmentRole = 'lead' | 'co' | 'supervise';

export interface ParsedDepartment {
  name: string;
  alias: string | null;
  role: AssignmentRole;
}

export interface RawTaskRow {
  /** Where it is in the source: line (text/csv, 1-based), sheet row (xlsx), table row (docx, 1-based, counting the header). */
  row: number;
  /** The whole joined category title, e.g. '（一）开展安全生产责任大落实行动'; '' if the list has no categories. */
  category: string;
  /**
   * 序号: a number when it is an integer, else the label as written (e.g. '1.2'). A list without a 序号 column is
   * numbered in row order (1, 2, …), with `noWritten` false; a label written at the start of the task cell
   * (`1.`, `（三）`) is kept as written instead.
   */
  no: number | string;
  /** False when the list has no 序号 and the number was given in row order. Absent = written. */
  noWritten?: boolean;
  /** 工作任务, whitespace collapsed. */
  text: string;
  departments: ParsedDepartment[];
  /** The raw department cell(s) as written (lead and co cells joined with '；'). */
  departmentsText: string;
  /** 完成时限 as written (trimmed). */
  deadline: string;
  /** 工作进展/完成情况 when the source has it filled, else null. */
  progress: string | null;
}

/** A row that could not be imported as it is; the message is Chinese and names the field that is wrong. */
export interface ImportProblem {
  row: number;
  message: string;
}

export interface ParsedTaskList {
  format: 'text' | 'xlsx' | 'docx' | 'csv';
  title: string | null;
  tasks: RawTaskRow[];
  problems: ImportProblem[];
}

/** One row of a source table, cells already turned into text (merged cells resolved by the reader). */
export interface SourceRow {
  row: number;
  cells: string[];
  /** How to name the row in problem messages; default `第{row}行`. */
  label?: string;
}

export type ColumnField = 'category' | 'no' | 'task' | 'departments' | 'lead' | 'co' | 'deadline' | 'progress';

/** Column index (0-based) of each recognised field; `task` is always present, `no` absent in lists without 序号. */
export type HeaderMap = Partial<Record<ColumnField, number>> & { task: number };
