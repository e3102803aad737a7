/**
 * The raw handler of both sign-up routes: hands the validated body to register-person and always
 * answers 202 with the same body, so the answer never tells whether an address was known.
 */
import { message } from '../../shared/domain/messages';
import type { RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { RegisterPersonInput, makeRegisterPerson } from '../../shared/use-cases/register-person';

export function makeSignUpHandler<I extends RegisterPersonInput>(
  role: I['role'],
  registerPerson: ReturnType<typeof makeRegisterPerson>,
): RawHttpHandler<I['signUp'], undefined> {
  return async ({ body, locale }) => {
    await registerPerson({ role, signUp: body, locale } as I);
    return json(202, { status: 'verification_sent', message: message('verification_sent', locale) });
  };
}
