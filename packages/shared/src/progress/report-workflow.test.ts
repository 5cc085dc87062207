import { describe, expect, it } from 'vitest';
import {
  isAwaitingReview,
  isEditable,
  isOpen,
  occurrenceReportState,
  REPORT_STATUSES,
  submissionTarget,
} from './report-workflow.ts';

describe('report workflow', () => {
  it.each([
    ['draft', true, 'submitted', false, 'draft'],
    ['submitted', false, null, true, 'submitted'],
    ['returned', true, 'resubmitted', false, 'returned'],
    ['resubmitted', false, null, true, 'submitted'],
    ['accepted', false, null, false, 'accepted'],
  ] as const)(
    '%s: editable %s, submits to %s, awaiting review %s, occurrence %s',
    (status, edit, target, review, occ) => {
      expect(isEditable(status)).toBe(edit);
      expect(submissionTarget(status)).toBe(target);
      expect(isAwaitingReview(status)).toBe(review);
      expect(occurrenceReportState(status)).toBe(occ);
    },
  );

  it('an accepted report is the only closed one, and nothing leaves it', () => {
    for (const s of REPORT_STATUSES) expect(isOpen(s)).toBe(s !== 'accepted');
    expect(isEditable('accepted') || submissionTarget('accepted') !== null || isAwaitingReview('accepted')).toBe(false);
  });
});
