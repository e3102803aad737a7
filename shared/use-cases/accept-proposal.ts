/**
 * The mentor accepted: create the tandem.
 * Input: `{menteeId, attempt, mentorId}`. Output: `tandem_created` with its id, or
 * `capacity_gone` (the workflow moves on to the next candidate).
 * Course: one transaction (store.createTandem) creates the tandem, counts it on the mentor under
 * the condition that a place is left, moves the mentee from `awaiting_match` (at this attempt) to
 * `in_tandem`, marks the proposal accepted and records the introduction mails to the mentor, the
 * mentee and, when the mentee was referred, the partner, and puts the tandem's follow-up (its first
 * check-in round, its three outcome surveys, its armed silence watch: `initialSchedule` with the
 * stage's `followUp` settings). The tandem's id is derived from the
 * mentee and the mentor (a name-based UUID), so a retried task finds the tandem its first try
 * created rather than making a second. A mentee who left the attempt → MatchingSupersededError.
 */
import { createHash } from 'node:crypto';
import { MatchingSupersededError } from '../domain/errors';
import { FOLLOW_UP_DEFAULTS, initialSchedule, type FollowUpSettings } from '../domain/follow-up';
import type { AcceptOutput, Tandem } from '../domain/matching';
import { logger } from '../observability/logger';
import type { RecordedJob } from '../ports/matching-store';
import { defaultNewId, mailJob, type MatchingDeps } from './matching-context';

/** Namespace of tandem ids (a random UUID, fixed forever: changing it would change every id). */
const TANDEM_NAMESPACE = '5b0c7a39-1f64-4d8e-9a51-2f0c6f3e8d17';

/** A name-based UUID (version 5, SHA-1, RFC 9562) of `name` in `namespace`: the same inputs give the same id. */
export function nameBasedUuid(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The one tandem a mentee and a mentor can have (a proposal is one per pair, ever). */
export const tandemIdOf = (menteeId: string, mentorId: string): string => nameBasedUuid(TANDEM_NAMESPACE, `${menteeId}#${mentorId}`);

export interface AcceptProposalDeps extends Pick<MatchingDeps, 'store' | 'clock' | 'newId'> {
  /**
   * The stage's follow-up settings (the first check-in's delay, the silence delay).
   * @default FOLLOW_UP_DEFAULTS - tests and the capacity bench; the function passes the stage's
   */
  followUp?: FollowUpSettings;
}

export function makeAcceptProposal({ store, clock, newId = defaultNewId, followUp = FOLLOW_UP_DEFAULTS }: AcceptProposalDeps) {
  return async function acceptProposal({ menteeId, attempt, mentorId }: { menteeId: string; attempt: number; mentorId: string }): Promise<AcceptOutput> {
    const now = clock.now();
    const [found, mentor] = await Promise.all([store.getMentee(menteeId), store.getMentor(mentorId)]);
    if (!found) throw new MatchingSupersededError('The mentee is gone');
    const { mentee } = found;
    const tandem: Tandem = {
      id: tandemIdOf(menteeId, mentorId),
      menteeId,
      mentorId,
      ...(mentee.partnerId ? { partnerId: mentee.partnerId } : {}),
      track: mentee.track,
      status: 'active',
      startedAt: now.toISOString(),
      attempt,
    };
    const mails = (created: Tandem): RecordedJob[] => {
      const introduction = (to: 'mentor' | 'mentee' | 'partner'): RecordedJob => ({
        job: mailJob(now, newId(), to === 'mentee' ? mentee.locale : to === 'mentor' ? (mentor?.locale ?? 'fr') : 'fr', {
          template: 'introduction',
          to: to === 'partner' ? { partnerId: created.partnerId! } : { role: to, personId: to === 'mentee' ? menteeId : mentorId },
          tandemId: created.id,
        }),
        dedupKey: `introduction#${created.id}#${to}`,
      });
      return [introduction('mentor'), introduction('mentee'), ...(created.partnerId ? [introduction('partner')] : [])];
    };
    const result = await store.createTandem({ tandem, now, mails, schedule: initialSchedule(tandem, followUp) });
    logger.info('Accept', { menteeId, attempt, mentorId, outcome: result.outcome });
    switch (result.outcome) {
      case 'created':
        return { outcome: 'tandem_created', tandemId: result.tandem.id };
      case 'capacity_gone':
        return { outcome: 'capacity_gone' };
      case 'mentee_gone':
        throw new MatchingSupersededError('The mentee is no longer awaiting a match at this attempt');
    }
  };
}
