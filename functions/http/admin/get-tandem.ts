/** GET /api/admin/tandems/{tandemId} — a tandem with the proposals that led to it (use case get-tandem). */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetTandem } from '../../../shared/use-cases/admin/get-tandem';
import { wireGetTandem } from '../../commons/admin-mentees-wiring';

export const makeGetTandemHandler =
  (getTandem: ReturnType<typeof makeGetTandem>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { tandemId } = validate(pathIds.tandemId, pathParameters, locale);
    return json(200, await getTandem(tandemId));
  };

export const handler = httpHandler({ route: 'GetTandem' }, makeGetTandemHandler(wireGetTandem()));
