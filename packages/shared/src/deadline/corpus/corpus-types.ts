/**
 * A labelled 完成时限 phrase for the scoring test. `expect` is the reading a person gives it, written as
 * `describeRules` prints rules (see corpus-score.ts), or 'review' when a person could not date it either.
 */
export interface CorpusSource {
  /** Issuer and document title of the published task list the phrases come from. */
  source: string;
  /** The list's year. */
  year: number;
  entries: ReadonlyArray<readonly [text: string, expect: string]>;
}
