/**
 * Seeds of the local runtime. `seedPartners` runs on every start (idempotent: fixed ids) so the
 * referral drop-down is never empty; `seedDemo` (`npm start -- --demo`) adds a realistic
 * programme in the Aix-Marseille-Provence metropolis: 250 mentors and 420 mentees at every
 * status, their tandems and follow-up. Items are made by the item builders (shared/db/items.ts),
 * like every other writer's. Both come from the seeded programme generator (shared/synthetic/generator.ts: places
 * weighted by official population, realistic profiles, fixed ids), so re-running rewrites the
 * same partners and people; only the demo's dates follow the real clock.
 *
 * The programme is seeded in states the matching workflow continues from: active mentors are in
 * the availability index (with their dedicated pools), every `in_tandem` mentee has its tandem with
 * an active or paused mentor whose `activeMentees` counts exactly its active tandems (never above
 * its capacity), every `closed` mentee its closed tandem (completed or ended early), and every
 * mentee who went through matching is at attempt 1 — the hub resumes those `awaiting_match` at
 * start. People get UUIDs derived from the generator's ids (the workflow's inputs and links carry
 * UUIDs).
 *
 * The follow-up (docs/follow-up.md; shared/synthetic/follow-up.ts) is at every stage: past check-in
 * rounds mailed and answered (or not, reminded), the next one scheduled, outcome surveys asked and
 * answered, silence watches armed, a few open alerts for the console's home page (help requested,
 * not a good fit, silent) and resolved ones. Nothing is due at the seed's instant, so the local
 * jobs mail nothing at start but the retention notice of two long-unmatched mentees; a month
 * later (`npm run jobs -- check-ins --now <seed + 30 days>`) every active tandem's next round is
 * due. `demoFollowUpScenario()` names the tandem the e2e test follows.
 */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from './dynamodb-local';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import {
  availabilityItems,
  checkInRoundItem,
  emailClaimItem,
  outcomeSurveyItem,
  partnerItem,
  personItem,
  proposalItem,
  silenceWatchItem,
  tandemAlertItem,
  tandemItem,
  tandemRetentionItem,
} from '../../shared/db/items';
import { hashEmail } from '../../shared/domain/fingerprints';
import { addDays, FOLLOW_UP_DEFAULTS, type TandemFollowUp } from '../../shared/domain/follow-up';
import type { Proposal, Tandem } from '../../shared/domain/matching';
import { CONSENT_VERSION, UNVERIFIED_RETENTION_SECONDS, type MenteeProfile, type MentorProfile, type Partner, type Person } from '../../shared/domain/people';
import { syntheticFollowUp, type FollowUpRoles } from '../../shared/synthetic/follow-up';
import { generateProgramme, MENTEE_AGE_DAYS, MENTOR_AGE_DAYS, seededRandom, VERIFICATION_DELAY_SECONDS, type ProgrammeSpec } from '../../shared/synthetic/generator';
import { ALUMNI_AGE_DAYS, ALUMNI_MENTEES, growthAge, HISTORY_DAYS, otherPlacePicker, partnerPicker, proposalTimeline, type ProposalStep } from '../../shared/synthetic/history';

export interface SeedContext {
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
}

/** The demo programme: same seed, same people (dates aside, which follow the real clock). */
const DEMO_PROGRAMME: ProgrammeSpec = { seed: 20261126, mentors: 250, mentees: 420, lifecycle: 'demo' };

function documentClient(ctx: SeedContext): DynamoDBDocumentClient {
  return toDocumentClient(localDynamoDbClient(ctx.endpoint));
}

/** Batches written at once: the demo's follow-up makes several thousand items, written at every `--demo` start. */
const WRITERS = 4;

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  let next = 0;
  const writer = async () => {
    for (let i = next; i < items.length; i = next) {
      next += 25;
      let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = items
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      while (requests && requests.length > 0) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = result.UnprocessedItems?.[tableName] as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

export async function seedPartners(ctx: SeedContext): Promise<number> {
  const db = documentClient(ctx);
  try {
    // Without `now`: partners keep their fixed dates (from 2026-11-01), whatever the day.
    const list = generateProgramme({ ...DEMO_PROGRAMME, mentors: 0, mentees: 0 }).partners;
    await writeAll(db, ctx.tableName, list.map(partnerItem));
    return list.length;
  } finally {
    db.destroy();
  }
}

/** A demo person as the consumer would have stored it: claim and profile, an unverified one expiring. */
function personItems(person: Person) {
  const unverified = person.status === 'pending_verification';
  const expiresAt = unverified ? Math.floor(Date.parse(person.createdAt) / 1000) + UNVERIFIED_RETENTION_SECONDS : undefined;
  const options = expiresAt !== undefined ? { expiresAt } : {};
  return [
    emailClaimItem({ role: person.role, emailHash: hashEmail(person.email), personId: person.id, ...options }),
    personItem(person, options),
  ];
}

/** A stable UUID (version 4 layout) for a generator id: `mentee-0042-demo` is always the same person. */
export function demoUuid(id: string): string {
  const h = createHash('sha256').update(`tandem-demo:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Mentee statuses reached through a matching attempt (the demo's first). */
const MATCHED_ONCE: ReadonlySet<MenteeProfile['status']> = new Set(['awaiting_match', 'unmatched', 'matching_failed', 'in_tandem', 'closed']);
/**
 * Sign-up ages (days) of the unmatched mentees whose retention notice is due: the generator keeps
 * every unmatched mentee younger than `unmatchedRetentionDays − retentionNoticeDays` (335 days), so
 * the retention job, which the local hub runs every 10 minutes, mails nobody at start — except
 * these two, between 335 and 365 days old: the demo shows the retention notice (and erases nobody,
 * the notice being just sent).
 */
const RETENTION_NOTICE_DUE_AGES = [
  FOLLOW_UP_DEFAULTS.unmatchedRetentionDays - FOLLOW_UP_DEFAULTS.retentionNoticeDays + 10,
  FOLLOW_UP_DEFAULTS.unmatchedRetentionDays - FOLLOW_UP_DEFAULTS.retentionNoticeDays + 17,
] as const;

/**
 * The history's sign-up ages (days), per status, that the generator's ages are mapped onto with
 * growth (shared/synthetic/history.ts growthAge): everyone who went through the programme signed
 * up within its last two years, more of them lately. Other statuses keep the generator's ages.
 */
const MENTOR_HISTORY_AGE_DAYS: Partial<Record<MentorProfile['status'], readonly [number, number]>> = {
  active: [2, HISTORY_DAYS],
  paused: [30, HISTORY_DAYS],
  inactive: [90, HISTORY_DAYS],
};
/** Mentors were recruited before the first tandems, then steadily: less growth than mentees'. */
const MENTOR_GROWTH_POWER = 1.15;
const MENTEE_HISTORY_AGE_DAYS: Partial<Record<MenteeProfile['status'], readonly [number, number]>> = {
  // Active tandems: up to 13 months old, most of them recent.
  in_tandem: [14, 400],
  // Closed ones: ended early after a month or two, or completed after 6 to 12 months.
  closed: [60, HISTORY_DAYS - 30],
};
/** Share of active tandems given to the mentor with the fewest free places (the others: the most), so that some mentors are full. */
const FILL_UP_SHARE = 0.08;
/** The generator's seed for the alumni (other people than the programme's own). */
const ALUMNI_SEED = DEMO_PROGRAMME.seed + 1;
/** The proposals' task token: decided long ago, no workflow waits on them. */
const HISTORY_TASK_TOKEN = 'demo-history';

export interface DemoProgramme {
  partners: Partner[];
  mentors: MentorProfile[];
  mentees: MenteeProfile[];
  /** One tandem per `in_tandem` mentee (active) and per `closed` mentee (completed or ended early), in mentee order. */
  tandems: Tandem[];
  /** Each tandem's follow-up (rounds, surveys, watch, alerts, retention), in the same order. */
  followUps: TandemFollowUp[];
  /** The tandems that carry the demo's alerts, by kind. */
  followUpRoles: FollowUpRoles;
  /** The proposals that led to the tandems: declined or expired ones, then the accepted one (its decision is the start). */
  proposals: Proposal[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A person's dates moved to sign up `ageDays` before `now`, the e-mail confirmation as long after as before. */
function redated<P extends Person>(person: P, now: number, ageDays: number): P {
  const createdAt = now - Math.round(ageDays * DAY);
  const delay = person.verifiedAt ? Date.parse(person.verifiedAt) - Date.parse(person.createdAt) : undefined;
  const iso = new Date(createdAt).toISOString();
  return { ...person, createdAt: iso, consentAt: iso, ...(delay !== undefined ? { verifiedAt: new Date(createdAt + delay).toISOString() } : {}) };
}

/** The age in days of a generated person, as a share of the generator's range for its status. */
const shareOf = (person: Person, now: number, [min, max]: readonly [number, number]) => ((now - Date.parse(person.createdAt)) / DAY - min) / (max - min);

/** How many of a mentor's tandems overlap [start, end) (end `Infinity` while active). */
const overlapping = (intervals: readonly (readonly [number, number])[], start: number, end: number) => intervals.filter(([s, e]) => s < end && start < e).length;

/**
 * The demo programme in a state the workflow and the follow-up jobs can continue from, with two
 * years of history behind it (shared/synthetic/history.ts).
 *
 * People: the generator's, their sign-ups spread over the last two years with growth, referred
 * by partners of different sizes, some mentees outside the Bouches-du-Rhône; plus
 * {@link ALUMNI_MENTEES} alumni whose tandems closed. Each tandem starts when a mentor accepted a
 * proposal (after none, one or two declined or expired), days to weeks after the mentee confirmed
 * the address. Each `in_tandem` mentee is given, in order, the active or paused mentor offering its
 * track with the most free places (one in twelve the fewest; ties by id) among those who confirmed their address before the
 * tandem's start, else among all, else any with a free place; the mentors' loads are the active
 * tandems so assigned. Each closed tandem had a mentor offering its track who confirmed before its
 * start and never had more tandems at once than its capacity (active ones included). The
 * follow-up comes from shared/synthetic/follow-up.ts.
 */
export function demoProgramme(now: Date): DemoProgramme {
  const at = now.getTime();
  const programme = generateProgramme({ ...DEMO_PROGRAMME, now });
  const history = seededRandom((DEMO_PROGRAMME.seed ^ 0x2a11f0e7) >>> 0);
  const pools = new Map<string, string[]>();
  for (const [partnerId, members] of Object.entries(programme.poolMembers)) for (const id of members) pools.set(id, [...(pools.get(id) ?? []), partnerId]);
  const mentors: MentorProfile[] = programme.mentors.map((m) => {
    const range = MENTOR_HISTORY_AGE_DAYS[m.status];
    const dated = range ? redated(m, at, growthAge(shareOf(m, at, MENTOR_AGE_DAYS[m.status]), range, MENTOR_GROWTH_POWER)) : m;
    return { ...dated, id: demoUuid(m.id), activeMentees: 0, ...(pools.has(m.id) ? { pools: pools.get(m.id) } : {}) };
  });
  const canTake = mentors.filter((m) => m.status === 'active' || m.status === 'paused');
  const hadTandems = mentors.filter((m) => m.status === 'active' || m.status === 'paused' || m.status === 'inactive');
  // Parsed once: dates are slow to parse and the loops below compare each tandem with every mentor.
  const confirmed = new Map(mentors.map((m) => [m, Date.parse(m.verifiedAt ?? m.createdAt)]));
  const referrer = partnerPicker(history, programme.partners);
  const elsewhere = otherPlacePicker(history);

  // The alumni: other people (their own seed and ids), all through the programme and out of it.
  const alumni = generateProgramme({ seed: ALUMNI_SEED, mentors: 0, mentees: ALUMNI_MENTEES, lifecycle: 'demo', now }).mentees.map((generated, n): MenteeProfile => {
    const verifiedAt = generated.verifiedAt ?? new Date(Date.parse(generated.createdAt) + history.int(VERIFICATION_DELAY_SECONDS[0], VERIFICATION_DELAY_SECONDS[1]) * 1000).toISOString();
    const person = redated({ ...generated, verifiedAt }, at, growthAge(history.next(), ALUMNI_AGE_DAYS, 1));
    return { ...person, id: `alumni-${generated.id}`, status: 'closed', email: person.email.replace(/\.mentee\d+@/, `.ancien${n}@`) };
  });

  const tandems: Tandem[] = [];
  const timelines = new Map<string, ProposalStep[]>();
  let noticeDue = 0;
  const mentees: MenteeProfile[] = [...programme.mentees, ...alumni].map((generated) => {
    const uuid = demoUuid(generated.id);
    let mentee: MenteeProfile = { ...generated, id: uuid, ...(MATCHED_ONCE.has(generated.status) ? { matchingAttempt: 1 } : {}) };
    if (mentee.status === 'unmatched' && noticeDue < RETENTION_NOTICE_DUE_AGES.length) mentee = redated(mentee, at, RETENTION_NOTICE_DUE_AGES[noticeDue++]!);
    if (mentee.status !== 'in_tandem' && mentee.status !== 'closed') return mentee;
    // Two years of history: the sign-up moved (alumni are dated already), the partner by size, the place sometimes elsewhere.
    const range = MENTEE_HISTORY_AGE_DAYS[mentee.status]!;
    if (!generated.id.startsWith('alumni-')) mentee = redated(mentee, at, growthAge(shareOf(mentee, at, MENTEE_AGE_DAYS[mentee.status]), range, mentee.status === 'in_tandem' ? 1.4 : 1.1));
    const partner = mentee.partnerId ? referrer[mentee.track]() : undefined;
    const place = elsewhere();
    mentee = {
      ...mentee,
      ...(partner ? { partnerId: partner.id } : {}),
      // Far from Marseille, the tandem meets remotely too.
      ...(place ? { ...place, meetingModes: mentee.meetingModes.includes('remote') ? mentee.meetingModes : [...mentee.meetingModes, 'remote'] } : {}),
    };
    const confirmedAt = Date.parse(mentee.verifiedAt!);
    const timeline = proposalTimeline(history, confirmedAt, mentee.status === 'in_tandem' ? at - HOUR : Math.min(at - 45 * DAY, confirmedAt + 40 * DAY));
    const start = timeline.at(-1)!.decidedAt!;
    const tandem: Tandem = {
      id: demoUuid(`tandem-${generated.id}`),
      menteeId: mentee.id,
      mentorId: '',
      ...(mentee.partnerId ? { partnerId: mentee.partnerId } : {}),
      track: mentee.track,
      status: 'active',
      startedAt: new Date(start).toISOString(),
      attempt: 1,
    };
    timelines.set(tandem.id, timeline);
    if (mentee.status === 'in_tandem') {
      const offers = (m: MentorProfile) => m.tracks.includes(mentee.track);
      // Confirmed before the proposal was made to the mentor.
      const asked = timeline.at(-1)!.createdAt;
      const before = (m: MentorProfile) => confirmed.get(m)! < asked;
      const free = (m: MentorProfile) => m.capacity - m.activeMentees;
      // The most free places (sometimes the fewest: some mentors end up full), ties by id: one pass
      // (this runs for every tandem over every mentor).
      const fewest = history.next() < FILL_UP_SHARE;
      const better = (a: MentorProfile, b: MentorProfile) => (fewest ? free(a) < free(b) : free(a) > free(b)) || (free(a) === free(b) && a.id < b.id);
      const best = (fits: (m: MentorProfile) => boolean) => {
        let found: MentorProfile | undefined;
        for (const m of canTake) {
          if (free(m) <= 0 || !fits(m)) continue;
          if (!found || better(m, found)) found = m;
        }
        return found;
      };
      const mentor = best((m) => offers(m) && before(m)) ?? best(offers) ?? best(() => true);
      if (!mentor) throw new Error('The demo programme has more tandems than places');
      mentor.activeMentees += 1;
      tandem.mentorId = mentor.id;
    }
    tandems.push(tandem);
    return { ...mentee, tandemId: tandem.id };
  });
  const closing = new Set(tandems.filter((t) => !t.mentorId).map((t) => t.id));
  const { followUps, roles } = syntheticFollowUp(tandems, { seed: DEMO_PROGRAMME.seed, now, settings: FOLLOW_UP_DEFAULTS, close: closing });

  // Closed tandems' mentors, once their ends are known: never more tandems at once than places.
  const busy = new Map<string, Array<readonly [number, number]>>(mentors.map((m) => [m.id, []]));
  for (const { tandem } of followUps) if (tandem.status === 'active') busy.get(tandem.mentorId)!.push([Date.parse(tandem.startedAt), Infinity]);
  for (const { tandem } of followUps) {
    if (tandem.status === 'active') continue;
    const start = Date.parse(tandem.startedAt);
    const end = Date.parse(tandem.endedAt!);
    const asked = timelines.get(tandem.id)!.at(-1)!.createdAt;
    const offers = hadTandems.filter((m) => m.tracks.includes(tandem.track as never) && overlapping(busy.get(m.id)!, start, end) < m.capacity);
    const earlier = offers.filter((m) => confirmed.get(m)! < asked);
    const mentor = history.pick(earlier.length > 0 ? earlier : offers);
    busy.get(mentor.id)!.push([start, end]);
    tandem.mentorId = mentor.id;
  }

  // The proposals of each search: the declined or expired ones to other mentors of the track who had confirmed by then.
  const proposals: Proposal[] = [];
  for (const { tandem } of followUps) {
    const steps = timelines.get(tandem.id)!;
    const asked = new Set([tandem.mentorId]);
    let rank = 0;
    for (const step of steps) {
      let mentorId = tandem.mentorId;
      if (step.outcome !== 'accepted') {
        const others = hadTandems.filter((m) => !asked.has(m.id) && m.tracks.includes(tandem.track as never) && confirmed.get(m)! < step.createdAt);
        if (others.length === 0) continue;
        mentorId = history.pick(others).id;
        asked.add(mentorId);
      }
      rank += 1;
      const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
      proposals.push({
        menteeId: tandem.menteeId,
        mentorId,
        attempt: tandem.attempt,
        rank,
        score: Math.round((0.9 - 0.06 * rank - history.next() * 0.08) * 100) / 100,
        reasons: [],
        status: step.outcome,
        createdAt: iso(step.createdAt)!,
        expiresAt: iso(step.expiresAt)!,
        ...(step.outcome === 'accepted' ? { decision: 'accept' as const, decidedAt: tandem.startedAt, tandemId: tandem.id } : {}),
        ...(step.outcome === 'declined' ? { decision: 'decline' as const, declineReason: step.declineReason!, decidedAt: iso(step.decidedAt)! } : {}),
        ...(step.remindedAt !== undefined ? { remindedAt: iso(step.remindedAt)! } : {}),
      });
    }
  }

  const cohort = cohortScenario(now);
  return {
    partners: [...programme.partners, cohort.partner],
    mentors: [...mentors, ...cohort.mentors],
    mentees: [...mentees, ...cohort.mentees],
    tandems: followUps.map((f) => f.tandem),
    followUps,
    followUpRoles: roles,
    proposals,
  };
}

/** The partner of the e2e's check-in scenario: the Mission locale de Marseille. */
export const DEMO_FOLLOW_UP_PARTNER_ID = 'p01';

export interface DemoFollowUpScenario {
  tandemId: string;
  partnerId: string;
  mentorId: string;
  mentorFirstName: string;
  mentorEmail: string;
  menteeId: string;
  menteeFirstName: string;
  /** The round the check-ins job mails next, due within `checkInIntervalDays` of the seed (31 days at most). */
  nextCheckIn: { seq: number; dueAt: string };
}

/**
 * The tandem the check-in e2e test follows: the first active tandem (in mentee order) of the
 * Mission locale de Marseille (`p01`) with no alert, a French-speaking active mentor and mentee,
 * the mentor's only tandem, its last round answered by the mentor: the job mails the mentor once.
 * Its next round is due within a month of the seed: `npm run jobs -- check-ins --now <seed + 31
 * days>` mails it, and the mentor's mail names the mentee by first name. The choice depends on
 * the seed's ids and relative dates only, so `demoFollowUpScenario()` names the tandem of a hub
 * seeded at another instant too.
 */
export function demoFollowUpScenario(programme: DemoProgramme = demoProgramme(new Date())): DemoFollowUpScenario {
  const mentors = new Map(programme.mentors.map((m) => [m.id, m]));
  const mentees = new Map(programme.mentees.map((m) => [m.id, m]));
  const found = programme.followUps.find(({ tandem, alerts, rounds }) => {
    const mentor = mentors.get(tandem.mentorId);
    const mentee = mentees.get(tandem.menteeId);
    return (
      tandem.status === 'active' &&
      tandem.partnerId === DEMO_FOLLOW_UP_PARTNER_ID &&
      alerts.length === 0 &&
      mentor?.status === 'active' &&
      mentor.locale === 'fr' &&
      mentee?.locale === 'fr' &&
      // The mentor's only mail of the check-ins job: one tandem, the last round answered (no reminder waiting).
      mentor.activeMentees === 1 &&
      (rounds.filter((r) => r.status === 'sent').at(-1)?.answers.mentor !== undefined || rounds[0]!.status === 'scheduled')
    );
  });
  if (!found) throw new Error('The demo programme has no tandem for the follow-up scenario');
  const mentor = mentors.get(found.tandem.mentorId)!;
  const mentee = mentees.get(found.tandem.menteeId)!;
  const next = found.rounds.find((r) => r.status === 'scheduled')!;
  return {
    tandemId: found.tandem.id,
    partnerId: DEMO_FOLLOW_UP_PARTNER_ID,
    mentorId: mentor.id,
    mentorFirstName: mentor.firstName,
    mentorEmail: mentor.email,
    menteeId: mentee.id,
    menteeFirstName: mentee.firstName,
    nextCheckIn: { seq: next.seq, dueAt: next.dueAt },
  };
}

// ── The cohort matching scenario ────────────────────────────────────────────────────────────────

/**
 * Work’Up Massilia, an incubator with its own dedicated pool of 8 active mentors and 10 associates
 * waiting for one (`unmatched`: no workflow runs for them), so that the CCI can build, edit and
 * publish a cohort in the console (docs/cohort-matching.md). Fixed people; dates follow `now`.
 */
export const DEMO_COHORT_PARTNER_ID = 'workup-massilia';

type CohortMentorSeed = [first: string, last: string, company: string, job: string, profile: MentorProfile['profile'], sectors: MentorProfile['sectors'], expertise: MentorProfile['expertise'], postalCode: string, communeCode: string, capacity: number];
const COHORT_MENTORS: readonly CohortMentorSeed[] = [
  ['Sandrine', 'Auzias', 'Calanques Digital', 'Directrice générale', 'entrepreneur', ['J', 'M'], ['digital', 'marketing', 'funding'], '13002', '13202', 2],
  ['Farid', 'Belkacem', 'Savonnerie du Vieux-Port', 'Gérant', 'entrepreneur', ['C', 'G'], ['operations', 'sales', 'business_plan'], '13001', '13201', 1],
  ['Hélène', 'Castagnier', 'Provence Conseil', 'Expert-comptable', 'independent', ['M', 'K'], ['finance', 'funding', 'legal'], '13006', '13206', 2],
  ['Olivier', 'Dumas', 'Méditerranée Logistique', 'Directeur commercial', 'executive', ['H', 'G'], ['sales', 'networking', 'international'], '13008', '13208', 1],
  ['Nadia', 'Ferhat', 'La Table d’Aix', 'Fondatrice', 'entrepreneur', ['I'], ['business_plan', 'operations', 'management'], '13005', '13205', 1],
  ['Julien', 'Garnier', 'Studio Joliette', 'Fondateur', 'entrepreneur', ['R', 'J'], ['marketing', 'digital', 'networking'], '13002', '13202', 2],
  ['Karima', 'Hamidi', 'Banque Populaire Méditerranée', 'Chargée d’affaires', 'employee', ['K'], ['funding', 'finance', 'business_plan'], '13004', '13204', 1],
  ['Marc', 'Isnard', 'Indépendant', 'Consultant', 'retired', ['S', 'N', 'M'], ['management', 'hr', 'confidence'], '13007', '13207', 1],
];

type CohortMenteeSeed = [first: string, last: string, sector: MenteeProfile['sector'], needs: MenteeProfile['needs'], languages: MenteeProfile['languages'], meetingModes: MenteeProfile['meetingModes'], postalCode: string, communeCode: string, project: string];
const COHORT_MENTEES: readonly CohortMenteeSeed[] = [
  ['Aïssatou', 'Diop', 'I', ['business_plan', 'funding'], ['fr', 'wo'], ['in_person'], '13003', '13203', 'Ouvrir un restaurant de cuisine sénégalaise à la Belle de Mai.'],
  ['Bastien', 'Leclerc', 'J', ['digital', 'marketing'], ['fr', 'en'], ['in_person', 'remote'], '13002', '13202', 'Lancer une application de réservation pour les artisans.'],
  ['Chaïma', 'Bensalem', 'G', ['sales', 'marketing'], ['fr', 'ar'], ['in_person'], '13013', '13213', 'Créer une boutique en ligne de cosmétiques naturels.'],
  ['Damien', 'Roche', 'F', ['business_plan', 'legal'], ['fr'], ['in_person', 'remote'], '13011', '13211', 'Reprendre une petite entreprise de rénovation.'],
  ['Estelle', 'Marin', 'R', ['marketing', 'networking'], ['fr', 'es'], ['remote'], '13007', '13207', 'Monter un atelier de céramique avec des cours.'],
  ['Hamza', 'Ouali', 'H', ['operations', 'funding'], ['fr', 'ar'], ['in_person', 'remote'], '13015', '13215', 'Créer un service de livraison à vélo cargo.'],
  ['Inès', 'Toumi', 'M', ['finance', 'business_plan'], ['fr', 'en'], ['in_person', 'remote'], '13005', '13205', 'Ouvrir un cabinet de conseil en gestion pour les associations.'],
  ['Léon', 'Vasseur', 'C', ['operations', 'sales'], ['fr'], ['in_person'], '13010', '13210', 'Fabriquer et vendre des meubles en bois de récupération.'],
  ['Maëlle', 'Giordano', 'S', ['confidence', 'management'], ['fr', 'it'], ['in_person', 'remote'], '13009', '13209', 'Ouvrir un salon de coiffure solidaire.'],
  ['Yacine', 'Cherif', 'N', ['funding', 'hr'], ['fr', 'ar', 'en'], ['in_person', 'remote'], '13014', '13214', 'Créer une agence de services à la personne.'],
];

const slugOf = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '-');
const daysBefore = (now: Date, days: number, minutes = 0) => new Date(now.getTime() - days * 86400_000 + minutes * 60_000).toISOString();

export function cohortScenario(now: Date): { partner: Partner; mentors: MentorProfile[]; mentees: MenteeProfile[] } {
  const partner: Partner = {
    id: DEMO_COHORT_PARTNER_ID,
    name: 'Work’Up Massilia',
    kind: 'business_incubator',
    status: 'active',
    dedicatedPool: true,
    createdAt: '2026-09-01T08:00:00.000Z',
    contactEmail: 'accompagnement@workup-massilia.example.org',
  };
  const mentors = COHORT_MENTORS.map(([firstName, lastName, company, jobTitle, profile, sectors, expertise, postalCode, communeCode, capacity], n): MentorProfile => ({
    id: demoUuid(`workup-mentor-${n}`),
    role: 'mentor',
    status: 'active',
    firstName,
    lastName,
    email: `${slugOf(firstName)}.${slugOf(lastName)}.workup-mentor${n}@demo.tandem.local`,
    company,
    jobTitle,
    profile,
    tracks: n === 7 ? ['business_creation', 'job_search'] : ['business_creation'],
    sectors,
    expertise,
    languages: n % 3 === 0 ? ['fr', 'en'] : n % 3 === 1 ? ['fr', 'ar'] : ['fr'],
    postalCode,
    communeCode,
    meetingModes: ['in_person', 'remote'],
    capacity,
    activeMentees: 0,
    pools: [DEMO_COHORT_PARTNER_ID],
    bio: `Mentor du vivier Work’Up Massilia (${jobTitle.toLowerCase()}).`,
    locale: 'fr',
    createdAt: daysBefore(now, 120 + n),
    consentAt: daysBefore(now, 120 + n),
    consentVersion: CONSENT_VERSION,
    verifiedAt: daysBefore(now, 120 + n, 12),
  }));
  const mentees = COHORT_MENTEES.map(([firstName, lastName, sector, needs, languages, meetingModes, postalCode, communeCode, project], n): MenteeProfile => ({
    id: demoUuid(`workup-mentee-${n}`),
    role: 'mentee',
    status: 'unmatched',
    matchingAttempt: 1,
    firstName,
    lastName,
    email: `${slugOf(firstName)}.${slugOf(lastName)}.workup-mentee${n}@demo.tandem.local`,
    track: 'business_creation',
    sector,
    needs,
    languages,
    meetingModes,
    postalCode,
    communeCode,
    project,
    partnerId: DEMO_COHORT_PARTNER_ID,
    locale: 'fr',
    createdAt: daysBefore(now, 30 - n),
    consentAt: daysBefore(now, 30 - n),
    consentVersion: CONSENT_VERSION,
    verifiedAt: daysBefore(now, 30 - n, 20),
  }));
  return { partner, mentors, mentees };
}

/** Every item of the demo programme (partners aside, but the cohort scenario's: seedPartners writes them on every start). */
export function demoItems(programme: DemoProgramme): Record<string, unknown>[] {
  return [
    ...programme.partners.filter((p) => p.id === DEMO_COHORT_PARTNER_ID).map(partnerItem),
    ...[...programme.mentors, ...programme.mentees].flatMap(personItems),
    ...programme.mentors.flatMap(availabilityItems),
    ...programme.tandems.map(tandemItem),
    ...programme.proposals.map((proposal) => proposalItem(proposal, { taskToken: HISTORY_TASK_TOKEN })),
    ...programme.followUps.flatMap(followUpItems),
  ];
}

/**
 * A tandem's follow-up items, as the jobs and answers would have left them. A round or survey
 * mailed and not yet reminded waits in its reminder queue (`reminderAfterDays` after the mailing,
 * after the seed); a closed tandem's rounds wait for nothing.
 */
function followUpItems({ tandem, rounds, surveys, watch, alerts, retention }: TandemFollowUp): Record<string, unknown>[] {
  const remindAt = (x: { status: string; sentAt?: string | undefined; remindedAt?: string | undefined }) =>
    x.status === 'sent' && x.sentAt && !x.remindedAt ? { remindAt: addDays(x.sentAt, FOLLOW_UP_DEFAULTS.reminderAfterDays) } : {};
  return [
    ...rounds.map((round) => checkInRoundItem(round, tandem.status === 'active' ? remindAt(round) : {})),
    ...surveys.map((survey) => outcomeSurveyItem(survey, remindAt(survey))),
    ...(watch ? [silenceWatchItem(watch)] : []),
    ...alerts.map(tandemAlertItem),
    ...(retention ? [tandemRetentionItem(retention)] : []),
  ];
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const programme = demoProgramme(new Date());
  const { mentors, mentees, tandems, followUps } = programme;
  const items = demoItems(programme);
  const active = tandems.filter((t) => t.status === 'active').length;
  const openAlerts = followUps.reduce((n, f) => n + f.alerts.filter((a) => a.status === 'open').length, 0);

  const db = documentClient(ctx);
  try {
    ctx.log(
      `Demo programme: writing ${items.length} items (${mentors.length} mentors, ${mentees.length} mentees, ${tandems.length} tandems of which ${active} active, ${openAlerts} open alerts)… / Jeu de démonstration : écriture de ${items.length} éléments…`,
    );
    await writeAll(db, ctx.tableName, items);
    ctx.log('Demo programme ready / Jeu de démonstration prêt');
  } finally {
    db.destroy();
  }
}

/**
 * Version of the demo data's shape, written in `.local/demo-seeded`. 2: the matching workflow
 * (availability entries, tandems, proposal-ready statuses, UUID ids). 3: the cohort scenario
 * (Work’Up Massilia, its pool and its waiting associates). 4: the follow-up (check-in rounds,
 * outcome surveys, silence watches, alerts, closed tandems and their retention entries). 5: two
 * years of history for the reports (sign-ups with growth, the proposals before each tandem, alumni
 * and their closed tandems, outcomes at the programme's rates, partners of different sizes, mentees
 * beyond the Bouches-du-Rhône). A folder seeded by an older version lacks them: the hub says so at
 * start.
 */
export const DEMO_DATA_VERSION = 5;

/** The marker's contents for this version. */
export function demoMarker(seededAt: Date): string {
  return `${JSON.stringify({ version: DEMO_DATA_VERSION, seededAt: seededAt.toISOString() })}\n`;
}

/** The version a marker names; a marker from before versions (a bare timestamp) is version 1. */
export function demoMarkerVersion(contents: string): number {
  try {
    const parsed = JSON.parse(contents) as { version?: unknown };
    return typeof parsed.version === 'number' ? parsed.version : 1;
  } catch {
    return 1;
  }
}
