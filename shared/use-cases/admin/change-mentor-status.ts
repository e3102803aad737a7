/**
 * The CCI validates, refuses, pauses or reactivates a mentor.
 * Input: the mentor's id, the action, and with `refuse` the reason (kept for the CCI only).
 * Output: the mentor's detail after the change.
 * Course: the transition table below decides from the status read; any other pair is 409
 * `invalid_transition` (an unknown mentor 404, a refusal without a reason 400). Then one
 * transaction, on condition that the profile is still as read: the new status and its index
 * attributes, the availability entries (written on validate and reactivate, removed on pause),
 * and the after-commit jobs — `capacity_appeared` when the mentor becomes available (unmatched
 * mentees are retried), the `mentor_validated` or `mentor_refused` mail (which never quotes the
 * reason). A profile changed meanwhile is read again: another status is then 409, a mere change
 * of load is retried.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeMentorStatusRequest, MentorAction, MentorDetail } from '../../domain/back-office-schemas';
import { ConflictError, ServiceUnavailableError, ValidationFailedError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import type { CapacityAppearedJob } from '../../domain/matching-jobs';
import { message } from '../../domain/messages';
import type { MentorProfile, MentorStatus } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { RecordedJob } from '../../ports/matching-store';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { mailJob } from '../matching-context';
import { findMentor, mentorDetail } from './get-mentor';

/** Each action's one allowed move. */
export const MENTOR_TRANSITIONS: Readonly<Record<MentorAction, { from: MentorStatus; to: MentorStatus }>> = {
  validate: { from: 'pending_validation', to: 'active' },
  refuse: { from: 'pending_validation', to: 'inactive' },
  pause: { from: 'active', to: 'paused' },
  reactivate: { from: 'paused', to: 'active' },
};

/** How many times a change is tried again after the profile changed under it (its status unchanged). */
const ROUNDS = 3;

export interface MentorAdminDeps {
  store: Pick<MentorAdminStore, 'getMentor' | 'saveMentor'>;
  clock: Clock;
  newId?: () => string;
}

/** A mentor who became available, or got places: retry the unmatched mentees it could serve. */
export function capacityAppeared(mentor: Pick<MentorProfile, 'id' | 'locale'>, now: Date, id: string): RecordedJob {
  const job: CapacityAppearedJob = { kind: 'capacity_appeared', id, locale: mentor.locale, recordedAt: now.toISOString(), mentorId: mentor.id };
  return { job, dedupKey: `capacity_appeared#${mentor.id}#${now.toISOString()}` };
}

export function makeChangeMentorStatus({ store, clock, newId = randomUUID }: MentorAdminDeps) {
  const jobsOf = (action: MentorAction, mentor: MentorProfile, now: Date): RecordedJob[] => {
    const to = { role: 'mentor' as const, personId: mentor.id };
    switch (action) {
      case 'validate':
        return [capacityAppeared(mentor, now, newId()), { job: mailJob(now, newId(), mentor.locale, { template: 'mentor_validated', to }), dedupKey: `mentor_validated#${mentor.id}` }];
      case 'refuse':
        return [{ job: mailJob(now, newId(), mentor.locale, { template: 'mentor_refused', to }), dedupKey: `mentor_refused#${mentor.id}` }];
      case 'reactivate':
        return [capacityAppeared(mentor, now, newId())];
      case 'pause':
        return [];
    }
  };

  return async function changeMentorStatus(input: { mentorId: string; request: ChangeMentorStatusRequest; locale: Locale }): Promise<MentorDetail> {
    const { mentorId, request, locale } = input;
    const { action } = request;
    const reason = request.reason?.trim();
    if (action === 'refuse' && !reason) throw new ValidationFailedError(message('validation_failed', locale), { reason: message('required', locale) });
    const transition = MENTOR_TRANSITIONS[action];

    for (let round = 0; round < ROUNDS; round++) {
      const mentor = await findMentor(store, mentorId);
      if (mentor.status !== transition.from) {
        throw new ConflictError('invalid_transition', `Cannot ${action} a mentor in ${mentor.status}`, { action, status: mentor.status });
      }
      const now = clock.now();
      // A pause by the CCI is marked, so that the reactivation link of an old proposal mail does not
      // undo it (MatchingStore.reactivateMentor); the CCI's own reactivation clears the mark.
      const { pausedBy: _pausedBy, ...unmarked } = mentor;
      const after: MentorProfile = {
        ...unmarked,
        status: transition.to,
        ...(action === 'pause' ? { pausedBy: 'cci' as const } : {}),
        ...(action === 'refuse' ? { refusal: { reason: reason!, at: now.toISOString() } } : {}),
      };
      const outcome = await store.saveMentor({ before: mentor, after, now, jobs: jobsOf(action, mentor, now) });
      if (outcome === 'saved') {
        logger.info('Mentor status changed by the CCI', { mentorId, action, from: mentor.status, to: after.status });
        return mentorDetail(after);
      }
    }
    throw new ServiceUnavailableError('The mentor kept changing; retry');
  };
}
