/**
 * The environment the handlers read locally: the same variable names as in AWS (shared/config/env.ts),
 * pointed at DynamoDB Local, the mail catcher and a signing key file kept under `.local/`.
 */
import { followUpEnvironment, reportsEnvironment, type ReportSettings } from '../../shared/config/runtime-config';
import { FOLLOW_UP_DEFAULTS, type FollowUpSettings } from '../../shared/domain/follow-up';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConfigGroup } from '../../shared/config/capabilities';
import { ENV } from '../../shared/config/env';
import { MATCHING_DEFAULTS } from '../../shared/domain/matching';
import { SUBMISSION_MEMORY_SECONDS } from '../../shared/domain/people';
import { DEFAULT_OPERATOR, REPORT_DEFAULTS } from '../config/stages';
import { LOCAL_AWS } from './dynamodb-local';

export const LOCAL_TABLE_NAME = 'tandem-local';
/** The discard port: where workflow calls go when no runner is started (tests of other parts). */
export const NO_WORKFLOW_RUNNER = 'http://127.0.0.1:9';
/** The local workflow runner's one state machine (infra/local/workflow-runner.ts); the region is the ARN's. */
export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-3:000000000000:stateMachine:tandem-local-matching';

export interface LocalEnvInput {
  dynamoDbEndpoint: string;
  siteUrl: string;
  smtpHost: string;
  smtpPort: number;
  signingKeyFile: string;
  /**
   * The local workflow runner's endpoint (Step Functions JSON API).
   * @default NO_WORKFLOW_RUNNER - nothing listens: a workflow call fails as ServiceUnavailableError, never reaches AWS
   */
  stepFunctionsEndpoint?: string;
  tableName?: string;
  /** @default MATCHING_DEFAULTS */
  matching?: { candidatesPerAttempt: number; proposalLifetimeSeconds: number; reminderAfterSeconds: number };
  /** @default SUBMISSION_MEMORY_SECONDS */
  submissionMemorySeconds?: number;
  /** @default FOLLOW_UP_DEFAULTS */
  followUp?: FollowUpSettings;
  /**
   * Where report files go (`npm run report`, the console's « Rapports »).
   * @default LOCAL_REPORTS_DIR
   */
  reportsDir?: string;
  /** @default REPORT_DEFAULTS (infra/config/stages.ts) */
  reports?: ReportSettings;
}

/** Report files on this machine: `.local/reports/<period>/` (docs/reports.md). */
export const LOCAL_REPORTS_DIR = '.local/reports';

/**
 * The capability registry, local side: the values of each configuration group on this machine.
 * Typed as a complete record over `ConfigGroup`, so a new group does not compile until its local
 * value exists (see shared/config/capabilities.ts). Every handler of the local runtime shares one
 * process environment, so all groups are set at once.
 */
export const LOCAL_CONFIG: { readonly [G in ConfigGroup]: (input: LocalEnvInput) => Record<string, string> } = {
  table: (input) => ({
    [ENV.stage]: 'local',
    [ENV.tableName]: input.tableName ?? LOCAL_TABLE_NAME,
    [ENV.dynamoDbEndpoint]: input.dynamoDbEndpoint,
  }),
  mail: (input) => ({
    [ENV.siteUrl]: input.siteUrl,
    [ENV.mailTransport]: 'smtp',
    [ENV.mailFrom]: 'Tandem CCI <no-reply@tandem.local>',
    [ENV.smtpHost]: input.smtpHost,
    [ENV.smtpPort]: String(input.smtpPort),
    // The default stages' operator, so local mails look like the real ones.
    [ENV.mailOperatorName]: DEFAULT_OPERATOR.name,
    [ENV.mailContactEmail]: DEFAULT_OPERATOR.contactEmail,
    [ENV.mailPostalAddress]: DEFAULT_OPERATOR.postalAddress,
    [ENV.mailProgrammeEmail]: DEFAULT_OPERATOR.programmeEmail,
  }),
  signing: (input) => ({
    [ENV.signingKeySource]: 'file',
    [ENV.signingKeyFile]: input.signingKeyFile,
  }),
  workflow: (input) => ({
    [ENV.stateMachineArn]: LOCAL_STATE_MACHINE_ARN,
    [ENV.stepFunctionsEndpoint]: input.stepFunctionsEndpoint ?? NO_WORKFLOW_RUNNER,
  }),
  matching: (input) => {
    const m = input.matching ?? MATCHING_DEFAULTS;
    return {
      [ENV.matchingCandidatesPerAttempt]: String(m.candidatesPerAttempt),
      [ENV.matchingProposalLifetimeSeconds]: String(m.proposalLifetimeSeconds),
      [ENV.matchingReminderAfterSeconds]: String(m.reminderAfterSeconds),
    };
  },
  signUp: (input) => ({ [ENV.signUpSubmissionMemorySeconds]: String(input.submissionMemorySeconds ?? SUBMISSION_MEMORY_SECONDS) }),
  followUp: (input) => followUpEnvironment(input.followUp ?? FOLLOW_UP_DEFAULTS),
  reports: (input) => ({
    [ENV.reportsStore]: 'local',
    [ENV.reportsDir]: input.reportsDir ?? LOCAL_REPORTS_DIR,
    ...reportsEnvironment(input.reports ?? REPORT_DEFAULTS),
  }),
};

/** Variables the local runtime sets; AWS credentials and region only fill in what the user left unset. */
export function buildLocalEnv(input: LocalEnvInput, current: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    ...Object.assign({}, ...Object.values(LOCAL_CONFIG).map((values) => values(input))),
    AWS_REGION: current.AWS_REGION || LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: current.AWS_ACCESS_KEY_ID || LOCAL_AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: current.AWS_SECRET_ACCESS_KEY || LOCAL_AWS.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'tandem',
    // What Lambda sets for on-demand functions; Powertools reports cold starts only with it.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  };
}

/**
 * Creates the local link-signing key (32 random bytes, base64, owner-only) unless it exists.
 * Resolves true when it created one. The key never leaves `.local/`.
 */
export async function ensureSigningKey(file: string): Promise<boolean> {
  if (existsSync(file)) return false;
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await chmod(file, 0o600);
  return true;
}
