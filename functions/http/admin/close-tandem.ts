/** POST /api/admin/tandems/{tandemId}/close — the CCI ends a tandem: `completed` with an outcome, or `ended_early` with a reason (use case close-tandem). */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors';
import { closeTandemSchema, type CloseTandemRequest } from '../../../shared/domain/follow-up-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { CloseTandem } from '../../../shared/ports/tandem-lifecycle';
import { wireCloseTandem } from '../../commons/tandem-lifecycle-wiring';

export const makeCloseTandemHandler =
  (closeTandem: CloseTandem): RawHttpHandler<CloseTandemRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { tandemId } = validate(pathIds.tandemId, pathParameters, locale);
    const result = await closeTandem(
      body.status === 'completed'
        ? { tandemId, status: 'completed', outcome: body.outcome, note: body.note, by: 'cci' }
        : { tandemId, status: 'ended_early', reason: body.reason, note: body.note, by: 'cci' },
    );
    if (result.outcome === 'not_found') throw new NotFoundError('No such tandem');
    if (result.outcome === 'not_active') throw new ConflictError('invalid_transition', `The tandem is ${result.status}`, { status: result.status });
    return json(200, { status: result.tandem.status, endedAt: result.tandem.endedAt!, rematch: result.rematch });
  };

export const handler = httpHandler({ route: 'CloseTandem', body: closeTandemSchema }, makeCloseTandemHandler(wireCloseTandem()));
