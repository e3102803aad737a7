/** POST /api/admin/tandems/{tandemId}/alerts/{kind}/resolve — the CCI has dealt with an alert (use case resolve-tandem-alert). */
import { alertPathSchema } from '../../../shared/domain/follow-up-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeResolveTandemAlert } from '../../../shared/use-cases/admin/resolve-tandem-alert';
import { wireResolveTandemAlert } from '../../commons/tandem-lifecycle-wiring';

export const makeResolveTandemAlertHandler =
  (resolveTandemAlert: ReturnType<typeof makeResolveTandemAlert>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { tandemId, kind } = validate(alertPathSchema, pathParameters, locale);
    return json(200, await resolveTandemAlert({ tandemId, kind }));
  };

export const handler = httpHandler({ route: 'ResolveTandemAlert' }, makeResolveTandemAlertHandler(wireResolveTandemAlert()));
