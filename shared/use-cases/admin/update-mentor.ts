/**
 * The CCI edits a mentor's profile (company, job title, profile, tracks, sectors, expertise,
 * languages, meeting modes, places, dedicated pools, bio).
 * Input: the mentor's id and the fields to change (an empty text removes it). Output: the
 * mentor's detail after the change.
 * Course: pools newly given must name known, active partners (else 400); places may never go
 * below the tandems in progress (409 `invalid_transition`). One transaction, on condition that
 * the profile is still as read: the changed attributes, the availability entries that change
 * (an active mentor's: tracks, place, modes, places and pools are what the ranking reads), and,
 * when an active mentor gets more places, a `capacity_appeared` job that retries the unmatched
 * mentees. A profile changed meanwhile is read again and the edit applied to it.
 */
import { randomUUID } from 'node:crypto';
import type { MentorDetail, UpdateMentorRequest } from '../../domain/back-office-schemas';
import { ConflictError, ServiceUnavailableError, ValidationFailedError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import { message } from '../../domain/messages';
import type { MentorProfile } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { capacityAppeared } from './change-mentor-status';
import { findMentor, mentorDetail } from './get-mentor';

const ROUNDS = 3;
/** Texts an empty value removes. */
const TEXTS = ['company', 'jobTitle', 'bio'] as const;

/** The profile with the request's fields applied. */
export function editedMentor(mentor: MentorProfile, request: UpdateMentorRequest): MentorProfile {
  const next: MentorProfile = { ...mentor };
  for (const name of TEXTS) {
    const value = request[name];
    if (value === undefined) continue;
    if (value === '') delete next[name];
    else next[name] = value;
  }
  if (request.profile !== undefined) next.profile = request.profile;
  if (request.tracks !== undefined) next.tracks = request.tracks;
  if (request.sectors !== undefined) next.sectors = request.sectors;
  if (request.expertise !== undefined) next.expertise = request.expertise;
  if (request.languages !== undefined) next.languages = request.languages;
  if (request.meetingModes !== undefined) next.meetingModes = request.meetingModes;
  if (request.capacity !== undefined) next.capacity = request.capacity;
  if (request.pools !== undefined) next.pools = [...new Set(request.pools)];
  return next;
}

export function makeUpdateMentor({ store, clock, newId = randomUUID }: { store: Pick<MentorAdminStore, 'getMentor' | 'saveMentor' | 'getPartner'>; clock: Clock; newId?: () => string }) {
  /** Pools newly given must be partners the CCI works with now. */
  async function checkPools(mentor: MentorProfile, pools: readonly string[] | undefined, locale: Locale) {
    const added = [...new Set(pools ?? [])].filter((id) => !(mentor.pools ?? []).includes(id));
    const partners = await Promise.all(added.map((id) => store.getPartner(id)));
    if (partners.some((partner) => partner?.status !== 'active')) {
      throw new ValidationFailedError(message('validation_failed', locale), { pools: message('unknown_partner', locale) });
    }
  }

  return async function updateMentor(input: { mentorId: string; request: UpdateMentorRequest; locale: Locale }): Promise<MentorDetail> {
    const { mentorId, request, locale } = input;
    for (let round = 0; round < ROUNDS; round++) {
      const mentor = await findMentor(store, mentorId);
      if (round === 0) await checkPools(mentor, request.pools, locale);
      if (request.capacity !== undefined && request.capacity < mentor.activeMentees) {
        throw new ConflictError('invalid_transition', 'Places below the tandems in progress', { capacity: request.capacity, activeMentees: mentor.activeMentees });
      }
      const after = editedMentor(mentor, request);
      if (JSON.stringify(after) === JSON.stringify(mentor)) return mentorDetail(mentor);
      const now = clock.now();
      const morePlaces = after.status === 'active' && after.capacity > mentor.capacity;
      const outcome = await store.saveMentor({ before: mentor, after, now, jobs: morePlaces ? [capacityAppeared(after, now, newId())] : [] });
      if (outcome === 'saved') {
        logger.info('Mentor edited by the CCI', { mentorId, fields: Object.keys(request).length, morePlaces });
        return mentorDetail(after);
      }
    }
    throw new ServiceUnavailableError('The mentor kept changing; retry');
  };
}
