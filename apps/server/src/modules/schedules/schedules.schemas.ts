import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { z } from 'zod';

/** The statuses of packages/shared/src/occurrence-status.ts as a zod enum, for every API that returns one. */
export const OccurrenceStatusSchema = z.enum([
  'pending',
  'due-soon',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'done-late',
] as const satisfies readonly OccurrenceStatus[]);
