import type { InjectOptions } from 'fastify';
import type { Db } from '../../src/db/database.ts';
import type { AccountName, TestApp } from '../app-harness.ts';

/**
 * The role × route matrix, split by domain. 'ok' = allowed (any answer but 401/403/404), 'deny' = 403 (401 when
 * anonymous), 'hidden' = 404, identical to a record that does not exist. A role left out of `access` means 'deny'.
 * route-matrix.test.ts fails when a registered /api route has no row in any matrix.
 */
export type Access = 'ok' | 'deny' | 'hidden';
export type Who = 'anonymous' | AccountName;

/** Who every row is tried as. An account added to app-harness for a new role is added here too. */
export const WHO: Who[] = ['anonymous', 'admin', 'staff', 'leader', 'dept_a', 'dept_b', 'enterprise'];

export interface MatrixCase<F> {
  route: string;
  request: (f: F) => InjectOptions;
  access: Partial<Record<Who, Access>>;
}

/** One domain's rows and the records they need, created once per database by `setup`. */
export interface DomainMatrix<F> {
  name: string;
  setup: (t: TestApp, db: Db) => Promise<F>;
  cases: MatrixCase<F>[];
}

export const OFFICE_ONLY = { admin: 'ok', staff: 'ok' } as const;
export const EVERY_SIGNED_IN = {
  admin: 'ok',
  staff: 'ok',
  leader: 'ok',
  dept_a: 'ok',
  dept_b: 'ok',
  enterprise: 'ok',
} as const;
export const PUBLIC = { anonymous: 'ok', ...EVERY_SIGNED_IN } as const;

/** Defines a domain's matrix with its fixture type inferred from `setup`. */
export function domainMatrix<F>(m: DomainMatrix<F>): DomainMatrix<F> {
  return m;
}
