/**
 * Typed configuration, parsed once from `process.env` at cold start. Each function parses only the
 * groups of its capabilities (see capabilities.ts), so a missing variable fails at start, not on a
 * request. `CONFIG_SCHEMAS` is the registry's list of groups; the infrastructure and the local
 * runtime are tested against it (test/unit/capability-registry.test.ts).
 */
// zod/mini, not classic zod: every function parses its configuration with these, and the classic
// API alone weighs ~70 KB more in a bundle (the mail consumer's budget is tight).
import { check, coerce, discriminatedUnion, email, int, literal, maximum, minimum, minLength, object, optional, pipe, regex, string, trim, url } from 'zod/mini';
import type { z, ZodMiniType } from 'zod/mini';
import type { FollowUpSettings } from '../domain/follow-up';
import { MAX_FOLLOW_UP_LINK_DAYS } from '../domain/follow-up-terms';
import { MAX_PROPOSAL_LIFETIME_SECONDS } from '../domain/matching-terms';
import type { MailOperator } from '../mail/templates';
import type { ConfigGroup } from './capabilities';
import { ENV } from './env';

const nonEmpty = string().check(trim(), minLength(1));
/** An integer from an environment variable (a string), within bounds. */
const integer = (min: number, max?: number) => pipe(coerce.number(), int().check(minimum(min), ...(max === undefined ? [] : [maximum(max)])));

const tableSchema = object({
  [ENV.stage]: nonEmpty,
  [ENV.tableName]: nonEmpty,
  [ENV.dynamoDbEndpoint]: optional(url()),
});

/** What every mail transport shares: the site's origin and the operator named in the footers. */
const mailCommon = {
  [ENV.mailFrom]: nonEmpty,
  [ENV.siteUrl]: url(),
  [ENV.mailOperatorName]: nonEmpty,
  [ENV.mailContactEmail]: email(),
  [ENV.mailPostalAddress]: nonEmpty,
  [ENV.mailProgrammeEmail]: email(),
};

const mailSchema = discriminatedUnion(ENV.mailTransport, [
  object({ [ENV.mailTransport]: literal('ses'), [ENV.sesConfigurationSet]: nonEmpty, ...mailCommon }),
  object({ [ENV.mailTransport]: literal('smtp'), [ENV.smtpHost]: nonEmpty, [ENV.smtpPort]: integer(1, 65535), ...mailCommon }),
]);

const signingSchema = discriminatedUnion(ENV.signingKeySource, [
  object({ [ENV.signingKeySource]: literal('secrets-manager'), [ENV.signingSecretArn]: nonEmpty }),
  object({ [ENV.signingKeySource]: literal('file'), [ENV.signingKeyFile]: nonEmpty }),
]);

/** A Step Functions state machine ARN (the region is read from it when AWS_REGION is unset). */
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

const workflowSchema = object({
  [ENV.stateMachineArn]: string().check(regex(STATE_MACHINE_ARN)),
  [ENV.stepFunctionsEndpoint]: optional(url()),
  AWS_REGION: optional(nonEmpty),
});

const matchingSchema = object({
  [ENV.matchingCandidatesPerAttempt]: integer(1, 50),
  [ENV.matchingProposalLifetimeSeconds]: integer(1, MAX_PROPOSAL_LIFETIME_SECONDS),
  [ENV.matchingReminderAfterSeconds]: integer(1),
}).check(
  check((ctx) => {
    if (ctx.value.MATCHING_REMINDER_AFTER_SECONDS >= ctx.value.MATCHING_PROPOSAL_LIFETIME_SECONDS) {
      ctx.issues.push({ code: 'custom', path: [ENV.matchingReminderAfterSeconds], message: 'the reminder comes before the proposal lapses', input: ctx.value });
    }
  }),
);

/** The schema of each configuration group: what a capability's variables must satisfy. */
/** A double click or a retry is one sign-up for this long: minutes, not a day (10 s to 1 h). */
const signUpSchema = object({
  [ENV.signUpSubmissionMemorySeconds]: integer(10, 3600),
});

/** Follow-up settings in days (FollowUpSettings); links live at most MAX_FOLLOW_UP_LINK_DAYS. */
const followUpSchema = object({
  [ENV.followUpFirstCheckInDays]: integer(1, 90),
  [ENV.followUpCheckInIntervalDays]: integer(7, 120),
  [ENV.followUpReminderAfterDays]: integer(1, 30),
  [ENV.followUpLinkDays]: integer(2, MAX_FOLLOW_UP_LINK_DAYS),
  [ENV.followUpSilentAfterDays]: integer(14, 365),
  [ENV.followUpUnmatchedRetentionDays]: integer(30, 3 * 365),
  [ENV.followUpRetentionNoticeDays]: integer(1, 90),
  [ENV.followUpClosedTandemRetentionDays]: integer(30, 10 * 365),
}).check(
  check((ctx) => {
    if (ctx.value.FOLLOW_UP_RETENTION_NOTICE_DAYS >= ctx.value.FOLLOW_UP_UNMATCHED_RETENTION_DAYS) {
      ctx.issues.push({ code: 'custom', path: [ENV.followUpRetentionNoticeDays], message: 'the notice comes before the erasure', input: ctx.value });
    }
    if (ctx.value.FOLLOW_UP_REMINDER_AFTER_DAYS >= ctx.value.FOLLOW_UP_LINK_DAYS) {
      ctx.issues.push({ code: 'custom', path: [ENV.followUpReminderAfterDays], message: 'the reminder comes before the link expires', input: ctx.value });
    }
  }),
);

/** Report files: a bucket (AWS) or a folder (local); the CCI's list; the programme's first month. */
const reportsCommon = {
  [ENV.reportsRecipients]: string().check(trim(), regex(/^[^\s,@]+@[^\s,@]+(?:,[^\s,@]+@[^\s,@]+)*$/)),
  [ENV.reportsProgrammeStart]: string().check(regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  [ENV.reportsLinkSeconds]: integer(60, 7 * 24 * 3600),
};
const reportsSchema = discriminatedUnion(ENV.reportsStore, [
  object({ [ENV.reportsStore]: literal('s3'), [ENV.reportsBucket]: nonEmpty, ...reportsCommon }),
  object({ [ENV.reportsStore]: literal('local'), [ENV.reportsDir]: nonEmpty, ...reportsCommon }),
]);

export const CONFIG_SCHEMAS: Record<ConfigGroup, ZodMiniType> = {
  table: tableSchema,
  mail: mailSchema,
  signing: signingSchema,
  workflow: workflowSchema,
  matching: matchingSchema,
  signUp: signUpSchema,
  followUp: followUpSchema,
  reports: reportsSchema,
};

/** The stage's report settings (infra/config/stages.ts `reports`). */
export interface ReportSettings {
  /** The CCI's report list. */
  recipients: string[];
  /** `YYYY-MM`, Paris: programme-to-date figures count from this month. */
  programmeStart: string;
  /** Lifetime of a file's download link, in seconds. */
  linkSeconds: number;
}
export type ReportsConfig = ReportSettings & ({ store: 's3'; bucket: string } | { store: 'local'; dir: string });

export interface TableConfig {
  stage: string;
  tableName: string;
  endpoint?: string;
}
export type MailConfig = (
  | { transport: 'ses'; from: string; configurationSet: string }
  | { transport: 'smtp'; from: string; host: string; port: number }
) & { siteUrl: string; operator: MailOperator };
export type SigningConfig = { source: 'secrets-manager'; secretArn: string } | { source: 'file'; file: string };
export interface WorkflowConfig {
  stateMachineArn: string;
  region: string;
  /** The local runner's endpoint; unset in AWS. */
  endpoint?: string;
}
/** The stage's matching settings (infra/config/stages.ts `matching`, defaults MATCHING_DEFAULTS). */
export interface MatchingConfig {
  candidatesPerAttempt: number;
  proposalLifetimeSeconds: number;
  reminderAfterSeconds: number;
}

/** Thrown at cold start when the environment is incomplete; names the variables, never their values. */
export class ConfigError extends Error {
  constructor(group: string, issues: z.core.$ZodIssue[]) {
    super(`Invalid ${group} configuration: ${issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
    this.name = 'ConfigError';
  }
}

function parse<T extends ZodMiniType>(group: string, schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(group, result.error.issues);
  return result.data;
}

export function loadTableConfig(env: NodeJS.ProcessEnv = process.env): TableConfig {
  const c = parse('table', tableSchema, env);
  return { stage: c.STAGE, tableName: c.TABLE_NAME, ...(c.DYNAMODB_ENDPOINT ? { endpoint: c.DYNAMODB_ENDPOINT } : {}) };
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const c = parse('mail', mailSchema, env);
  const siteUrl = c.SITE_URL.replace(/\/+$/, '');
  const operator = { name: c.MAIL_OPERATOR_NAME, contactEmail: c.MAIL_CONTACT_EMAIL, postalAddress: c.MAIL_POSTAL_ADDRESS, programmeEmail: c.MAIL_PROGRAMME_EMAIL };
  return c.MAIL_TRANSPORT === 'ses'
    ? { transport: 'ses', from: c.MAIL_FROM, configurationSet: c.SES_CONFIGURATION_SET, siteUrl, operator }
    : { transport: 'smtp', from: c.MAIL_FROM, host: c.SMTP_HOST, port: c.SMTP_PORT, siteUrl, operator };
}

export function loadSigningConfig(env: NodeJS.ProcessEnv = process.env): SigningConfig {
  const c = parse('signing key', signingSchema, env);
  return c.SIGNING_KEY_SOURCE === 'secrets-manager'
    ? { source: 'secrets-manager', secretArn: c.SIGNING_SECRET_ARN }
    : { source: 'file', file: c.SIGNING_KEY_FILE };
}

export function loadWorkflowConfig(env: NodeJS.ProcessEnv = process.env): WorkflowConfig {
  const c = parse('workflow', workflowSchema, env);
  const region = c.AWS_REGION ?? STATE_MACHINE_ARN.exec(c.STATE_MACHINE_ARN)![1]!;
  return { stateMachineArn: c.STATE_MACHINE_ARN, region, ...(c.STEP_FUNCTIONS_ENDPOINT ? { endpoint: c.STEP_FUNCTIONS_ENDPOINT } : {}) };
}

export function loadMatchingConfig(env: NodeJS.ProcessEnv = process.env): MatchingConfig {
  const c = parse('matching', matchingSchema, env);
  return {
    candidatesPerAttempt: c.MATCHING_CANDIDATES_PER_ATTEMPT,
    proposalLifetimeSeconds: c.MATCHING_PROPOSAL_LIFETIME_SECONDS,
    reminderAfterSeconds: c.MATCHING_REMINDER_AFTER_SECONDS,
  };
}

/** The stage's sign-up settings (infra/config/stages.ts `signUp`). */
export interface SignUpConfig {
  submissionMemorySeconds: number;
}
export function loadSignUpConfig(env: NodeJS.ProcessEnv = process.env): SignUpConfig {
  const c = parse('sign-up', signUpSchema, env);
  return { submissionMemorySeconds: c[ENV.signUpSubmissionMemorySeconds] };
}

/** The stage's follow-up and retention settings (infra/config/stages.ts `followUp`, defaults FOLLOW_UP_DEFAULTS). */
export function loadFollowUpConfig(env: NodeJS.ProcessEnv = process.env): FollowUpSettings {
  const c = parse('follow-up', followUpSchema, env);
  return {
    firstCheckInDays: c.FOLLOW_UP_FIRST_CHECK_IN_DAYS,
    checkInIntervalDays: c.FOLLOW_UP_CHECK_IN_INTERVAL_DAYS,
    reminderAfterDays: c.FOLLOW_UP_REMINDER_AFTER_DAYS,
    linkDays: c.FOLLOW_UP_LINK_DAYS,
    silentAfterDays: c.FOLLOW_UP_SILENT_AFTER_DAYS,
    unmatchedRetentionDays: c.FOLLOW_UP_UNMATCHED_RETENTION_DAYS,
    retentionNoticeDays: c.FOLLOW_UP_RETENTION_NOTICE_DAYS,
    closedTandemRetentionDays: c.FOLLOW_UP_CLOSED_TANDEM_RETENTION_DAYS,
  };
}

/** The variables of the `followUp` group for settings (CDK binder, local runtime, bench). */
export function followUpEnvironment(s: FollowUpSettings): Record<string, string> {
  return {
    [ENV.followUpFirstCheckInDays]: String(s.firstCheckInDays),
    [ENV.followUpCheckInIntervalDays]: String(s.checkInIntervalDays),
    [ENV.followUpReminderAfterDays]: String(s.reminderAfterDays),
    [ENV.followUpLinkDays]: String(s.linkDays),
    [ENV.followUpSilentAfterDays]: String(s.silentAfterDays),
    [ENV.followUpUnmatchedRetentionDays]: String(s.unmatchedRetentionDays),
    [ENV.followUpRetentionNoticeDays]: String(s.retentionNoticeDays),
    [ENV.followUpClosedTandemRetentionDays]: String(s.closedTandemRetentionDays),
  };
}

/** The `reports` group (capability `reports`). */
export function loadReportsConfig(env: NodeJS.ProcessEnv = process.env): ReportsConfig {
  const c = parse('reports', reportsSchema, env);
  const settings: ReportSettings = {
    recipients: c[ENV.reportsRecipients].split(','),
    programmeStart: c[ENV.reportsProgrammeStart],
    linkSeconds: c[ENV.reportsLinkSeconds],
  };
  return c.REPORTS_STORE === 's3' ? { ...settings, store: 's3', bucket: c.REPORTS_BUCKET } : { ...settings, store: 'local', dir: c.REPORTS_DIR };
}

/** The variables of the `reports` group that do not depend on where files go (CDK binder, local runtime, bench). */
export function reportsEnvironment(s: ReportSettings): Record<string, string> {
  return {
    [ENV.reportsRecipients]: s.recipients.join(','),
    [ENV.reportsProgrammeStart]: s.programmeStart,
    [ENV.reportsLinkSeconds]: String(s.linkSeconds),
  };
}
