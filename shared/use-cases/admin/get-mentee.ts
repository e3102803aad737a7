/**
 * A mentee's page in the console: the whole profile, the referring partner, every proposal with
 * its mentor's name, the last "no mentor found" report and, while the mentee may still be matched
 * (`awaiting_match`, `unmatched`, `matching_failed`), the ranking as it stands now.
 * Input: the mentee's id. Output: the MenteeDetail shape; NotFoundError (404) for an unknown id.
 * Course: one Query of the mentee's partition (profile and proposals); the ranking reads the
 * candidates exactly as the workflow's RankCandidates does (the availability index of the
 * mentee's département, plus the remote shards when it meets remotely; the engine's view of the
 * mentee with its history, conflicts and dedicated pool: menteeRequestOf) and ranks them with the
 * engine's explanations (best 10; mentors already proposed this mentee and no longer pending are
 * left out, as the workflow leaves them out); some of the mentors left out come with the rule each
 * breaks (`explainPair`), one per rule first. Names come from one batch read.
 */
import type { MenteeDetail } from '../../domain/back-office-schemas';
import { NotFoundError } from '../../domain/errors';
import type { MenteeProfile } from '../../domain/people';
import { explainPair, rank } from '../../matching/rank';
import type { Exclusion, MentorCandidate } from '../../matching/types';
import type { BackOfficeReads } from '../../ports/back-office-reads';
import type { Clock } from '../../ports/clock';
import type { MatchingStore, MenteeWithProposals } from '../../ports/matching-store';
import { menteeRequestOf } from '../matching-context';
import { RESTARTABLE } from './start-chosen-attempt';
import { byAttemptAndRank, menteeSummary, nameOf, proposalLine, unmatchedReportView } from './mentee-views';

/** Candidates shown, best first. */
export const RANKING_LIMIT = 10;
/** Mentors left out shown with their rule. */
export const EXCLUDED_SHOWN = 10;

export interface GetMenteeDeps {
  store: MatchingStore;
  reads: Pick<BackOfficeReads, 'namesOf'>;
  clock: Clock;
}

/** Mentors left out, one per rule first (so the page shows every reason), then the rest, at most `limit`. */
function varied(excluded: Array<{ mentorId: string; exclusion: Exclusion }>, limit: number) {
  const firsts = new Map<string, (typeof excluded)[number]>();
  for (const e of excluded) if (!firsts.has(e.exclusion.code)) firsts.set(e.exclusion.code, e);
  const shown = [...firsts.values()];
  for (const e of excluded) if (shown.length < limit && !shown.includes(e)) shown.push(e);
  return shown.slice(0, limit);
}

async function rankingOf(store: GetMenteeDeps['store'], found: MenteeWithProposals) {
  const { mentee, proposals } = found;
  const request = await menteeRequestOf(store, found);
  const mentors: MentorCandidate[] = await store.loadCandidates({ track: mentee.track, departement: request.place.departement, remote: mentee.meetingModes.includes('remote') });
  const unproposable = new Set(proposals.filter((p) => p.status !== 'pending').map((p) => p.mentorId));
  const ranked = rank(request, mentors, { limit: RANKING_LIMIT + unproposable.size });
  const candidates = ranked.candidates.filter((c) => !unproposable.has(c.mentorId)).slice(0, RANKING_LIMIT);
  const excludedMentors = varied(
    mentors.flatMap((mentor) => {
      const pair = explainPair(request, mentor);
      return pair.compatible ? [] : [{ mentorId: mentor.id, exclusion: pair.exclusion }];
    }),
    EXCLUDED_SHOWN,
  );
  return {
    candidates,
    compatible: ranked.compatible,
    considered: mentors.length,
    excluded: Object.fromEntries(Object.entries(ranked.excluded).filter(([, n]) => n > 0)),
    excludedMentors,
  };
}

export function makeGetMentee({ store, reads, clock }: GetMenteeDeps) {
  return async function getMentee(menteeId: string): Promise<MenteeDetail> {
    const found = await store.getMentee(menteeId);
    if (!found) throw new NotFoundError('No such mentee');
    const { mentee, proposals } = found;
    const [partner, ranking] = await Promise.all([
      mentee.partnerId ? store.getPartner(mentee.partnerId) : undefined,
      RESTARTABLE.includes(mentee.status) ? rankingOf(store, found) : undefined,
    ]);
    const mentorIds = [...proposals.map((p) => p.mentorId), ...(ranking?.candidates.map((c) => c.mentorId) ?? []), ...(ranking?.excludedMentors.map((e) => e.mentorId) ?? [])];
    const names = await reads.namesOf([...new Set(mentorIds)].map((id) => ({ role: 'mentor' as const, id })));
    const now = clock.now();
    return {
      mentee: detailOf(mentee, now),
      ...(partner ? { partner: { id: partner.id, name: partner.name } } : mentee.partnerId ? { partner: { id: mentee.partnerId, name: '' } } : {}),
      proposals: [...proposals].sort(byAttemptAndRank).map((p) => proposalLine(p, names)),
      ...(mentee.lastUnmatchedReport ? { lastUnmatchedReport: unmatchedReportView(mentee.lastUnmatchedReport) } : {}),
      ...(ranking
        ? {
            ranking: {
              candidates: ranking.candidates.map((c) => ({ mentor: nameOf(names, c.mentorId), score: c.score, reasons: c.reasons.map((r) => ({ code: r.code, text: { fr: r.text.fr, en: r.text.en } })) })),
              compatible: ranking.compatible,
              considered: ranking.considered,
              excluded: ranking.excluded,
              excludedMentors: ranking.excludedMentors.map((e) => ({ mentor: nameOf(names, e.mentorId), code: e.exclusion.code, text: { fr: e.exclusion.text.fr, en: e.exclusion.text.en } })),
            },
          }
        : {}),
    };
  };
}

/** The whole profile, for the CCI (the data controller): contact details and its private notes included. */
function detailOf(mentee: MenteeProfile, now: Date): MenteeDetail['mentee'] {
  const extra = {
    email: mentee.email,
    phone: mentee.phone,
    needs: [...mentee.needs],
    languages: [...mentee.languages],
    meetingModes: [...mentee.meetingModes],
    communeCode: mentee.communeCode,
    project: mentee.project,
    locale: mentee.locale,
    consentAt: mentee.consentAt,
    consentVersion: mentee.consentVersion,
    erasedAt: mentee.erasedAt,
    retentionNoticeAt: mentee.retentionNoticeAt,
    matchingAttempt: mentee.matchingAttempt,
    tandemId: mentee.tandemId,
    conflictingOrganisations: mentee.conflictingOrganisations,
  };
  return { ...menteeSummary(mentee, now), ...(Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) as typeof extra) };
}
