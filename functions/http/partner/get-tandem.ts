/** GET /api/partner/tandems/{tandemId} — one of the adviser's partner's tandems, without private notes (use case get-partner-tandem). */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { partnerIdOf } from '../../../shared/http/auth';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetPartnerTandem } from '../../../shared/use-cases/partner/get-partner-tandem';
import { wireGetPartnerTandem } from '../../commons/partner-space-wiring';

export const makeGetPartnerTandemHandler =
  (getPartnerTandem: ReturnType<typeof makeGetPartnerTandem>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, principal, locale }) => {
    const partnerId = partnerIdOf(principal);
    const { tandemId } = validate(pathIds.tandemId, pathParameters, locale);
    return json(200, await getPartnerTandem({ partnerId, tandemId }));
  };

export const handler = httpHandler({ route: 'GetPartnerTandem' }, makeGetPartnerTandemHandler(wireGetPartnerTandem()));
