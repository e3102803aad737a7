/**
 * In-memory FollowUpAnswers with the DynamoDB adapter's semantics: the same items under the same
 * keys, the same outcome when several conditions fail (not found, then already answered — by the
 * person or by this link —, then closed), every condition checked before anything is written, with
 * no `await` in between, so a refused answer changes nothing.
 */
import { JOB_ITEM_SECONDS, outboxItem, silenceWatchItem, spentLinkItem, tandemAlertItem, type Item, followUpLeavesQueue } from '../../db/items';
import { keys } from '../../db/keys';
import type { FollowUpAnswers } from '../../ports/follow-up-answers';
import { epoch, type MemoryTable } from './table';


/** Sets and removes attributes, as an UpdateExpression does. */
function updated(item: Item, changes: { set?: Item; remove?: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove ?? []) delete next[name];
  return { ...next, ...changes.set };
}

export function memoryFollowUpAnswers(table: MemoryTable): FollowUpAnswers {
  const spent = (tokenId: string) => table.get(keys.spentLink(tokenId)) !== undefined;

  return {
    async answerCheckIn({ tandemId, seq, role, answer, link, silentAt, alerts, mails }) {
      const tandem = table.get(keys.tandem(tandemId));
      const round = table.get(keys.checkInRound(tandemId, seq));
      if (!tandem || !round) return 'not_found';
      const answers = (round.answers ?? {}) as Record<string, unknown>;
      if (answers[role] !== undefined || spent(link.tokenId)) return 'already_answered';
      if (tandem.status !== 'active' || round.status !== 'sent') return 'closed';
      const now = new Date(answer.answeredAt);
      if (mails.some((mail) => table.get(keys.outbox(mail.job.kind, mail.dedupKey)) !== undefined)) return 'already_answered';

      table.put(updated(round, { set: { answers: { ...answers, [role]: answer } } }));
      table.put(updated(tandem, { set: { lastAnswerAt: answer.answeredAt } }));
      table.put(spentLinkItem(link.tokenId, link.expiresAt));
      const watch = table.get(keys.silenceWatch(tandemId));
      table.put({ ...(watch ?? {}), ...silenceWatchItem({ tandemId, dueAt: silentAt, armed: true }) });
      const silent = table.get(keys.tandemAlert(tandemId, 'silent'));
      if (silent?.status === 'open') table.put(updated(silent, followUpLeavesQueue({ status: 'resolved', resolvedAt: answer.answeredAt })));
      for (const alert of alerts) table.put(tandemAlertItem(alert));
      for (const mail of mails) table.put(outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
      return 'recorded';
    },

    async answerOutcome({ tandemId, milestone, respondent, record, link }) {
      const survey = table.get(keys.outcomeSurvey(tandemId, milestone));
      if (!survey) return 'not_found';
      const answeredBy = (survey.answeredBy ?? {}) as Record<string, string>;
      if (answeredBy[respondent] !== undefined || spent(link.tokenId)) return 'already_answered';
      if (survey.status !== 'sent') return 'closed';
      const records = (survey.records ?? []) as unknown[];
      table.put(updated(survey, { set: { records: [...records, record], answeredBy: { ...answeredBy, [respondent]: record.recordedAt } } }));
      table.put(spentLinkItem(link.tokenId, link.expiresAt));
      return 'recorded';
    },
  };
}
