/**
 * The raw handler of both sign-up routes: hands the validated body to submit-sign-up and always
 * answers 202 with the same body, after the same single write, so neither the answer nor its
 * timing tells whether an address was known.
 */
import { message } from '../../shared/domain/messages';
import type { RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { SubmitSignUpInput, makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';

export function makeSignUpHandler<I extends SubmitSignUpInput>(
  role: I['role'],
  submitSignUp: ReturnType<typeof makeSubmitSignUp>,
): RawHttpHandler<I['signUp'], undefined> {
  return async ({ body, locale }) => {
    await submitSignUp({ role, signUp: body, locale } as I);
    return json(202, { status: 'verification_sent', message: message('verification_sent', locale) });
  };
}
