/**
 * Mail adapters: Amazon SES (v2 API, with the configuration set for delivery events; called with
 * a signed fetch, see aws-fetch.ts) on AWS,
 * SMTP through nodemailer for the local runtime's mail catcher. nodemailer is loaded only when
 * the SMTP adapter is chosen, so Lambda bundles leave it out.
 */
import { callAwsJson, endpointOf, type AwsCallTarget } from '../aws-fetch';
import type { MailConfig } from '../../config/runtime-config';
import type { Mailer } from '../../ports/mailer';

/** Amazon SES v2 `SendEmail` (REST JSON), signed by aws-fetch.ts; `target` overrides endpoint and credentials in tests. */
export function sesMailer(config: { from: string; configurationSet: string }, target: Omit<AwsCallTarget, 'service'> = {}): Mailer {
  const ses = { ...target, service: 'ses' };
  return {
    async send(mail) {
      await callAwsJson(ses, `${endpointOf(ses, 'email')}/v2/email/outbound-emails`, {
        FromEmailAddress: config.from,
        Destination: { ToAddresses: [mail.to] },
        ConfigurationSetName: config.configurationSet,
        EmailTags: [{ Name: 'category', Value: mail.category }],
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          },
        },
      });
    },
  };
}

export function smtpMailer(config: { from: string; host: string; port: number }): Mailer {
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  return {
    async send(mail) {
      transport ??= import('nodemailer').then((m) =>
        m.default.createTransport({ host: config.host, port: config.port, secure: false, ignoreTLS: true }),
      );
      await (await transport).sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'X-Tandem-Category': mail.category },
      });
    },
  };
}

export function mailerFromConfig(config: MailConfig): Mailer {
  return config.transport === 'ses' ? sesMailer(config) : smtpMailer(config);
}
