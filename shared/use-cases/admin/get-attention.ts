/**
 * The console's home page: what needs the CCI's attention now.
 * Input: nothing. Output: the Attention shape (back-office-schemas.ts).
 * Course, every read an index page (no Scan), in parallel: mentors waiting for validation (their
 * count and the 5 oldest); the 10 mentees waiting longest since they confirmed their address
 * (`awaiting_match` and `unmatched`); the 10 oldest proposals still pending, with the people's
 * names (one batch read) and the days they have waited; the 10 oldest `unmatched` mentees with
 * their last "no mentor found" report in words; the 10 oldest `matching_failed` mentees; the 20
 * newest open follow-up alerts (attention index `ALERT#OPEN`) with the tandem's people. The names
 * of proposals and alerts come in one batch read.
 */
import type { Attention } from '../../domain/back-office-schemas';
import type { MenteeProfile } from '../../domain/people';
import type { Clock } from '../../ports/clock';
import type { BackOfficeReads } from '../../ports/back-office-reads';
import { menteeSummary, mentorSummary, nameOf, unmatchedReportView, wholeDays } from './mentee-views';

export const ATTENTION_LIMITS = { mentorsToValidate: 5, menteesWaiting: 10, proposals: 10, unmatched: 10, failed: 10, alerts: 20 } as const;
/** Pages read per status to find the mentees waiting longest (a safety bound; a few suffice). */
const MAX_PAGES = 20;
const PAGE = 25;

export interface AttentionDeps {
  reads: BackOfficeReads;
  clock: Clock;
}

const waitingSince = (m: MenteeProfile) => m.verifiedAt ?? m.createdAt;

/**
 * The `count` mentees of a status with the oldest confirmation. The index is sorted by sign-up
 * date and a confirmation never precedes its sign-up, so reading stops once the next sign-up is
 * later than the `count`-th oldest confirmation found: no later page can hold an older one.
 */
async function longestWaiting(reads: BackOfficeReads, status: 'awaiting_match' | 'unmatched', count: number): Promise<MenteeProfile[]> {
  const found: MenteeProfile[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await reads.menteesByStatus(status, { cursor, limit: PAGE });
    found.push(...page.items);
    found.sort((a, b) => waitingSince(a).localeCompare(waitingSince(b)));
    cursor = page.nextCursor;
    const last = page.items.at(-1);
    if (!cursor || !last || (found.length >= count && last.createdAt >= waitingSince(found[count - 1]!))) break;
  }
  return found.slice(0, count);
}

export function makeGetAttention({ reads, clock }: AttentionDeps) {
  return async function getAttention(): Promise<Attention> {
    const now = clock.now();
    const [count, toValidate, awaiting, unmatchedLongest, pending, unmatched, failed, alerts] = await Promise.all([
      reads.countMentors('pending_validation'),
      reads.mentorsByStatus('pending_validation', { limit: ATTENTION_LIMITS.mentorsToValidate }),
      longestWaiting(reads, 'awaiting_match', ATTENTION_LIMITS.menteesWaiting),
      longestWaiting(reads, 'unmatched', ATTENTION_LIMITS.menteesWaiting),
      reads.pendingProposals({ limit: ATTENTION_LIMITS.proposals }),
      reads.menteesByStatus('unmatched', { limit: ATTENTION_LIMITS.unmatched }),
      reads.menteesByStatus('matching_failed', { limit: ATTENTION_LIMITS.failed }),
      reads.openAlerts(ATTENTION_LIMITS.alerts),
    ]);
    const names = await reads.namesOf(
      [...pending.items, ...alerts].flatMap((p) => [
        { role: 'mentee' as const, id: p.menteeId },
        { role: 'mentor' as const, id: p.mentorId },
      ]),
    );
    const waiting = [...awaiting, ...unmatchedLongest].sort((a, b) => waitingSince(a).localeCompare(waitingSince(b))).slice(0, ATTENTION_LIMITS.menteesWaiting);
    return {
      mentorsToValidate: { count, oldest: toValidate.items.map(mentorSummary) },
      menteesWaitingLongest: waiting.map((m) => menteeSummary(m, now)),
      proposalsUnanswered: pending.items.map((p) => ({
        mentee: nameOf(names, p.menteeId),
        mentor: nameOf(names, p.mentorId),
        createdAt: p.createdAt,
        expiresAt: p.expiresAt,
        ...(p.remindedAt ? { remindedAt: p.remindedAt } : {}),
        daysWaiting: wholeDays(p.createdAt, now),
      })),
      unmatched: unmatched.items.map((m) => ({ mentee: menteeSummary(m, now), ...(m.lastUnmatchedReport ? { report: unmatchedReportView(m.lastUnmatchedReport) } : {}) })),
      matchingFailed: failed.items.map((m) => menteeSummary(m, now)),
      tandemAlerts: alerts.map((a) => ({ tandemId: a.tandemId, kind: a.kind, raisedAt: a.raisedAt, raisedBy: a.raisedBy, mentee: nameOf(names, a.menteeId), mentor: nameOf(names, a.mentorId) })),
    };
  };
}
