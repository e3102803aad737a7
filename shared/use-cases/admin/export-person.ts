/**
 * Everything the hub holds about one person, as one JSON document (right of access and
 * portability; docs/follow-up.md, "Personal data"). Input: role and id. Output: `personExportSchema`.
 * 404 for an unknown person.
 * Course: the person (profile and proposals, or a mentor's history), the other side of each
 * proposal and tandem by first name only, and each tandem's follow-up: the person's own check-in
 * answers (never the other person's), the outcomes and the alerts. No table key, no internal
 * bookkeeping (the workflow's token, the sign-up key), no CCI closing note, and for a mentee no
 * mentor's decision or decline reason (never shown to the mentee).
 */
import { NotFoundError } from '../../domain/errors';
import { currentOutcome, type CheckInRole, type TandemFollowUp } from '../../domain/follow-up';
import type { Proposal } from '../../domain/matching';
import type { Role } from '../../domain/people';
import type { Clock } from '../../ports/clock';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import type { PersonalDataStore } from '../../ports/personal-data';

export interface PersonExport {
  exportedAt: string;
  role: Role;
  profile: Record<string, unknown>;
  consent: { at: string; version: string };
  proposals: Record<string, unknown>[];
  tandems: Record<string, unknown>[];
}

/** Profile attributes that are the hub's bookkeeping, not the person's data. */
const INTERNAL = new Set(['signUpKey', 'emailHash', 'lastRetryDay', 'preferredMentor', 'matchingAttempt']);

const defined = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

function proposalLine(role: Role, p: Proposal, otherFirstName: string | undefined): Record<string, unknown> {
  const common = { status: p.status, createdAt: p.createdAt, expiresAt: p.expiresAt, tandemId: p.tandemId };
  if (role === 'mentee') return defined({ mentorFirstName: otherFirstName, ...common });
  return defined({
    menteeFirstName: otherFirstName,
    ...common,
    decision: p.decision,
    declineReason: p.declineReason,
    decidedAt: p.decidedAt,
    remindedAt: p.remindedAt,
    reasons: p.reasons.map((r) => r.text),
  });
}

function tandemLine(role: CheckInRole, f: TandemFollowUp, otherFirstName: string | undefined): Record<string, unknown> {
  const t = f.tandem;
  return defined({
    id: t.id,
    status: t.status,
    track: t.track,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    endReason: t.endReason,
    outcome: t.outcome,
    [role === 'mentee' ? 'mentorFirstName' : 'menteeFirstName']: otherFirstName,
    checkIns: f.rounds.map((r) => defined({ seq: r.seq, kind: r.kind, dueAt: r.dueAt, status: r.status, sentAt: r.sentAt, answer: r.answers[role] })),
    outcomes: f.surveys.map((s) => defined({ milestone: s.milestone, status: s.status, current: currentOutcome(s.records), records: s.records })),
    alerts: f.alerts.map((a) => defined({ kind: a.kind, raisedAt: a.raisedAt, raisedBy: a.raisedBy, status: a.status, resolvedAt: a.resolvedAt })),
  });
}

export function makeExportPerson({ store, reads, clock }: { store: PersonalDataStore; reads: FollowUpReads; clock: Clock }) {
  return async function exportPerson({ role, personId }: { role: Role; personId: string }): Promise<PersonExport> {
    const holdings = await store.readPerson(role, personId);
    if (!holdings) throw new NotFoundError('No such person');
    const { person, proposals } = holdings;
    const followUps = (await Promise.all(holdings.tandemIds.map((id) => reads.getFollowUp(id)))).filter((f): f is TandemFollowUp => f !== undefined);
    const otherRole: Role = role === 'mentee' ? 'mentor' : 'mentee';
    const otherId = (p: { menteeId: string; mentorId: string }) => (role === 'mentee' ? p.mentorId : p.menteeId);
    const names = await store.firstNames(otherRole, [...proposals.map(otherId), ...followUps.map((f) => otherId(f.tandem))]);
    const profile = Object.fromEntries(Object.entries(person).filter(([name]) => !INTERNAL.has(name)));
    return {
      exportedAt: clock.now().toISOString(),
      role,
      profile,
      consent: { at: person.consentAt, version: person.consentVersion },
      proposals: proposals.map((p) => proposalLine(role, p, names.get(otherId(p)))),
      tandems: followUps.map((f) => tandemLine(role, f, names.get(otherId(f.tandem)))),
    };
  };
}
