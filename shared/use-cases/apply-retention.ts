/**
 * The nightly retention job (docs/follow-up.md, "Retention"). Input: the scheduled job's
 * (`scheduledTime`, else the clock's). Output: counts.
 * Course, each part a bounded range read of an index, page by page (a progress line per page, with
 * counts only), never a Scan:
 * - unmatched mentees (`MENTEE#STATUS#unmatched`, by sign-up date) who signed up more than
 *   `unmatchedRetentionDays − retentionNoticeDays` ago and have no notice: the notice recorded
 *   with a `retention_notice` mail (erased on max(sign-up + unmatchedRetentionDays, now +
 *   retentionNoticeDays));
 * - those who signed up more than `unmatchedRetentionDays` ago and were noticed at least
 *   `retentionNoticeDays` ago: erased (the same erasure as on request), if the profile read again
 *   right before still says so (a mentee matched since has lost its notice: MatchingStore.startAttempt);
 * - closed tandems due in `DUE#TANDEM_RETENTION`: their check-in free texts and closing note
 *   removed, `anonymisedAt` set and the entry done; the mentee erased if `closed` and this tandem is
 *   its latest (no accepted proposal of a later attempt: the later tandem's retention erases it).
 * Every write is conditional: a job run twice (or a retry) does nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { addDays, CHECK_IN_ROLES, type FollowUpSettings } from '../domain/follow-up';
import type { MailJob } from '../domain/mail-job';
import type { Tandem } from '../domain/matching';
import type { MenteeProfile } from '../domain/people';
import { jobNow, type ScheduledJobInput } from '../domain/scheduled-job';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { FollowUpReads } from '../ports/follow-up-reads';
import type { PersonalDataStore, PersonHoldings } from '../ports/personal-data';
import type { ErasePerson } from './admin/erase-person';

/** Entries per page, and pages per part and run (the next night goes on). */
export const RETENTION_PAGE = 100;
export const RETENTION_MAX_PAGES = 50;

export interface ApplyRetentionResult {
  noticed: number;
  erased: number;
  tandemsAnonymised: number;
  /** Entries read and left as they are (a notice too recent, a mentee matching again…). */
  skipped: number;
}

export interface ApplyRetentionDeps {
  store: PersonalDataStore;
  reads: FollowUpReads;
  erasePerson: ErasePerson;
  settings: Pick<FollowUpSettings, 'unmatchedRetentionDays' | 'retentionNoticeDays'>;
  clock: Clock;
  newId?: () => string;
}

/** The day a notice announces: the erasure date, never sooner than a full notice period from now. */
export function erasesOn(createdAt: string, now: Date, s: Pick<FollowUpSettings, 'unmatchedRetentionDays' | 'retentionNoticeDays'>): string {
  const due = addDays(createdAt, s.unmatchedRetentionDays);
  const earliest = addDays(now.toISOString(), s.retentionNoticeDays);
  return (due > earliest ? due : earliest).slice(0, 10);
}

/**
 * An unmatched mentee the retention erases: signed up before `eraseBefore` and noticed (since it
 * last became unmatched: leaving `unmatched` voids the notice) at `noticedBefore` or earlier.
 */
function erasable(mentee: MenteeProfile, eraseBefore: string, noticedBefore: string): boolean {
  return mentee.status === 'unmatched' && mentee.createdAt < eraseBefore && mentee.retentionNoticeAt !== undefined && mentee.retentionNoticeAt <= noticedBefore;
}

/**
 * Whether a closed tandem's retention erases its mentee: the mentee is `closed` (neither matching
 * again nor in a tandem) and this tandem is its latest — no accepted proposal of a later attempt
 * (that later tandem's own retention erases the mentee, at its own date).
 */
function erasedWithTandem(holdings: PersonHoldings | undefined, tandem: Tandem): boolean {
  const mentee = holdings?.person;
  if (mentee?.role !== 'mentee' || mentee.status !== 'closed') return false;
  if (mentee.tandemId !== undefined && mentee.tandemId !== tandem.id) return false;
  return !holdings!.proposals.some((p) => p.status === 'accepted' && p.tandemId !== undefined && p.tandemId !== tandem.id && p.attempt > tandem.attempt);
}

export function makeApplyRetention({ store, reads, erasePerson, settings, clock, newId = randomUUID }: ApplyRetentionDeps) {
  async function unmatched(now: Date, result: ApplyRetentionResult) {
    const noticeBefore = new Date(addDays(now.toISOString(), -(settings.unmatchedRetentionDays - settings.retentionNoticeDays)));
    const eraseBefore = addDays(now.toISOString(), -settings.unmatchedRetentionDays);
    const noticedBefore = addDays(now.toISOString(), -settings.retentionNoticeDays);
    let cursor: string | undefined;
    for (let page = 1; page <= RETENTION_MAX_PAGES; page++) {
      const { items, cursor: next } = await store.unmatchedMentees({ createdBefore: noticeBefore, limit: RETENTION_PAGE, cursor });
      const counts = { noticed: 0, erased: 0, skipped: 0 };
      for (const mentee of items) {
        if (!mentee.retentionNoticeAt) {
          const mail: MailJob = {
            kind: 'mail',
            template: 'retention_notice',
            id: newId(),
            locale: mentee.locale,
            recordedAt: now.toISOString(),
            to: { role: 'mentee', personId: mentee.id },
            erasesOn: erasesOn(mentee.createdAt, now, settings),
          };
          // One notice per unmatched period: a mentee matched and unmatched again is at a later attempt
          // (MatchingStore.startAttempt), and the first notice's outbox item may not have expired yet.
          const dedupKey = `retention_notice#${mentee.id}#${mentee.matchingAttempt ?? 0}`;
          const recorded = await store.recordRetentionNotice({ menteeId: mentee.id, now, mail: { job: mail, dedupKey } });
          counts[recorded === 'recorded' ? 'noticed' : 'skipped']++;
        } else if (erasable(mentee, eraseBefore, noticedBefore)) {
          // The page is an index read: the mentee may have been matched since (its notice then
          // voided), or matched and unmatched again and noticed anew. Decide on the profile as it is.
          const current = (await store.readPerson('mentee', mentee.id))?.person;
          if (current?.role !== 'mentee' || !erasable(current, eraseBefore, noticedBefore)) {
            counts.skipped++;
            continue;
          }
          // Erased only as decided on: still unmatched with this notice, in the erasure's own write.
          const erased = await erasePerson({ role: 'mentee', personId: mentee.id, now, expect: { status: 'unmatched', retentionNoticeAt: current.retentionNoticeAt! } });
          counts[erased.status === 'erased' ? 'erased' : 'skipped']++;
        } else {
          counts.skipped++;
        }
      }
      result.noticed += counts.noticed;
      result.erased += counts.erased;
      result.skipped += counts.skipped;
      logger.info('Retention: unmatched mentees page', { page, read: items.length, ...counts });
      if (!next) return;
      cursor = next;
    }
  }

  async function closedTandems(now: Date, result: ApplyRetentionResult) {
    let cursor: string | undefined;
    for (let page = 1; page <= RETENTION_MAX_PAGES; page++) {
      const { items, cursor: next } = await store.dueTandemRetentions({ now, limit: RETENTION_PAGE, cursor });
      const counts = { anonymised: 0, erased: 0, skipped: 0 };
      for (const { tandemId } of items) {
        const followUp = await reads.getFollowUp(tandemId);
        if (!followUp || followUp.tandem.status === 'active') {
          counts.skipped++;
          continue;
        }
        for (const round of followUp.rounds) {
          for (const role of CHECK_IN_ROLES) {
            const answer = round.answers[role];
            if (answer && ('progress' in answer || 'privateNote' in answer)) await store.eraseAnswerTexts({ tandemId, seq: round.seq, role });
          }
        }
        const menteeId = followUp.tandem.menteeId;
        // Erased unless the mentee is in another tandem or matching again (its own retention applies
        // then), or had a later tandem (whose retention, later, erases it).
        if (erasedWithTandem(await store.readPerson('mentee', menteeId), followUp.tandem)) {
          const erased = await erasePerson({ role: 'mentee', personId: menteeId, now });
          if (erased.status === 'erased') counts.erased++;
        }
        // Last, so that a run interrupted before it finds the entry again.
        const done = await store.completeTandemRetention({ tandemId, now });
        counts[done === 'done' ? 'anonymised' : 'skipped']++;
      }
      result.tandemsAnonymised += counts.anonymised;
      result.erased += counts.erased;
      result.skipped += counts.skipped;
      logger.info('Retention: closed tandems page', { page, read: items.length, ...counts });
      if (!next) return;
      cursor = next;
    }
  }

  return async function applyRetention(input?: ScheduledJobInput): Promise<ApplyRetentionResult> {
    const now = jobNow(input, clock);
    const result: ApplyRetentionResult = { noticed: 0, erased: 0, tandemsAnonymised: 0, skipped: 0 };
    await unmatched(now, result);
    await closedTandems(now, result);
    logger.info('Retention applied', { ...result });
    return result;
  };
}
