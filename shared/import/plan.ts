/**
 * The import's plan (docs/import/README.md): the checks across files and against earlier imports
 * (references, duplicate addresses, capacity, one active tandem per mentee, the mentor's track, the
 * outcome's track, dates in order), and the items the builders of shared/db/items.ts make for the
 * rows not yet imported, cut into batches of at most IMPORT_BATCH_LIMIT writes. Pure: what the hub
 * already holds comes in as `Existing`, the time as `now`.
 *
 * Files are planned in order — partners, mentors, mentees, tandems — over a view of the hub as the
 * earlier files leave it, so a dry run sees what a real run would write. A row whose `external_id`
 * was imported before is `unchanged` and left as it is (an import never updates). Tandems write
 * what their creation changes elsewhere: the mentor's load (and its availability entries, which
 * carry it) and the mentee's current tandem, each conditioned on the values the plan read, so a
 * change made meanwhile fails the batch instead of being overwritten.
 */
import { availabilityItems, emailClaimItem, outcomeSurveyItem, partnerItem, personItem, tandemItem, type Item } from '../db/items';
import { keys, type Key } from '../db/keys';
import { TABLE } from '../db/table';
import { hashEmail } from '../domain/fingerprints';
import { addMonths, OUTCOME_MILESTONES, type OutcomeMilestone, type OutcomeValue } from '../domain/follow-up';
import type { Tandem } from '../domain/matching';
import type { MenteeProfile, MentorProfile, Partner, Role } from '../domain/people';
import { parisDay, parisMidnight } from '../domain/report-period';
import { IMPORT_FILES, type ImportFileKind, type ImportProblem } from '../domain/report-schemas';
import { IMPORT_BATCH_LIMIT, type ImportWrite } from '../ports/import-store';
import { importedPartnerId, importedUuid } from './ids';
import { problem } from './messages';
import {
  fileName,
  OUTCOMES_BY_TRACK,
  parseMentees,
  parseMentors,
  parsePartners,
  parseTandems,
  type MenteeRow,
  type MentorRow,
  type ParsedFile,
  type PartnerRow,
  type TandemRow,
} from './rows';

/** The consent version stored on imported people: their consent was collected by the programme before the hub. */
export const IMPORTED_CONSENT_VERSION = 'import';

export type ImportFiles = Partial<Record<ImportFileKind, string>>;

export interface ParsedImport {
  partners?: ParsedFile<PartnerRow>;
  mentors?: ParsedFile<MentorRow>;
  mentees?: ParsedFile<MenteeRow>;
  tandems?: ParsedFile<TandemRow>;
}

/** Each file read and checked on its own (rows.ts); `today` (Paris) bounds the dates. */
export function parseImport(files: ImportFiles, today: string): ParsedImport {
  return {
    ...(files.partners !== undefined ? { partners: parsePartners(files.partners, today) } : {}),
    ...(files.mentors !== undefined ? { mentors: parseMentors(files.mentors, today) } : {}),
    ...(files.mentees !== undefined ? { mentees: parseMentees(files.mentees, today) } : {}),
    ...(files.tandems !== undefined ? { tandems: parseTandems(files.tandems, today) } : {}),
  };
}

/** What the plan must know of the hub: the ids and address hashes to look up. */
export interface ImportLookups {
  partnerIds: string[];
  mentorIds: string[];
  menteeIds: string[];
  tandemIds: string[];
  emailHashes: Record<Role, string[]>;
}

/** What the hub holds under those ids and hashes. */
export interface Existing {
  partners: ReadonlyMap<string, Partner>;
  mentors: ReadonlyMap<string, MentorProfile>;
  mentees: ReadonlyMap<string, MenteeProfile>;
  tandems: ReadonlyMap<string, Tandem>;
  /** Person id claiming each address hash, by role. */
  emailClaims: Record<Role, ReadonlyMap<string, string>>;
}

export function lookupsOf(parsed: ParsedImport): ImportLookups {
  const unique = (values: Iterable<string>) => [...new Set(values)];
  const partners = [...(parsed.partners?.ids ?? []), ...(parsed.mentees?.rows ?? []).flatMap((r) => (r.partnerExternalId ? [r.partnerExternalId] : []))];
  const mentors = [...(parsed.mentors?.ids ?? []), ...(parsed.tandems?.rows ?? []).map((r) => r.mentorExternalId)];
  const mentees = [...(parsed.mentees?.ids ?? []), ...(parsed.tandems?.rows ?? []).map((r) => r.menteeExternalId)];
  return {
    partnerIds: unique(partners.map(importedPartnerId)),
    mentorIds: unique(mentors.map((id) => importedUuid('mentor', id))),
    menteeIds: unique(mentees.map((id) => importedUuid('mentee', id))),
    tandemIds: unique([...(parsed.tandems?.ids ?? [])].map((id) => importedUuid('tandem', id))),
    emailHashes: {
      mentor: unique((parsed.mentors?.rows ?? []).map((r) => hashEmail(r.signUp.email))),
      mentee: unique((parsed.mentees?.rows ?? []).map((r) => hashEmail(r.signUp.email))),
    },
  };
}

export interface FilePlan {
  kind: ImportFileKind;
  file: string;
  /** Data rows read. */
  rows: number;
  /** Rows to create. */
  created: number;
  /** Rows imported before, left as they are. */
  unchanged: number;
  /** The writes, each batch all or nothing; each batch's first row's line (for a failure's report). */
  batches: Array<{ line: number; rows: number; writes: ImportWrite[] }>;
}

export interface ImportPlan {
  files: FilePlan[];
  /** Every problem of every file, in file order then line order. */
  problems: ImportProblem[];
}

// ── Batches ──────────────────────────────────────────────────────────────────────────────────────

const keyOf = (key: Record<string, unknown>): Key => ({ [TABLE.partitionKey]: String(key[TABLE.partitionKey]), [TABLE.sortKey]: String(key[TABLE.sortKey]) });
const keyId = (key: Record<string, unknown>) => `${String(key[TABLE.partitionKey])}\u0000${String(key[TABLE.sortKey])}`;

/** One row's writes: puts, and updates of items the plan holds a view of (`before` the row, `after` it). */
type RowWrite = { kind: 'put'; item: Item; ifAbsent: boolean } | { kind: 'update'; key: Key; before: Item; after: Item };

/**
 * Cuts rows' writes into batches: a row's writes never straddle two batches, and an item touched by
 * several rows of a batch is written once (puts: the last item; updates: merged, conditioned on the
 * values before the batch's first change).
 */
class Batcher {
  readonly batches: FilePlan['batches'] = [];
  private current = new Map<string, ImportWrite>();
  private line = 0;
  private rows = 0;

  add(line: number, writes: readonly RowWrite[]) {
    const fresh = new Set(writes.map((w) => keyId(w.kind === 'put' ? w.item : w.key)).filter((id) => !this.current.has(id)));
    if (this.current.size > 0 && this.current.size + fresh.size > IMPORT_BATCH_LIMIT) this.flush();
    if (this.current.size === 0) this.line = line;
    this.rows += 1;
    for (const w of writes) {
      if (w.kind === 'put') {
        const id = keyId(w.item);
        const earlier = this.current.get(id);
        this.current.set(id, { kind: 'put', item: w.item, ifAbsent: earlier?.kind === 'put' ? earlier.ifAbsent || w.ifAbsent : w.ifAbsent });
        continue;
      }
      const id = keyId(w.key);
      const earlier = this.current.get(id);
      if (earlier?.kind === 'update') {
        const set = { ...earlier.set };
        const remove = new Set(earlier.remove);
        for (const [name, value] of Object.entries(w.after)) {
          if (value === undefined) {
            delete set[name];
            remove.add(name);
          } else {
            set[name] = value;
            remove.delete(name);
          }
        }
        const expect = { ...earlier.expect };
        const expectAbsent = new Set(earlier.expectAbsent);
        for (const [name, value] of Object.entries(w.before)) {
          if (name in expect || expectAbsent.has(name)) continue;
          if (value === undefined) expectAbsent.add(name);
          else expect[name] = value;
        }
        this.current.set(id, { kind: 'update', key: w.key, set, remove: [...remove], expect, expectAbsent: [...expectAbsent] });
      } else {
        const set = Object.fromEntries(Object.entries(w.after).filter(([, v]) => v !== undefined));
        const remove = Object.entries(w.after).filter(([, v]) => v === undefined).map(([k]) => k);
        const expect = Object.fromEntries(Object.entries(w.before).filter(([, v]) => v !== undefined));
        const expectAbsent = Object.entries(w.before).filter(([, v]) => v === undefined).map(([k]) => k);
        this.current.set(id, { kind: 'update', key: w.key, set, remove, expect, expectAbsent });
      }
    }
  }

  flush() {
    if (this.current.size === 0) return;
    this.batches.push({ line: this.line, rows: this.rows, writes: [...this.current.values()] });
    this.current = new Map();
    this.rows = 0;
  }
}

// ── The plan ─────────────────────────────────────────────────────────────────────────────────────

const instantOf = (day: string) => parisMidnight(day).toISOString();

/** The milestone an outcome recorded at `at` belongs to: the last one reached since the start, else the first (close-tandem's rule). */
function milestoneAt(startedAt: string, at: string): OutcomeMilestone {
  const reached = OUTCOME_MILESTONES.filter((m) => Date.parse(addMonths(startedAt, m)) <= Date.parse(at));
  return reached.at(-1) ?? OUTCOME_MILESTONES[0];
}

function outcomeValue(track: string, situation: string, outcomeOn: string | undefined): OutcomeValue {
  if (track === 'job_search') return { track: 'job_search', situation: situation as Extract<OutcomeValue, { track: 'job_search' }>['situation'] };
  return {
    track: 'business_creation',
    situation: situation as Extract<OutcomeValue, { track: 'business_creation' }>['situation'],
    ...(situation === 'company_created' && outcomeOn ? { companyCreatedOn: outcomeOn } : {}),
  };
}

/**
 * The plan of an import: every problem, and for each file given the rows to create, those left as
 * they are and the batches of writes. With a problem anywhere, nothing is to be written.
 */
export function planImport(parsed: ParsedImport, existing: Existing, now: Date): ImportPlan {
  const problems: ImportProblem[] = [];
  const files: FilePlan[] = [];
  const nowIso = now.toISOString();

  // The hub as the earlier files leave it.
  const partners = new Map(existing.partners);
  const mentors = new Map<string, MentorProfile>(existing.mentors);
  const mentees = new Map<string, MenteeProfile>(existing.mentees);

  const plan = (kind: ImportFileKind, count: number): { file: FilePlan; batcher: Batcher } => {
    const file: FilePlan = { kind, file: fileName(kind), rows: count, created: 0, unchanged: 0, batches: [] };
    files.push(file);
    return { file, batcher: new Batcher() };
  };
  const finish = (file: FilePlan, batcher: Batcher) => {
    batcher.flush();
    file.batches = batcher.batches;
  };

  // ── partners.csv
  if (parsed.partners) {
    const p = parsed.partners;
    problems.push(...p.problems);
    const { file, batcher } = plan('partners', p.count);
    for (const row of p.rows) {
      const id = importedPartnerId(row.externalId);
      if (partners.has(id)) {
        file.unchanged += 1;
        continue;
      }
      const partner: Partner & { postalCode?: string } = {
        id,
        name: row.name,
        kind: row.kind,
        status: 'active',
        dedicatedPool: false,
        createdAt: nowIso,
        ...(row.contactEmail ? { contactEmail: row.contactEmail } : {}),
        ...(row.postalCode ? { postalCode: row.postalCode } : {}),
      };
      partners.set(id, partner);
      batcher.add(row.line, [{ kind: 'put', item: partnerItem(partner), ifAbsent: true }]);
      file.created += 1;
    }
    finish(file, batcher);
  }
  const partnerKnown = (externalId: string) => partners.has(importedPartnerId(externalId)) || (parsed.partners?.ids.has(externalId) ?? false);

  /** Duplicate addresses: within the file (first line wins) and against another person of the hub with the same role. */
  const emailCheck = (role: Role, fileProblems: ImportProblem[], file: string) => {
    const firstLine = new Map<string, number>();
    return (line: number, id: string, email: string): boolean => {
      const hash = hashEmail(email);
      const first = firstLine.get(hash);
      if (first !== undefined) {
        fileProblems.push(problem(file, line, 'email', 'duplicate_email', { firstLine: first }));
        return false;
      }
      firstLine.set(hash, line);
      const owner = existing.emailClaims[role].get(hash);
      if (owner !== undefined && owner !== id) {
        fileProblems.push(problem(file, line, 'email', 'duplicate_email', {}));
        return false;
      }
      return true;
    };
  };

  // ── mentors.csv
  if (parsed.mentors) {
    const p = parsed.mentors;
    const fileProblems = [...p.problems];
    const { file, batcher } = plan('mentors', p.count);
    const emailFree = emailCheck('mentor', fileProblems, file.file);
    for (const row of p.rows) {
      const id = importedUuid('mentor', row.externalId);
      if (mentors.has(id)) {
        file.unchanged += 1;
        continue;
      }
      if (!emailFree(row.line, id, row.signUp.email)) continue;
      const createdAt = instantOf(row.joinedOn);
      const mentor: MentorProfile = {
        ...row.signUp,
        id,
        role: 'mentor',
        status: row.status,
        locale: 'fr',
        createdAt,
        consentAt: createdAt,
        consentVersion: IMPORTED_CONSENT_VERSION,
        verifiedAt: createdAt,
        activeMentees: 0,
      };
      mentors.set(id, mentor);
      batcher.add(row.line, [
        { kind: 'put', item: personItem(mentor), ifAbsent: true },
        { kind: 'put', item: emailClaimItem({ role: 'mentor', emailHash: hashEmail(mentor.email), personId: id }), ifAbsent: true },
        ...availabilityItems(mentor).map((item): RowWrite => ({ kind: 'put', item, ifAbsent: false })),
      ]);
      file.created += 1;
    }
    problems.push(...sortByLine(fileProblems));
    finish(file, batcher);
  }

  // Active tandems of this run by mentee external id (the `in_tandem` check).
  const activeInRun = new Set((parsed.tandems?.rows ?? []).filter((r) => r.status === 'active').map((r) => r.menteeExternalId));

  // ── mentees.csv
  if (parsed.mentees) {
    const p = parsed.mentees;
    const fileProblems = [...p.problems];
    const { file, batcher } = plan('mentees', p.count);
    const emailFree = emailCheck('mentee', fileProblems, file.file);
    for (const row of p.rows) {
      const id = importedUuid('mentee', row.externalId);
      if (mentees.has(id)) {
        file.unchanged += 1;
        continue;
      }
      let ok = emailFree(row.line, id, row.signUp.email);
      if (row.partnerExternalId && !partnerKnown(row.partnerExternalId)) {
        fileProblems.push(problem(file.file, row.line, 'partner_external_id', 'unknown_reference', { value: row.partnerExternalId, file: 'partners.csv' }));
        ok = false;
      }
      if (row.status === 'in_tandem' && parsed.tandems && !activeInRun.has(row.externalId)) {
        fileProblems.push(problem(file.file, row.line, 'status', 'no_active_tandem', {}));
        ok = false;
      }
      if (!ok) continue;
      const createdAt = instantOf(row.signedUpOn);
      const mentee: MenteeProfile = {
        ...row.signUp,
        id,
        role: 'mentee',
        status: row.status,
        locale: 'fr',
        createdAt,
        consentAt: createdAt,
        consentVersion: IMPORTED_CONSENT_VERSION,
        verifiedAt: createdAt,
        ...(row.partnerExternalId ? { partnerId: importedPartnerId(row.partnerExternalId) } : {}),
      };
      mentees.set(id, mentee);
      batcher.add(row.line, [
        { kind: 'put', item: personItem(mentee), ifAbsent: true },
        { kind: 'put', item: emailClaimItem({ role: 'mentee', emailHash: hashEmail(mentee.email), personId: id }), ifAbsent: true },
      ]);
      file.created += 1;
    }
    problems.push(...sortByLine(fileProblems));
    finish(file, batcher);
  }

  // ── tandems.csv
  if (parsed.tandems) {
    const p = parsed.tandems;
    const fileProblems = [...p.problems];
    const { file, batcher } = plan('tandems', p.count);
    const activeLine = new Map<string, number>();
    for (const row of p.rows) {
      const id = importedUuid('tandem', row.externalId);
      if (existing.tandems.has(id)) {
        file.unchanged += 1;
        continue;
      }
      const at = (column: string, code: Parameters<typeof problem>[3], params: Parameters<typeof problem>[4] = {}) => fileProblems.push(problem(file.file, row.line, column, code, params));
      const before = fileProblems.length;
      const mentor = mentors.get(importedUuid('mentor', row.mentorExternalId));
      const mentee = mentees.get(importedUuid('mentee', row.menteeExternalId));
      if (!mentor && !parsed.mentors?.ids.has(row.mentorExternalId)) at('mentor_external_id', 'unknown_reference', { value: row.mentorExternalId, file: 'mentors.csv' });
      if (!mentee && !parsed.mentees?.ids.has(row.menteeExternalId)) at('mentee_external_id', 'unknown_reference', { value: row.menteeExternalId, file: 'mentees.csv' });
      if (!mentor || !mentee) continue; // a row with a problem elsewhere, or an unknown reference
      const track = mentee.track;

      if (!mentor.tracks.includes(track)) at('mentor_external_id', 'track_mismatch', { value: row.mentorExternalId, track });
      if (row.startedOn < parisDay(mentee.createdAt)) at('started_on', 'date_order', { other: 'signed_up_on (mentees.csv)' });
      else if (row.startedOn < parisDay(mentor.createdAt)) at('started_on', 'date_order', { other: 'joined_on (mentors.csv)' });
      if (row.outcome !== undefined) {
        if (row.status === 'active') at('outcome', 'not_allowed', { reason: 'un tandem actif n’a pas encore d’issue' });
        else if (!OUTCOMES_BY_TRACK[track].includes(row.outcome)) at('outcome', 'unknown_code', { value: row.outcome, allowed: OUTCOMES_BY_TRACK[track].join(', ') });
      } else if (row.status === 'completed') {
        at('outcome', 'missing_value');
      }

      if (row.status === 'active') {
        const first = activeLine.get(mentee.id);
        if (first !== undefined) at('mentee_external_id', 'mentee_in_two_tandems', { value: row.menteeExternalId, firstLine: first });
        else if (mentee.tandemId !== undefined && mentee.tandemId !== id) at('mentee_external_id', 'mentee_in_two_tandems', { value: row.menteeExternalId });
        else if (mentee.status !== 'in_tandem') at('status', 'not_allowed', { reason: `le mentoré ${row.menteeExternalId} n’a pas le statut in_tandem dans mentees.csv` });
        activeLine.set(mentee.id, row.line);
        const load = mentor.activeMentees + 1;
        if (load > mentor.capacity) at('mentor_external_id', 'capacity_exceeded', { value: row.mentorExternalId, active: load, capacity: mentor.capacity });
      }
      if (fileProblems.length > before) continue;

      const startedAt = instantOf(row.startedOn);
      const endedAt = row.endedOn ? instantOf(row.endedOn) : undefined;
      const outcome = row.outcome !== undefined ? outcomeValue(track, row.outcome, row.outcomeOn) : undefined;
      const tandem: Tandem = {
        id,
        menteeId: mentee.id,
        mentorId: mentor.id,
        ...(mentee.partnerId ? { partnerId: mentee.partnerId } : {}),
        track,
        status: row.status,
        startedAt,
        attempt: 1,
        ...(endedAt ? { endedAt } : {}),
        ...(row.endReason ? { endReason: row.endReason } : {}),
        ...(outcome ? { outcome } : {}),
      };
      const writes: RowWrite[] = [{ kind: 'put', item: tandemItem(tandem), ifAbsent: true }];
      if (outcome) {
        // The outcome also as the CCI's record on its milestone's survey (closed: nothing is asked).
        const recordedAt = row.outcomeOn ? instantOf(row.outcomeOn) : endedAt!;
        const milestone = milestoneAt(startedAt, recordedAt);
        writes.push({
          kind: 'put',
          item: outcomeSurveyItem({ tandemId: id, milestone, dueAt: addMonths(startedAt, milestone), status: 'cancelled', records: [{ value: outcome, source: 'cci', recordedAt }] }),
          ifAbsent: true,
        });
      }
      if (row.status === 'active') {
        const after: MentorProfile = { ...mentor, activeMentees: mentor.activeMentees + 1 };
        writes.push({ kind: 'update', key: keyOf(keys.person('mentor', mentor.id)), before: { status: mentor.status, activeMentees: mentor.activeMentees }, after: { activeMentees: after.activeMentees } });
        for (const item of availabilityItems(after)) writes.push({ kind: 'put', item, ifAbsent: false });
        mentors.set(mentor.id, after);
        writes.push({ kind: 'update', key: keyOf(keys.person('mentee', mentee.id)), before: { status: 'in_tandem', tandemId: mentee.tandemId }, after: { tandemId: id } });
        mentees.set(mentee.id, { ...mentee, tandemId: id });
      }
      batcher.add(row.line, writes);
      file.created += 1;
    }
    problems.push(...sortByLine(fileProblems));
    finish(file, batcher);
  }

  const order = (f: FilePlan) => IMPORT_FILES.indexOf(f.kind);
  return { files: files.sort((a, b) => order(a) - order(b)), problems };
}

function sortByLine(list: ImportProblem[]): ImportProblem[] {
  return list.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i).map(({ p }) => p);
}
