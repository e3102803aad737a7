/** GET /api/openapi.json — the API contract, generated from the route table and the zod schemas. */
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import { buildOpenApiDocument } from '../../shared/http/openapi';

const document = buildOpenApiDocument();

export const getOpenApi: RawHttpHandler<undefined, undefined> = async () => json(200, document, { 'cache-control': 'public, max-age=300' });

export const handler = httpHandler({ route: 'GetOpenApi' }, getOpenApi);
