import { Aws, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { cognitoDomainPrefix } from '../config/console-config';
import { ReportArchive } from '../constructs/report-archive';
import { SingleTable } from '../constructs/single-table';

/** Cognito groups; the API's handlers authorise `admin` and `partner` routes from the `cognito:groups` claim. */
export const USER_GROUPS = {
  admin: 'CCI programme officers: validate mentors, watch matching, close tandems, receive reports.',
  partner: 'Partner advisers: refer mentees and follow their own beneficiaries only.',
} as const;

/**
 * The custom attribute of a partner adviser: the partner they work for. ID tokens carry it as
 * `custom:partnerId` (CLAIMS.partnerId in shared/http/auth.ts). Only the CCI sets it (admin API);
 * the console's client may not write it.
 */
export const PARTNER_ID_ATTRIBUTE = 'partnerId';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Everything that holds state and must outlive code deployments: the single table, the user pool
 * (users are state), the link-signing key and the reports bucket. Deployed rarely; the stateless stack can be destroyed
 * and rebuilt at will without losing data.
 */
export class StatefulStack extends Stack {
  readonly data: SingleTable;
  readonly userPool: UserPool;
  /**
   * The Cognito domain of managed login (`tandem-<stage>-<account>` by default). Its app client, the
   * console's, lives in the stateless stack: its callback URL is the site's, known only there.
   */
  readonly authDomain: UserPoolDomain;
  readonly signingSecret: Secret;
  /** The reports bucket: report files by period, bound by the reports stack's functions. */
  readonly reports: ReportArchive;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.data = new SingleTable(this, 'Data', {
      deletionProtection: config.deletionProtection,
      removalPolicy,
      customerManagedKey: config.customerManagedTableKey,
    });

    this.reports = new ReportArchive(this, 'Reports', { stage: config.stage, retentionDays: config.reports.retentionDays, removalPolicy });

    this.userPool = new UserPool(this, 'UserPool', {
      // Staff and partner accounts are created by the CCI, never by self sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Mutable so the CCI can move an adviser to another partner; the console client cannot write it.
      customAttributes: { [PARTNER_ID_ATTRIBUTE]: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }) },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.deletionProtection,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials plan: only CCI staff and partner advisers sign in, accounts are created by the CCI (no self sign-up) and TOTP MFA is required for all; Plus threat protection is billed per active user with no free tier.',
    });

    this.authDomain = this.userPool.addDomain('AuthDomain', {
      cognitoDomain: { domainPrefix: cognitoDomainPrefix(config, config.account ?? Aws.ACCOUNT_ID) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    for (const [groupName, description] of Object.entries(USER_GROUPS)) {
      new UserPoolGroup(this, `Group${groupName[0]!.toUpperCase()}${groupName.slice(1)}`, {
        userPool: this.userPool,
        groupName,
        description,
      });
    }

    this.signingSecret = new Secret(this, 'LinkSigningKey', {
      description: 'HMAC key that signs e-mailed links (confirmation, check-in, e-mail verification).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The functions verify links with AWSCURRENT and AWSPREVIOUS (a two-key window) and a new key signs only once every cache has seen it; AWSPREVIOUS must then be retired after the longest link lifetime (48 h), which a rotation Lambda cannot sequence, so the CCI rotates by the documented procedure (docs/infrastructure.md).',
    });
  }
}
