/**
 * Mail adapters: Amazon SES (v2 API, with the configuration set for delivery events) on AWS,
 * SMTP through nodemailer for the local runtime's mail catcher. nodemailer is loaded only when
 * the SMTP adapter is chosen, so Lambda bundles leave it out.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailConfig } from '../../config/runtime-config';
import type { Mailer } from '../../ports/mailer';

export function sesMailer(config: { from: string; configurationSet: string }, client = new SESv2Client({})): Mailer {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
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
        }),
      );
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
