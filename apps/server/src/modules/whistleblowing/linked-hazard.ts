import { createHazard, unitHazardScope } from '../hazards/hazards.service.ts';
import type { CreateLinkedHazard } from './conclude-report.ts';

/**
 * 查实 → a hazard in the register (channel 群众举报查实), through the hazards module's create use case, in the
 * conclusion's transaction. The hazard carries the reported place and description, never the reporter.
 */
export const createLinkedHazard: CreateLinkedHazard = (trx, input) =>
  createHazard(
    trx,
    unitHazardScope(input.orgUnitId),
    { orgUnitId: input.orgUnitId, actor: input.actor, actorName: '举报受理人', userId: input.userId },
    {
      enterpriseId: input.enterpriseId,
      channel: 'public_report',
      level: input.level,
      place: input.report.place.slice(0, 200),
      description: input.report.description.slice(0, 4000),
      foundOn: input.foundOn,
      foundBy: '群众举报查实',
      ...(input.basis ? { basisText: input.basis } : {}),
    },
  );
