/** The mailer double of the integration tests is the in-memory adapter; this helper keeps its old name. */
import type { OutgoingMail } from '../../shared/ports/mailer';

export { memoryMailer as capturingMailer } from '../../shared/adapters/memory/mailer';

/** The token of a verification link found in a mail's text. */
export function tokenFrom(mail: OutgoingMail | undefined): string {
  const match = mail?.text.match(/verify\.html#token=([\w.-]+)/);
  if (!match?.[1]) throw new Error('no verification link in the mail');
  return match[1];
}
