/** GET /api/reference/communes?postalCode=13001 — communes served by a postal code. */
import { communesQuerySchema } from '../../shared/domain/schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import { findPlacesByPostalCode } from '../../shared/reference/places';

export const findCommunes: RawHttpHandler<undefined, { postalCode: string }> = async ({ query }) =>
  json(
    200,
    {
      postalCode: query.postalCode,
      communes: findPlacesByPostalCode(query.postalCode),
    },
    { 'cache-control': 'public, max-age=86400' },
  );

export const handler = httpHandler({ route: 'FindCommunes', query: communesQuerySchema }, findCommunes);
