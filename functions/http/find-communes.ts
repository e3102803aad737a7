/** GET /api/reference/communes?postalCode=13001 — communes served by a postal code. */
import { communesQuerySchema } from '../../shared/domain/schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import { findCommunesByPostalCode } from '../../shared/reference/communes';

export const findCommunes: RawHttpHandler<undefined, { postalCode: string }> = async ({ query }) =>
  json(
    200,
    {
      postalCode: query.postalCode,
      communes: findCommunesByPostalCode(query.postalCode).map((c) => ({ code: c.code, name: c.name })),
    },
    { 'cache-control': 'public, max-age=86400' },
  );

export const handler = httpHandler({ query: communesQuerySchema }, findCommunes);
