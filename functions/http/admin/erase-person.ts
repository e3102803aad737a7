/** POST /api/admin/people/{role}/{personId}/erase — the CCI erases a person on request, `{ "confirm": true }` (use case erase-person). */
import { erasePersonSchema, personPathSchema } from '../../../shared/domain/follow-up-schemas';
import type { z } from 'zod';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { ErasePerson } from '../../../shared/use-cases/admin/erase-person';
import { wireErasePerson } from '../../commons/personal-data-wiring';

export const makeErasePersonHandler =
  (erasePerson: ErasePerson): RawHttpHandler<z.infer<typeof erasePersonSchema>, undefined> =>
  async ({ pathParameters, locale }) => {
    const { role, personId } = validate(personPathSchema, pathParameters, locale);
    return json(200, await erasePerson({ role, personId }));
  };

export const handler = httpHandler({ route: 'ErasePerson', body: erasePersonSchema }, makeErasePersonHandler(wireErasePerson()));
