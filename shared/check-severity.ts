/**
 * How Helm's lint messages and Berth's review checks rank as findings — one mapping for the
 * pre-submission report (main side) and the checks the UI shows, so they never disagree.
 */
import type { ChartLintMessage, ReviewCheckStatus } from './types/chart';

export type FindingSeverity = 'error' | 'warning' | 'info';

export const LINT_SEVERITY: Record<ChartLintMessage['severity'], FindingSeverity> = { ERROR: 'error', WARNING: 'warning', INFO: 'info' };

const CHECK_SEVERITY: Record<ReviewCheckStatus, FindingSeverity | undefined> = { fail: 'error', warn: 'warning', info: 'info', pass: undefined };

/** The severity of a review check's finding; a check that passed raises none. */
export function checkSeverity(status: ReviewCheckStatus): FindingSeverity | undefined {
  return CHECK_SEVERITY[status];
}
