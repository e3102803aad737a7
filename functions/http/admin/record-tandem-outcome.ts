/** PUT /api/admin/tandems/{tandemId}/outcomes/{milestone} — the CCI records or corrects a milestone's outcome (use case record-tandem-outcome). */
import type { OutcomeValue } from '../../../shared/domain/follow-up';
import { outcomePathSchema, recordOutcomeSchema } from '../../../shared/domain/follow-up-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeRecordTandemOutcome } from '../../../shared/use-cases/admin/record-tandem-outcome';
import { wireRecordTandemOutcome } from '../../commons/tandem-lifecycle-wiring';

export const makeRecordTandemOutcomeHandler =
  (recordTandemOutcome: ReturnType<typeof makeRecordTandemOutcome>): RawHttpHandler<OutcomeValue, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { tandemId, milestone } = validate(outcomePathSchema, pathParameters, locale);
    return json(200, await recordTandemOutcome({ tandemId, milestone: milestone as 3 | 6 | 12, outcome: body }));
  };

export const handler = httpHandler({ route: 'RecordTandemOutcome', body: recordOutcomeSchema }, makeRecordTandemOutcomeHandler(wireRecordTandemOutcome()));
