/**
 * A mentor who paused their availability makes it available again, from the "reactivate" link of
 * a proposal mail. Input: the token. Output: `reactivated`, `already_active`, or `not_paused` (the
 * mentor is neither paused nor active: awaiting validation, left the programme — the page says to
 * write to the CCI). Course: verify the link (purpose `reactivate_mentor`), then one transaction:
 * `paused` → `active`, availability entries written back, and a `capacity_appeared` job that
 * retries the unmatched mentees this mentor could serve.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale';
import type { CapacityAppearedJob } from '../domain/matching-jobs';
import { parseReactivationSubject } from '../links/matching-links';
import type { LinkSigner } from '../links/signed-links';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { MatchingStore } from '../ports/matching-store';

export type ReactivateMentorResult = { result: 'reactivated' | 'already_active' | 'not_paused' };

export function makeReactivateMentor({ store, links, clock }: { store: Pick<MatchingStore, 'reactivateMentor'>; links: LinkSigner; clock: Clock }) {
  return async function reactivateMentor(input: { token: string; locale?: Locale }): Promise<ReactivateMentorResult> {
    const claims = await links.verify(input.token, 'reactivate_mentor');
    const { mentorId } = parseReactivationSubject(claims.subject);
    const now = clock.now();
    const job: CapacityAppearedJob = { id: randomUUID(), kind: 'capacity_appeared', locale: input.locale ?? DEFAULT_LOCALE, recordedAt: now.toISOString(), mentorId };
    // One job per reactivation: a mentor paused again and reactivated later gets a new one.
    const result = await store.reactivateMentor({ mentorId, now, job: { job, dedupKey: `reactivated#${mentorId}#${now.toISOString()}` } });
    logger.info('Mentor reactivation', { result });
    return { result };
  };
}
