import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailOperator } from '../../shared/mail/templates';

export interface MailProps {
  /** Sender address of every message (MAIL_FROM). */
  readonly from: string;
  /** Name of the SES configuration set (SES_CONFIGURATION_SET). */
  readonly configurationSetName: string;
  /** Who sends the mails, named in their footers (MAIL_OPERATOR_NAME, MAIL_CONTACT_EMAIL, MAIL_POSTAL_ADDRESS). */
  readonly operator: MailOperator;
  /**
   * Identity that covers `from`: the address itself or its domain.
   * @default 'email'
   */
  readonly identityType?: 'email' | 'domain';
  /**
   * Create the identity in this stack; false when it already exists in the account.
   * @default true
   */
  readonly createIdentity?: boolean;
}

/** What a function with the `mail` capability needs: its env values and its sending grant. */
export interface MailBinding {
  readonly from: string;
  readonly configurationSetName: string;
  readonly operator: MailOperator;
  /** `ses:SendEmail` on exactly this identity and configuration set, from exactly `from` (`ses:FromAddress`). */
  grantSend(grantee: { addToRolePolicy(statement: PolicyStatement): void }): void;
}

/**
 * SES sending: a configuration set (TLS required, reputation metrics, account suppression list for
 * bounces and complaints) and the sender identity. Functions get a send grant scoped to both ARNs,
 * so a compromised function cannot send as another identity or bypass the configuration set.
 * Note: a new SES account is in the sandbox (verified recipients only) until production access is
 * requested; that is an account setting, not something a template can change.
 */
export class Mail extends Construct implements MailBinding {
  readonly from: string;
  readonly configurationSetName: string;
  readonly operator: MailOperator;
  readonly identityName: string;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.from = props.from;
    this.operator = props.operator;
    const domain = props.from.split('@')[1];
    if (!domain) throw new Error('Mail: `from` must be an e-mail address');
    this.identityName = (props.identityType ?? 'email') === 'domain' ? domain : props.from;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetName = props.configurationSetName;

    if (props.createIdentity ?? true) {
      const identity = new EmailIdentity(this, 'Identity', {
        identity: props.identityType === 'domain' ? Identity.domain(domain) : Identity.email(props.from),
        configurationSet: this.configurationSet,
      });
      // Deleting the identity would stop all mail and force a new verification: keep it.
      identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }

  grantSend(grantee: { addToRolePolicy(statement: PolicyStatement): void }): void {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', resource, resourceName });
    // SES v2 SendEmail (the only call, simple content: shared/adapters/mail/mailers.ts) is authorized
    // as ses:SendEmail; no SendRawEmail. A domain identity would let any address of the domain send:
    // the condition pins the sender to the configured one.
    grantee.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [arn('identity', this.identityName), arn('configuration-set', this.configurationSetName)],
        conditions: { StringEquals: { 'ses:FromAddress': this.from } },
      }),
    );
  }
}
