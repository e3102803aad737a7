/**
 * In-memory PersonalDataStore on the shared memory table: the same items, keys and conditions as
 * the DynamoDB adapter (test/contract/personal-data.contract.ts runs both). Index reads filter the
 * table's items by the index attributes the item builders wrote.
 */
import {
  availabilityChanges,
  JOB_ITEM_SECONDS,
  menteeFromPartition,
  outboxItem,
  personErasure,
  personFromItem,
  proposalFromItem,
  type Item,
  followUpLeavesQueue,
} from '../../db/items';
import { dueUpTo, keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import { fingerprintSubmission, hashEmail } from '../../domain/fingerprints';
import type { MenteeProfile, MentorProfile, Person } from '../../domain/people';
import type { PersonalDataStore } from '../../ports/personal-data';
import { epoch, type MemoryTable } from './table';

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const { GSI1, GSI4 } = TABLE.indexes;

function updated(item: Item, changes: { set?: Item; remove?: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove ?? []) delete next[name];
  return { ...next, ...changes.set };
}

/** One page of an index partition read in sort order, after `cursor`, up to `bound` (exclusive or inclusive). */
function indexPage(items: Item[], partition: string, bound: { below?: string; upTo?: string }, limit: number, cursor: string | undefined) {
  const entries = items
    .filter((i) => i[GSI1.partitionKey] === partition)
    .filter((i) => (bound.below === undefined || String(i[GSI1.sortKey]) < bound.below) && (bound.upTo === undefined || String(i[GSI1.sortKey]) <= bound.upTo))
    .filter((i) => cursor === undefined || String(i[GSI1.sortKey]) > cursor)
    .sort((a, b) => String(a[GSI1.sortKey]).localeCompare(String(b[GSI1.sortKey])));
  const page = entries.slice(0, limit);
  return { page, cursor: entries.length > limit ? String(page.at(-1)![GSI1.sortKey]) : undefined };
}

export function memoryPersonalDataStore(table: MemoryTable): PersonalDataStore {
  function eraseTraces(person: Person) {
    if (person.email) {
      const claimKey = keys.emailClaim(person.role, hashEmail(person.email));
      if (table.get(claimKey)?.personId === person.id) table.delete(claimKey);
      table.delete(keys.outbox('resend', fingerprintSubmission('resend', { role: person.role, email: person.email })));
    }
    if (person.signUpKey) table.delete(keys.outbox('sign_up', person.signUpKey));
    for (const listing of table.scan().filter((i) => i[GSI1.partitionKey] === keys.cohortListings().value)) {
      const draft = table.get(keys.cohortDraft(String(listing.id)));
      const names = (draft?.solution as { names?: Record<string, unknown> } | undefined)?.names;
      if (!draft || !names || !(person.id in names)) continue;
      const { [person.id]: _gone, ...rest } = names;
      table.put({ ...draft, solution: { ...(draft.solution as Item), names: rest } });
    }
  }

  function outcomeSurveys(tandemId: string): Item[] {
    const partition = keys.tandemPartition(tandemId);
    return table.scan().filter((i) => i[PK] === partition && String(i[SK]).startsWith(keys.outcomeSurveyPrefix));
  }

  function withoutSiren<T>(value: T): T {
    if (!value || typeof value !== 'object' || !('siren' in value)) return value;
    const { siren: _siren, ...rest } = value as Item;
    return rest as T;
  }

  function eraseSirens(tandemId: string) {
    const tandem = table.get(keys.tandem(tandemId));
    if (tandem?.outcome !== undefined) table.put({ ...tandem, outcome: withoutSiren(tandem.outcome) });
    for (const survey of outcomeSurveys(tandemId)) {
      const records = (survey.records as { value: unknown }[] | undefined) ?? [];
      table.put({ ...survey, records: records.map((record) => ({ ...record, value: withoutSiren(record.value) })) });
    }
  }

  return {
    async readPerson(role, personId) {
      if (role === 'mentee') {
        const partition = keys.person('mentee', personId)[PK];
        const found = menteeFromPartition(personId, table.scan().filter((i) => i[PK] === partition));
        if (!found) return undefined;
        const tandemIds = [...new Set([...found.proposals.map((p) => p.tandemId), found.mentee.tandemId].filter((id): id is string => id !== undefined))];
        return { person: found.mentee, proposals: found.proposals, tandemIds };
      }
      const mentor = personFromItem(table.get(keys.person('mentor', personId)));
      if (!mentor) return undefined;
      const history = table
        .scan()
        .filter((i) => i[GSI4.partitionKey] === keys.mentorHistory(personId).value)
        .sort((a, b) => String(a[GSI4.sortKey]).localeCompare(String(b[GSI4.sortKey])));
      const proposals = history.filter((i) => String(i[SK]).startsWith(keys.proposalPrefix)).map((i) => proposalFromItem(i)!);
      const tandemIds = history.map((i) => keys.tandemIdOf(i)).filter((id): id is string => id !== undefined);
      return { person: mentor, proposals, tandemIds: [...new Set(tandemIds)] };
    },

    async firstNames(role, ids) {
      const names = new Map<string, string>();
      for (const id of new Set(ids)) {
        const firstName = table.get(keys.person(role, id))?.firstName;
        if (typeof firstName === 'string') names.set(id, firstName);
      }
      return names;
    },

    async anonymise({ role, personId, now, expect }) {
      const erasedAt = now.toISOString();
      const item = table.get(keys.person(role, personId));
      const person = personFromItem(item);
      if (!item || !person) return { outcome: 'not_found' };
      if (person.status === 'erased') return { outcome: 'already_erased', erasedAt: person.erasedAt ?? erasedAt };
      if (expect && (person.status !== expect.status || person.retentionNoticeAt !== expect.retentionNoticeAt)) return { outcome: 'not_eligible' };
      eraseTraces(person);
      if (role === 'mentor') {
        for (const key of availabilityChanges(person as MentorProfile, { ...(person as MentorProfile), status: 'erased' }).deletes) table.delete(key);
      }
      table.put(updated(item, personErasure(person, erasedAt)));
      return { outcome: 'erased', erasedAt };
    },

    async eraseAnswerTexts({ tandemId, seq, role }) {
      const round = table.get(keys.checkInRound(tandemId, seq));
      const answers = round?.answers as Record<string, Item> | undefined;
      const answer = answers?.[role];
      if (!round || !answer) return 'no_answer';
      const { progress: _progress, privateNote: _note, ...kept } = answer;
      table.put({ ...round, answers: { ...answers, [role]: kept } });
      return 'erased';
    },

    async eraseProposalReasons({ menteeId, mentorId }) {
      const proposal = table.get(keys.proposal(menteeId, mentorId));
      if (proposal) table.put({ ...proposal, reasons: [] });
    },

    async eraseTandemNote(tandemId) {
      const tandem = table.get(keys.tandem(tandemId));
      if (tandem) table.put(updated(tandem, { remove: ['endNote'] }));
    },

    async cancelOutcomeSurveys(tandemId) {
      let cancelled = 0;
      for (const survey of outcomeSurveys(tandemId)) {
        if (survey.status !== 'scheduled' && survey.status !== 'sent') continue;
        table.put(updated(survey, followUpLeavesQueue({ status: 'cancelled' })));
        cancelled++;
      }
      return cancelled;
    },

    async eraseOutcomeSirens(tandemId) {
      eraseSirens(tandemId);
    },

    async unmatchedMentees({ createdBefore, limit, cursor }) {
      const { page, cursor: next } = indexPage(table.scan(), keys.personsByStatus('mentee', 'unmatched').value, { below: createdBefore.toISOString() }, limit, cursor);
      return { items: page.map((i) => personFromItem(i) as MenteeProfile), ...(next ? { cursor: next } : {}) };
    },

    async recordRetentionNotice({ menteeId, now, mail }) {
      const item = table.get(keys.person('mentee', menteeId));
      const jobKey = keys.outbox(mail.job.kind, mail.dedupKey);
      if (!item || item.status !== 'unmatched' || item.retentionNoticeAt !== undefined || table.get(jobKey)) return 'not_eligible';
      table.put({ ...item, retentionNoticeAt: now.toISOString() });
      table.put(outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
      return 'recorded';
    },

    async dueTandemRetentions({ now, limit, cursor }) {
      const { page, cursor: next } = indexPage(table.scan(), keys.dueQueue('TANDEM_RETENTION').value, { upTo: dueUpTo(now) }, limit, cursor);
      return { items: page.map((i) => ({ tandemId: String(i.tandemId), dueAt: String(i.dueAt) })), ...(next ? { cursor: next } : {}) };
    },

    async completeTandemRetention({ tandemId, now }) {
      const tandem = table.get(keys.tandem(tandemId));
      const entry = table.get(keys.tandemRetention(tandemId));
      if (!tandem || !entry) return 'not_found';
      if (entry.done === true) return 'already_done';
      eraseSirens(tandemId);
      const current = table.get(keys.tandem(tandemId))!;
      table.put(updated(current, { set: { anonymisedAt: now.toISOString() }, remove: ['endNote'] }));
      table.put(updated(entry, followUpLeavesQueue({ done: true })));
      return 'done';
    },
  };
}
