/**
 * In-memory Mailer: keeps what it is asked to send, in order. `failNext(n)` makes the next `n`
 * sends throw, as an SMTP server or SES that is down would, so retries can be exercised.
 */
import type { Mailer, OutgoingMail } from '../../ports/mailer';

export interface MemoryMailer extends Mailer {
  /** Every mail sent, oldest first. */
  readonly sent: OutgoingMail[];
  /** Makes the next `times` sends (one by default) throw; they add up across calls. */
  failNext(times?: number): void;
}

export function memoryMailer(): MemoryMailer {
  const sent: OutgoingMail[] = [];
  let failures = 0;
  return {
    sent,
    failNext(times = 1) {
      failures += times;
    },
    async send(mail) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('SMTP down');
      }
      sent.push({ ...mail });
    },
  };
}
