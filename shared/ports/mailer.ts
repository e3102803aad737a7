/** Sends one e-mail. Adapters: SES (AWS), SMTP via nodemailer (local runtime). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A tag for delivery metrics (SES message tag); never personal data. */
  category: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
