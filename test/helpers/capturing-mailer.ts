/** A Mailer that keeps what it is asked to send; `failNext` makes the next send throw. */
import type { Mailer, OutgoingMail } from '../../shared/ports/mailer';

export function capturingMailer() {
  const sent: OutgoingMail[] = [];
  let failures = 0;
  const mailer: Mailer & { sent: OutgoingMail[]; failNext(): void } = {
    sent,
    failNext: () => void (failures += 1),
    async send(mail) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('SMTP down');
      }
      sent.push(mail);
    },
  };
  return mailer;
}

/** The token of a verification link found in a mail's text. */
export function tokenFrom(mail: OutgoingMail | undefined): string {
  const match = mail?.text.match(/verify\.html#token=([\w.-]+)/);
  if (!match?.[1]) throw new Error('no verification link in the mail');
  return match[1];
}
