/**
 * Typed per-stage configuration of the CDK app, validated by zod when the app starts so a bad value
 * fails the synth with a clear message instead of producing a half-right template.
 * Select a stage with `cdk synth -c stage=prod` (default `dev`).
 */
import { z } from 'zod';
import { FOLLOW_UP_DEFAULTS, MAX_FOLLOW_UP_LINK_DAYS } from '../../shared/domain/follow-up';
import { MATCHING_DEFAULTS, MAX_PROPOSAL_LIFETIME_SECONDS } from '../../shared/domain/matching';
import { PUBLIC_POST_CLIENT_LIMIT } from '../../shared/http/client-limit';
import { SUBMISSION_MEMORY_SECONDS } from '../../shared/domain/people';

/** Log retention values CloudWatch accepts (days). */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const browserOrigin = z
  .string()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i, 'an origin: scheme://host[:port], no path, no trailing slash');

/**
 * The CCI Aix-Marseille-Provence, operator of the default stages. The contact address is a
 * placeholder until the CCI gives the real one: replace it here (or per stage) before going live.
 */
export const DEFAULT_OPERATOR = {
  name: 'CCI Aix-Marseille-Provence',
  contactEmail: 'contact@cciamp.example',
  postalAddress: '9 La Canebière, 13001 Marseille',
  programmeEmail: 'tandem@cciamp.example',
} as const;

const operatorSchema = z.object({
  /** The organisation's name, as written after "la" in French ("la CCI Aix-Marseille-Provence"). */
  name: z.string().trim().min(1),
  /** Where people write to: a mailbox the CCI's team reads (not the no-reply sender). */
  contactEmail: z.email(),
  /** Postal address, one line. */
  postalAddress: z.string().trim().min(1),
  /** The programme team's mailbox: "no mentor found" reports and matching alerts (never shown to people). */
  programmeEmail: z.email(),
});

const throttleSchema = z.object({
  /** Steady-state requests per second. */
  rateLimit: z.number().positive(),
  /** Burst bucket size. */
  burstLimit: z.number().int().positive(),
});

/** A custom domain name with the ARN of its ACM certificate. */
const domainSchema = z.object({ domainName: z.string().regex(/^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lowercase host name'), certificateArn: z.string().startsWith('arn:') });

const webFirewallSchema = z.object({
  /**
   * Requests one client IP may send to the public POST routes per evaluation window; past it the web
   * ACL answers 429 until the rate falls back. AWS WAF's smallest limit is 10.
   * @default PUBLIC_POST_CLIENT_LIMIT.requests (shared/http/client-limit.ts, also applied locally)
   */
  postRateLimit: z.number().int().min(10).max(2_000_000_000).default(PUBLIC_POST_CLIENT_LIMIT.requests),
  /**
   * The rate-based rule's evaluation window, in seconds (the values AWS WAF accepts).
   * @default PUBLIC_POST_CLIENT_LIMIT.windowSeconds
   */
  evaluationWindowSeconds: z
    .union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)])
    .default(PUBLIC_POST_CLIENT_LIMIT.windowSeconds),
});

const matchingSchema = z.object({
  /** Candidates proposed in turn per attempt (RankCandidates keeps the best this many). */
  candidatesPerAttempt: z.number().int().min(1).max(50),
  /**
   * How long a mentor has to answer: ProposeToMentor's TimeoutSeconds and the links' lifetime.
   * At most MAX_PROPOSAL_LIFETIME_SECONDS (14 days).
   */
  proposalLifetimeSeconds: z.number().int().min(60).max(MAX_PROPOSAL_LIFETIME_SECONDS),
  /** When a mentor who has not answered gets the one reminder; before the proposal lapses. */
  reminderAfterSeconds: z.number().int().min(1),
});

/**
 * Report settings by default (docs/reports.md): the CCI's programme mailbox receives the reports,
 * programme-to-date figures count from January 2024, download links live 5 minutes, report files
 * are kept 3 years (then expire, with their older versions 30 days after being replaced).
 */
export const REPORT_DEFAULTS = {
  recipients: [DEFAULT_OPERATOR.programmeEmail],
  programmeStart: '2024-01',
  linkSeconds: 300,
  retentionDays: 3 * 365,
};

export const stageConfigSchema = z
  .object({
    /** Stage name; prefixes stack names (`tandem-<stage>-stateful`) and is passed to functions as STAGE. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
    /**
     * Target account and region. Leave both unset for an environment-agnostic synth (the CLI's
     * credentials decide at deploy time).
     * @default - environment-agnostic
     */
    account: z.string().regex(/^\d{12}$/).optional(),
    /** @default - environment-agnostic */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional(),
    /**
     * Custom domain of the site (CloudFront). When set, SITE_URL (the start of every e-mailed link) is
     * `https://<domainName>` and the distribution serves that name with TLS 1.2+ only. The certificate
     * must be in us-east-1 (a CloudFront requirement); DNS is managed outside this app. Required in prod:
     * e-mailed links must outlive a rebuild of the distribution, which changes its default domain.
     * @default - the CloudFront default domain (`https://dxxxx.cloudfront.net`); not allowed in prod
     */
    customDomain: z.object({ domainName: z.string().min(3), certificateArn: z.string().startsWith('arn:') }).optional(),
    /**
     * Custom domain of the HTTP API, CloudFront's origin for `/api/*`. When set, the API answers on
     * this name only: its default `execute-api` endpoint is disabled, so nothing reaches the API around
     * CloudFront (and its web firewall) through the default host. The certificate is a REGIONAL ACM
     * certificate in the stage's region; DNS is managed outside this app: point the name at the
     * `ApiOriginDnsTarget` output (CNAME or alias). Required in prod.
     * @default - the execute-api endpoint stays on and is CloudFront's origin (dev's trade-off: no
     *   domain or certificate to own for a throw-away stage); not allowed in prod
     */
    apiOriginDomain: domainSchema.optional(),
    /**
     * A WAF web ACL on the CloudFront distribution: AWS managed rule groups (common rule set, known bad
     * inputs, Amazon IP reputation) and a per-IP rate limit on the public POST routes. CloudFront web
     * ACLs live in us-east-1, so it gets its own stack there (`tandem-<stage>-edge`) and its ARN reaches
     * the distribution by a cross-region reference, which needs `account` and `region`. Costs about
     * $10 a month plus $0.60 per million requests.
     * @default - no web ACL (dev: API Gateway's per-route throttles only)
     */
    webFirewall: webFirewallSchema.optional(),
    /**
     * Extra browser origins allowed to call the API cross-origin. The sign-up form itself is served by
     * the same CloudFront distribution as `/api/*`, so it needs no CORS; list only other front ends.
     * @default []
     */
    corsAllowedOrigins: z.array(browserOrigin).default([]),
    /**
     * Prefix of the user pool's Cognito domain, where the console's managed login lives:
     * `https://<prefix>.auth.<region>.amazoncognito.com`. Prefixes are unique per region across
     * all AWS accounts; Cognito refuses `aws`, `amazon` and `cognito` in them.
     * @default `tandem-<stage>-<account id>`
     */
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens, 1 to 63 characters, no hyphen at either end')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'Cognito refuses "aws", "amazon" and "cognito" in a domain prefix')
      .optional(),
    /** Sender address of every e-mail (a verified SES identity, or an address of a verified domain). */
    mailFrom: z.email(),
    /**
     * Who runs this hub: named, with its contact and postal addresses, in every e-mail's footer
     * (MAIL_OPERATOR_NAME, MAIL_CONTACT_EMAIL, MAIL_POSTAL_ADDRESS), and its programme mailbox for
     * reports and alerts (MAIL_PROGRAMME_EMAIL).
     * @default DEFAULT_OPERATOR (the CCI Aix-Marseille-Provence)
     */
    operator: operatorSchema.default(DEFAULT_OPERATOR),
    /**
     * Which SES identity covers `mailFrom`: the address itself (`email`, fine for a pilot, SES e-mails a
     * verification link at deploy) or its whole domain (`domain`, needed for DKIM in production; publish
     * the DKIM records that SES shows). The sending grant is scoped to this identity.
     * @default 'email'
     */
    sesIdentityType: z.enum(['email', 'domain']).default('email'),
    /**
     * Whether this stack creates the SES identity. Set false when the identity already exists in the
     * account (e.g. shared by two stages): the stack then only references it.
     * @default true
     */
    createSesIdentity: z.boolean().default(true),
    /**
     * Address e-mailed by the alarm topic on every alarm and recovery (an operator list, not a person's
     * inbox). SNS sends a confirmation link at deploy; nothing is delivered until it is clicked.
     * @default - no subscription: alarms reach the SNS topic only
     */
    alarmEmail: z.email().optional(),
    /** Name of the SES configuration set every message is sent through (reputation metrics, suppression). */
    sesConfigurationSetName: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
    /**
     * DynamoDB deletion protection: the table cannot be deleted, even by CloudFormation, until it is
     * turned off. Must be true in prod.
     * @default false
     */
    deletionProtection: z.boolean().default(false),
    /**
     * What CloudFormation does with stateful resources (table, user pool, signing secret, site bucket)
     * when they leave the stack: `retain` keeps them (prod), `destroy` deletes them (throw-away stages).
     * @default 'destroy'
     */
    removalPolicy: z.enum(['retain', 'destroy']).default('destroy'),
    /**
     * Encrypt the table with a customer-managed KMS key instead of the AWS-managed `aws/dynamodb` key.
     * The AWS-managed key already encrypts at rest with every use logged in CloudTrail, at no monthly key
     * fee; a customer key (about $1/month plus requests) only adds control over the key policy and
     * rotation, which an organisation's policy may demand. Needs `region` (TableV2 renders the key per
     * replica region, which an environment-agnostic stack cannot).
     * @default false
     */
    customerManagedTableKey: z.boolean().default(false),
    /**
     * Retention of the Lambda and API access log groups, in days.
     * @default 30
     */
    logRetentionDays: z
      .number()
      .refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), 'a CloudWatch retention value')
      .default(30),
    /**
     * Powertools log level of the functions.
     * @default 'INFO'
     */
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    /**
     * X-Ray active tracing on the functions (free tier: 100 000 traces a month).
     * @default true
     */
    tracing: z.boolean().default(true),
    /**
     * Stage-wide throttling of the HTTP API; public routes also carry their own limit from the route table.
     * @default { rateLimit: 100, burstLimit: 200 }
     */
    apiThrottle: throttleSchema.default({ rateLimit: 100, burstLimit: 200 }),
    /**
     * The matching workflow's settings (docs/matching-workflow.md), passed to the task functions
     * (MATCHING_* variables) and to the state machine (ProposeToMentor's timeout).
     * @default MATCHING_DEFAULTS (5 candidates, a week to answer, a reminder after 3 days)
     */
    matching: matchingSchema.default(MATCHING_DEFAULTS),
    /**
     * Sign-up settings, passed to the sign-up functions (SIGN_UP_* variables).
     * `submissionMemorySeconds`: an identical submission within this window (a double click, a
     * retry) has one effect; after it, the same submission is a new request (the person who did
     * not get the mail may simply send the form again). Minutes, not hours.
     * @default { submissionMemorySeconds: SUBMISSION_MEMORY_SECONDS } (10 minutes)
     */
    signUp: z.object({ submissionMemorySeconds: z.number().int().min(10).max(3600) }).default({ submissionMemorySeconds: SUBMISSION_MEMORY_SECONDS }),
    /**
     * Follow-up and retention settings in days (docs/follow-up.md), passed to the follow-up
     * functions (FOLLOW_UP_* variables) and stated in the privacy policy: check-in rhythm,
     * reminders, link lifetime, silence, and how long unmatched profiles and closed tandems'
     * personal fields are kept.
     * @default FOLLOW_UP_DEFAULTS (first check-in at 14 days then every 30, reminder after 7, links 30 days, silent after 60, unmatched profiles 365 days with a notice 30 days before, closed tandems 3 years)
     */
    followUp: z
      .object({
        firstCheckInDays: z.number().int().min(1).max(90),
        checkInIntervalDays: z.number().int().min(7).max(120),
        reminderAfterDays: z.number().int().min(1).max(30),
        linkDays: z.number().int().min(2).max(MAX_FOLLOW_UP_LINK_DAYS),
        silentAfterDays: z.number().int().min(14).max(365),
        unmatchedRetentionDays: z.number().int().min(30).max(3 * 365),
        retentionNoticeDays: z.number().int().min(1).max(90),
        closedTandemRetentionDays: z.number().int().min(30).max(10 * 365),
      })
      .refine((f) => f.retentionNoticeDays < f.unmatchedRetentionDays, { message: 'the retention notice comes before the erasure', path: ['retentionNoticeDays'] })
      .refine((f) => f.reminderAfterDays < f.linkDays, { message: 'the reminder comes before the link expires', path: ['reminderAfterDays'] })
      .default(FOLLOW_UP_DEFAULTS),
    /**
     * Reports to the CCI (docs/reports.md): who receives the monthly report and the weekly digest,
     * the month programme-to-date figures count from, the download links' lifetime and how long
     * report files are kept in the reports bucket (lifecycle expiry).
     * @default REPORT_DEFAULTS
     */
    reports: z
      .object({
        recipients: z.array(z.email()).min(1).max(20),
        programmeStart: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        linkSeconds: z.number().int().min(60).max(7 * 24 * 3600),
        retentionDays: z.number().int().min(30).max(10 * 365),
      })
      .default(REPORT_DEFAULTS),
  })
  .superRefine((c, ctx) => {
    if (c.stage === 'prod' && (!c.deletionProtection || c.removalPolicy !== 'retain')) {
      ctx.addIssue({ code: 'custom', message: 'prod keeps its data: deletionProtection true and removalPolicy retain' });
    }
    if (c.stage === 'prod' && !c.customDomain) {
      ctx.addIssue({
        code: 'custom',
        path: ['customDomain'],
        message:
          'prod needs a customDomain: e-mailed links must not point at the CloudFront default domain, which changes if the distribution is rebuilt',
      });
    }
    if (c.stage === 'prod' && !c.apiOriginDomain) {
      ctx.addIssue({
        code: 'custom',
        path: ['apiOriginDomain'],
        message: 'prod needs an apiOriginDomain: the API must answer only through CloudFront, so its default execute-api endpoint is disabled',
      });
    }
    const apiCertRegion = c.apiOriginDomain?.certificateArn.split(':')[3];
    if (c.region && apiCertRegion && apiCertRegion !== c.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['apiOriginDomain', 'certificateArn'],
        message: `the API's certificate must be in the stage's region (${c.region}), not ${apiCertRegion}: a regional API domain takes a certificate of its own region`,
      });
    }
    if (c.webFirewall && (!c.account || !c.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['webFirewall'],
        message: 'webFirewall needs an explicit account and region: the web ACL lives in us-east-1 and reaches the distribution by a cross-region reference',
      });
    }
    if (c.matching.reminderAfterSeconds >= c.matching.proposalLifetimeSeconds) {
      ctx.addIssue({ code: 'custom', path: ['matching', 'reminderAfterSeconds'], message: 'the reminder must come before the proposal lapses (reminderAfterSeconds < proposalLifetimeSeconds)' });
    }
    if (c.customerManagedTableKey && !c.region) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'customerManagedTableKey needs an explicit region' });
    }
  });

/** The validated configuration of one stage. */
export type StageConfig = z.infer<typeof stageConfigSchema>;
/** What a stage file may write (defaults filled in by the schema). */
export type StageConfigInput = z.input<typeof stageConfigSchema>;

/**
 * The known stages. `dev` is a cheap, disposable copy; `prod` keeps its data. Domain names and
 * addresses are placeholders to replace (or override with `-c` context) before a real deployment.
 */
export const STAGES = {
  dev: {
    stage: 'dev',
    corsAllowedOrigins: ['http://localhost:3000'],
    mailFrom: 'no-reply@dev.tandem.example.org',
    alarmEmail: 'alerts@dev.tandem.example.org',
    sesConfigurationSetName: 'tandem-dev',
    logLevel: 'DEBUG',
    logRetentionDays: 14,
    matching: MATCHING_DEFAULTS,
  },
  prod: {
    stage: 'prod',
    // PLACEHOLDERS, to replace before deploying: the target account and region. They are explicit
    // because the web firewall's stack lives in us-east-1 and the distribution reads its ARN across
    // regions; a deploy with another account's credentials fails instead of landing elsewhere.
    account: '111111111111',
    region: 'eu-west-3',
    mailFrom: 'no-reply@tandem.example.org',
    alarmEmail: 'alerts@tandem.example.org',
    // PLACEHOLDERS, to replace before deploying: the real domain name, and the ARN of its ACM
    // certificate in us-east-1 (CloudFront only takes certificates from that region).
    customDomain: {
      domainName: 'tandem.cciamp.example',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    },
    // PLACEHOLDERS too: the API's own name (CloudFront's origin) and its REGIONAL certificate, in the
    // stage's region.
    apiOriginDomain: {
      domainName: 'api.tandem.cciamp.example',
      certificateArn: 'arn:aws:acm:eu-west-3:111111111111:certificate/00000000-0000-0000-0000-000000000001',
    },
    webFirewall: { postRateLimit: PUBLIC_POST_CLIENT_LIMIT.requests, evaluationWindowSeconds: PUBLIC_POST_CLIENT_LIMIT.windowSeconds },
    sesIdentityType: 'domain',
    sesConfigurationSetName: 'tandem-prod',
    deletionProtection: true,
    removalPolicy: 'retain',
    logRetentionDays: 90,
    apiThrottle: { rateLimit: 200, burstLimit: 400 },
    matching: MATCHING_DEFAULTS,
  },
} as const satisfies Record<string, StageConfigInput>;

export type StageName = keyof typeof STAGES;

/**
 * The validated configuration of `name`, with optional overrides (from CDK context or tests).
 * Throws on an unknown stage or an invalid value, naming the field.
 */
export function loadStageConfig(name: string, overrides: Partial<StageConfigInput> = {}): StageConfig {
  if (!Object.hasOwn(STAGES, name)) {
    throw new Error(`Unknown stage "${name}"; expected one of: ${Object.keys(STAGES).join(', ')}`);
  }
  const result = stageConfigSchema.safeParse({ ...STAGES[name as StageName], ...overrides });
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration for stage "${name}": ${fields}`);
  }
  return result.data;
}
