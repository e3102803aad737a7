/**
 * A tandem's follow-up as the console and the partner's space show it: stored check-in rounds,
 * outcome surveys and alerts mapped to their API views. `audience: 'partner'` strips what only the
 * CCI sees (private notes, the closing note): the one place that decides it (docs/follow-up.md,
 * "Who sees what").
 */
import type { z } from 'zod';
import { currentOutcome, type CheckInAnswer, type CheckInRound, type OutcomeSurvey, type TandemAlert, type TandemFollowUp } from '../domain/follow-up';
import type { checkInRoundViewSchema, outcomeSurveyViewSchema, tandemAlertViewSchema } from '../domain/follow-up-schemas';

export type Audience = 'cci' | 'partner';
export type CheckInRoundView = z.infer<typeof checkInRoundViewSchema>;
export type OutcomeSurveyView = z.infer<typeof outcomeSurveyViewSchema>;
export type TandemAlertView = z.infer<typeof tandemAlertViewSchema>;
type AnswerView = NonNullable<CheckInRoundView['answers']['mentor']>;

const present = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function answerView(answer: CheckInAnswer, audience: Audience): AnswerView {
  const common = { answeredAt: answer.answeredAt, kind: answer.kind, needsHelp: answer.needsHelp, ...(audience === 'cci' ? { privateNote: answer.privateNote } : {}) };
  return present(
    answer.kind === 'first'
      ? { ...common, firstMeetingHeld: answer.firstMeetingHeld, fit: answer.fit }
      : { ...common, meetingsSince: answer.meetingsSince, satisfaction: answer.satisfaction, progress: answer.progress },
  );
}

export function checkInRoundView(round: CheckInRound, audience: Audience): CheckInRoundView {
  return present({
    seq: round.seq,
    kind: round.kind,
    dueAt: round.dueAt,
    status: round.status,
    sentAt: round.sentAt,
    remindedAt: round.remindedAt,
    answers: present({
      mentor: round.answers.mentor && answerView(round.answers.mentor, audience),
      mentee: round.answers.mentee && answerView(round.answers.mentee, audience),
    }),
  });
}

export function outcomeSurveyView(survey: OutcomeSurvey): OutcomeSurveyView {
  const records = (survey.records ?? []).map((r) => ({ value: r.value, source: r.source, recordedAt: r.recordedAt }));
  const current = currentOutcome(records);
  return present({ milestone: survey.milestone, dueAt: survey.dueAt, status: survey.status, sentAt: survey.sentAt, current, records });
}

export function tandemAlertView(alert: TandemAlert): TandemAlertView {
  return present({ kind: alert.kind, raisedAt: alert.raisedAt, raisedBy: alert.raisedBy, seq: alert.seq, status: alert.status, resolvedAt: alert.resolvedAt });
}

/** The follow-up fields of a tandem's page (TandemDetail, PartnerTandemDetail); the closing note for the CCI only. */
export function followUpViews(followUp: TandemFollowUp, audience: Audience) {
  const { tandem } = followUp;
  return present({
    endedAt: tandem.endedAt,
    endReason: tandem.endReason,
    ...(audience === 'cci' ? { outcome: tandem.outcome, endNote: tandem.endNote, lastAnswerAt: tandem.lastAnswerAt } : {}),
    checkIns: followUp.rounds.map((r) => checkInRoundView(r, audience)),
    outcomes: followUp.surveys.map(outcomeSurveyView),
    alerts: followUp.alerts.map(tandemAlertView),
  });
}
