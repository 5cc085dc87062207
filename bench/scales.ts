import type { DialectName } from '../apps/server/src/db/database.ts';

/**
 * Synthetic data sizes. Every unit gets one campaign and a task list per year (2024–2026); tasks, assignments,
 * schedule rules and occurrences follow fixed arithmetic patterns (see generate.ts), so a size is reproducible.
 */
export interface Scale {
  name: 'city' | 'province';
  units: number;
  tasksPerList: number;
  departmentsPerUnit: number;
  /** Every n-th task is assigned to all departments (安委会各成员单位 expanded to its members). */
  allDepartmentsEvery: number;
  /** Other tasks have 1..maxDepartments departments (the first one leads). */
  maxDepartments: number;
  /** Share (percent) of occurrences due before the data date that have a report. */
  reportPercent: number;
  /** Share (percent) of submitted/accepted occurrences that also have an earlier, returned report. */
  historyPercent: number;
  databases: readonly DialectName[];
}

export const SCALES: Record<Scale['name'], Scale> = {
  city: {
    name: 'city',
    units: 1,
    tasksPerList: 300,
    departmentsPerUnit: 60,
    allDepartmentsEvery: 6,
    maxDepartments: 7,
    reportPercent: 75,
    historyPercent: 35,
    databases: ['sqlite', 'postgres'],
  },
  province: {
    name: 'province',
    units: 200,
    tasksPerList: 144,
    departmentsPerUnit: 30,
    allDepartmentsEvery: 6,
    maxDepartments: 7,
    reportPercent: 30,
    historyPercent: 28,
    databases: ['postgres'],
  },
};

/** The lists' years; the benchmark reads the middle one. */
export const YEARS = [2024, 2025, 2026] as const;
export const BENCH_YEAR = 2025;
/** The data's "today": occurrences due before it are past (reported or overdue); the dashboard uses it as asOf. */
export const DATA_AS_OF = '2025-07-01';
