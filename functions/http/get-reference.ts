/** GET /api/reference — the code lists of the sign-up form (static, cacheable). */
import { REFERENCE } from '../../shared/domain/reference';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';

export const getReference: RawHttpHandler<undefined, undefined> = async () =>
  json(200, REFERENCE, { 'cache-control': 'public, max-age=3600' });

export const handler = httpHandler({ route: 'GetReference' }, getReference);
