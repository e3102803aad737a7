/**
 * Cohort matching drafts: a partner's waiting mentees assigned at once to the available mentors,
 * stored, edited by the CCI (pin, forbid, remove, swap…), solved again with every edit kept, then
 * published once. Pure functions only: how edits combine, how a solution is stored compactly, and
 * what the API shows. The solving and the storage are in the use cases and adapters.
 */
import type { Label } from './reference';
import type { CohortDraftView, CohortEdit } from './back-office-schemas';

/** At most this many waiting mentees in one cohort: keeps a draft item far below DynamoDB's 400 KB. */
export const COHORT_MAX_MENTEES = 200;
/** At most this many forbidden pairs in one draft (each one is kept across revisions). */
export const COHORT_MAX_FORBIDDEN = 500;
/** Mentee statuses a cohort takes: waiting, with or without a workflow running. */
export const COHORT_WAITING_STATUSES = ['awaiting_match', 'unmatched'] as const;

export interface CohortPair {
  menteeId: string;
  mentorId: string;
}

/** Every choice of the CCI so far; each revision solves again with all of them. */
export interface CohortEdits {
  /** Kept as they are (the engine's `fixed`); one per mentee. */
  pinned: CohortPair[];
  /** Never used (the engine's `forbidden`). */
  forbidden: CohortPair[];
  /** Mentees left out of this cohort. */
  removed: string[];
}

/** One line of the stored texts (a reason of a pair, or why a mentee is left out). */
export interface CohortText {
  code: string;
  fr: string;
  en: string;
}

/**
 * The solution as stored: texts once each in `texts` (many pairs share a line such as "Même
 * secteur"), referred to by index; names once per person in `names`.
 */
export interface CohortSolution {
  menteesConsidered: number;
  mentorsConsidered: number;
  matched: number;
  totalScore: number;
  pairs: Array<{ menteeId: string; mentorId: string; score: number; pinned: boolean; reasons: number[] }>;
  /** Mentees without a mentor in this solution, removed ones included (reason `removed`). */
  unassigned: Array<{ menteeId: string; reason: string; compatibleMentors: number; text: number }>;
  texts: CohortText[];
  /** Person id → [first name, last name]: every mentee of the cohort and every mentor of a pair. */
  names: Record<string, [string, string]>;
}

export const PUBLICATION_OUTCOMES = ['proposal_started', 'not_waiting', 'not_compatible'] as const;
export type PublicationOutcome = (typeof PUBLICATION_OUTCOMES)[number];
export type PairOutcome = CohortPair & { outcome: PublicationOutcome };

/**
 * A publication under way (`publishing`, held by `lease` until `leaseUntil`) or over (`done`).
 * `outcomes` grows as pairs are sent: a retry after a crash skips the pairs already there.
 */
export interface CohortPublication {
  phase: 'publishing' | 'done';
  lease: string;
  leaseUntil: string;
  outcomes: PairOutcome[];
}

export interface CohortDraft {
  id: string;
  partnerId: string;
  partnerName: string;
  status: 'draft' | 'published';
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  edits: CohortEdits;
  solution: CohortSolution;
  publication?: CohortPublication;
}

/** What the list shows of a draft (the listing item). */
export type CohortListing = Pick<CohortDraft, 'id' | 'partnerId' | 'partnerName' | 'status' | 'version' | 'createdAt' | 'updatedAt'> & { matched: number };

export const listingOf = (d: CohortDraft): CohortListing => ({
  id: d.id,
  partnerId: d.partnerId,
  partnerName: d.partnerName,
  status: d.status,
  version: d.version,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  matched: d.solution.matched,
});

export const EMPTY_EDITS: CohortEdits = Object.freeze({ pinned: [], forbidden: [], removed: [] }) as CohortEdits;

// ── Edits ────────────────────────────────────────────────────────────────────────────────────────

export const COHORT_EDIT_ERRORS = {
  not_in_draft: { fr: 'Cette personne ne fait pas partie de ce brouillon.', en: 'This person is not part of this draft.' },
  mentor_required: { fr: 'Précisez le mentor (mentorId).', en: 'Name the mentor (mentorId).' },
  other_required: { fr: 'Précisez l’autre personne de l’échange (otherMenteeId).', en: 'Name the other person of the swap (otherMenteeId).' },
  swap_same: { fr: 'Un échange se fait entre deux personnes différentes.', en: 'A swap needs two different people.' },
  swap_without_mentor: {
    fr: 'Les deux personnes doivent avoir un mentor dans ce brouillon pour les échanger.',
    en: 'Both people need a mentor in this draft to be swapped.',
  },
  too_many_forbidden: { fr: `${COHORT_MAX_FORBIDDEN} paires écartées au plus par brouillon.`, en: `At most ${COHORT_MAX_FORBIDDEN} ruled-out pairs per draft.` },
} as const satisfies Record<string, Label>;
export type CohortEditErrorCode = keyof typeof COHORT_EDIT_ERRORS;

/** An edit that cannot apply to this draft: `index` is its place in the request's `edits`. */
export class CohortEditError extends Error {
  override readonly name = 'CohortEditError';
  constructor(
    readonly index: number,
    readonly field: 'menteeId' | 'mentorId' | 'otherMenteeId',
    readonly reason: CohortEditErrorCode,
  ) {
    super(`Edit ${index}: ${reason}`);
  }
}

/** Every mentee of the draft's current version (paired, left out or removed). */
export function draftMenteeIds(solution: Pick<CohortSolution, 'pairs' | 'unassigned'>): Set<string> {
  return new Set([...solution.pairs.map((p) => p.menteeId), ...solution.unassigned.map((u) => u.menteeId)]);
}

const samePair = (a: CohortPair, b: CohortPair) => a.menteeId === b.menteeId && a.mentorId === b.mentorId;

/**
 * The edits after `requested`, applied in order to `current`. A mentee has at most one pin; pinning
 * a pair lifts its forbid and takes a removed mentee back; forbidding a pinned pair unpins it;
 * removing a mentee unpins it; swap pins each of the two to the other's current mentor (its pin,
 * else its mentor in the solution). Unpinning, allowing or restoring what is not there changes
 * nothing. Throws CohortEditError for an edit that names a mentee outside the draft or misses a
 * field.
 */
export function applyEdits(current: CohortEdits, solution: Pick<CohortSolution, 'pairs' | 'unassigned'>, requested: readonly CohortEdit[]): CohortEdits {
  const members = draftMenteeIds(solution);
  const pinned = new Map(current.pinned.map((p) => [p.menteeId, p.mentorId]));
  let forbidden = [...current.forbidden];
  const removed = new Set(current.removed);
  const solved = new Map(solution.pairs.map((p) => [p.menteeId, p.mentorId]));
  const mentorOf = (menteeId: string) => (removed.has(menteeId) ? undefined : (pinned.get(menteeId) ?? solved.get(menteeId)));

  requested.forEach((edit, index) => {
    const fail = (field: CohortEditError['field'], reason: CohortEditErrorCode): never => {
      throw new CohortEditError(index, field, reason);
    };
    if (!members.has(edit.menteeId)) fail('menteeId', 'not_in_draft');
    const needMentor = (): string => edit.mentorId ?? fail('mentorId', 'mentor_required');
    switch (edit.op) {
      case 'pin': {
        const pair = { menteeId: edit.menteeId, mentorId: needMentor() };
        pinned.set(pair.menteeId, pair.mentorId);
        forbidden = forbidden.filter((f) => !samePair(f, pair));
        removed.delete(pair.menteeId);
        break;
      }
      case 'unpin':
        pinned.delete(edit.menteeId);
        break;
      case 'forbid': {
        const pair = { menteeId: edit.menteeId, mentorId: needMentor() };
        if (!forbidden.some((f) => samePair(f, pair))) forbidden.push(pair);
        if (pinned.get(pair.menteeId) === pair.mentorId) pinned.delete(pair.menteeId);
        if (forbidden.length > COHORT_MAX_FORBIDDEN) fail('mentorId', 'too_many_forbidden');
        break;
      }
      case 'allow': {
        const pair = { menteeId: edit.menteeId, mentorId: needMentor() };
        forbidden = forbidden.filter((f) => !samePair(f, pair));
        break;
      }
      case 'remove':
        removed.add(edit.menteeId);
        pinned.delete(edit.menteeId);
        break;
      case 'restore':
        removed.delete(edit.menteeId);
        break;
      case 'swap': {
        const other = edit.otherMenteeId ?? fail('otherMenteeId', 'other_required');
        if (!members.has(other)) fail('otherMenteeId', 'not_in_draft');
        if (other === edit.menteeId) fail('otherMenteeId', 'swap_same');
        const mine = mentorOf(edit.menteeId);
        const theirs = mentorOf(other);
        if (mine === undefined || theirs === undefined) fail(mine === undefined ? 'menteeId' : 'otherMenteeId', 'swap_without_mentor');
        pinned.set(edit.menteeId, theirs!);
        pinned.set(other, mine!);
        forbidden = forbidden.filter((f) => !samePair(f, { menteeId: edit.menteeId, mentorId: theirs! }) && !samePair(f, { menteeId: other, mentorId: mine! }));
        break;
      }
    }
  });

  return {
    pinned: [...pinned].map(([menteeId, mentorId]) => ({ menteeId, mentorId })).sort((a, b) => (a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0)),
    forbidden,
    removed: [...removed].sort(),
  };
}

/**
 * The edits that still concern the cohort: pins and removals of mentees no longer waiting (matched
 * meanwhile, say) are dropped; forbids are kept (harmless, and the CCI's word).
 */
export function editsFor(edits: CohortEdits, waiting: ReadonlySet<string>): CohortEdits {
  return {
    pinned: edits.pinned.filter((p) => waiting.has(p.menteeId)),
    forbidden: edits.forbidden,
    removed: edits.removed.filter((id) => waiting.has(id)),
  };
}

// ── Storing a solution compactly ────────────────────────────────────────────────────────────────

/** The text of a mentee removed by the CCI. */
export const REMOVED_TEXT: Label = { fr: 'Retirée de cette cohorte par la CCI', en: 'Left out of this cohort by the CCI' };

export interface SolvedPair {
  menteeId: string;
  mentorId: string;
  score: number;
  pinned: boolean;
  reasons: ReadonlyArray<{ code: string; text: Label }>;
}
export interface SolvedUnassigned {
  menteeId: string;
  reason: string;
  compatibleMentors: number;
  text: Label;
}

/** A solution in its stored form: every text once, referred to by index. */
export function compactSolution(input: {
  menteesConsidered: number;
  mentorsConsidered: number;
  pairs: readonly SolvedPair[];
  unassigned: readonly SolvedUnassigned[];
  names: Record<string, [string, string]>;
}): CohortSolution {
  const texts: CohortText[] = [];
  const at = new Map<string, number>();
  const indexOf = (code: string, text: Label) => {
    const key = `${code}\u0000${text.fr}\u0000${text.en}`;
    let i = at.get(key);
    if (i === undefined) {
      i = texts.push({ code, fr: text.fr, en: text.en }) - 1;
      at.set(key, i);
    }
    return i;
  };
  const pairs = input.pairs.map((p) => ({ menteeId: p.menteeId, mentorId: p.mentorId, score: p.score, pinned: p.pinned, reasons: p.reasons.map((r) => indexOf(r.code, r.text)) }));
  const unassigned = input.unassigned.map((u) => ({ menteeId: u.menteeId, reason: u.reason, compatibleMentors: u.compatibleMentors, text: indexOf(u.reason, u.text) }));
  const totalScore = Math.round(pairs.reduce((sum, p) => sum + p.score, 0) * 10_000) / 10_000;
  return { menteesConsidered: input.menteesConsidered, mentorsConsidered: input.mentorsConsidered, matched: pairs.length, totalScore, pairs, unassigned, texts, names: input.names };
}

// ── What the API shows ──────────────────────────────────────────────────────────────────────────

const person = (names: CohortSolution['names'], id: string) => {
  const [firstName, lastName] = names[id] ?? ['', ''];
  return { id, firstName, lastName };
};
const label = (t: CohortText | undefined): Label => ({ fr: t?.fr ?? '', en: t?.en ?? '' });

/** The draft as the console reads it (cohortDraftSchema). */
export function cohortView(d: CohortDraft): CohortDraftView {
  const { solution: s } = d;
  return {
    id: d.id,
    partnerId: d.partnerId,
    partnerName: d.partnerName,
    status: d.status,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}),
    menteesConsidered: s.menteesConsidered,
    mentorsConsidered: s.mentorsConsidered,
    matched: s.matched,
    totalScore: s.totalScore,
    pairs: s.pairs.map((p) => ({
      mentee: person(s.names, p.menteeId),
      mentor: person(s.names, p.mentorId),
      score: p.score,
      pinned: p.pinned,
      reasons: p.reasons.map((i) => ({ code: s.texts[i]?.code ?? '', text: label(s.texts[i]) })),
    })),
    unassigned: s.unassigned.map((u) => ({ mentee: person(s.names, u.menteeId), reason: u.reason, text: label(s.texts[u.text]), compatibleMentors: u.compatibleMentors })),
    edits: { pinned: d.edits.pinned, forbidden: d.edits.forbidden, removed: d.edits.removed },
    ...(d.publication ? { publication: d.publication.outcomes } : {}),
  };
}
