/** GET /api/admin/attention — the console's home page: what needs the CCI's attention (use case get-attention). */
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetAttention } from '../../../shared/use-cases/admin/get-attention';
import { wireGetAttention } from '../../commons/admin-mentees-wiring';

export const makeGetAttentionHandler =
  (getAttention: ReturnType<typeof makeGetAttention>): RawHttpHandler<undefined, undefined> =>
  async () =>
    json(200, await getAttention());

export const handler = httpHandler({ route: 'GetAttention' }, makeGetAttentionHandler(wireGetAttention()));
