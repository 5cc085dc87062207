import { apiTokensMatrix } from './api-tokens.matrix.ts';
import { calendarMatrix } from './calendar.matrix.ts';
import { enterprisesMatrix } from './enterprises.matrix.ts';
import { hazardsMatrix } from './hazards.matrix.ts';
import { inspectionsMatrix } from './inspections.matrix.ts';
import type { DomainMatrix } from './matrix-types.ts';
import { pilotGapsMatrix } from './pilot-gaps.matrix.ts';
import { rollupMatrix } from './rollup.matrix.ts';
import { supervisionBatchesMatrix } from './supervision-batches.matrix.ts';
import { whistleblowingMatrix } from './whistleblowing.matrix.ts';

/**
 * Every domain matrix besides the core loop's (route-matrix.test.ts). A new module adds its file
 * (matrix/<domain>.matrix.ts) and one line here.
 */
// biome-ignore lint/suspicious/noExplicitAny: each domain has its own fixture type
export const DOMAIN_MATRICES: DomainMatrix<any>[] = [
  supervisionBatchesMatrix,
  apiTokensMatrix,
  whistleblowingMatrix,
  enterprisesMatrix,
  hazardsMatrix,
  inspectionsMatrix,
  calendarMatrix,
  pilotGapsMatrix,
  rollupMatrix,
];
