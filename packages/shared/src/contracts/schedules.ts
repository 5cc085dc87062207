import { z } from 'zod';
import type { OccurrenceStatus } from '../occurrence-status.ts';

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
