/**
 * The capability registry, infrastructure side: for each capability, the environment values a
 * function gets and the least-privilege grant that goes with them, on exactly the bound resource.
 * Typed as a complete record over `Capability`: a capability declared in
 * shared/config/capabilities.ts does not compile until its entry exists here.
 */
import type { IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Capability } from '../../shared/config/capabilities';
import { followUpEnvironment, reportsEnvironment, type MatchingConfig, type ReportSettings, type SignUpConfig } from '../../shared/config/runtime-config';
import type { FollowUpSettings } from '../../shared/domain/follow-up';
import { ENV } from '../../shared/config/env';
import type { TableAccess } from '../../shared/db/table-access';
import type { MailBinding } from './mail';
import type { ReportsBucketBinding } from './report-archive';
import type { TableBinding } from './single-table';

/** The resources capabilities bind to; a function asking for a capability needs its binding. */
export interface CapabilityBindings {
  /** For `table`. */
  readonly table?: TableBinding;
  /** For `mail`. */
  readonly mail?: MailBinding;
  /** For `mail`: public origin of the site, start of every e-mailed link. */
  readonly siteUrl?: string;
  /** For `signing-key`: the link-signing key. */
  readonly signingSecret?: ISecret;
  /** For `workflow`: the matching state machine. */
  readonly stateMachine?: IStateMachine;
  /** For `matching`: the stage's matching settings (StageConfig `matching`). */
  readonly matching?: MatchingConfig;
  /** For `sign-up`: the stage's sign-up settings (StageConfig `signUp`). */
  readonly signUp?: SignUpConfig;
  /** For `follow-up`: the stage's follow-up and retention settings (StageConfig `followUp`). */
  readonly followUp?: FollowUpSettings;
  /** For `reports`: the reports bucket (stateful stack). */
  readonly reportsBucket?: ReportsBucketBinding;
  /** For `reports`: the stage's report settings (StageConfig `reports`). */
  readonly reports?: ReportSettings;
}

type GrantTarget = IGrantable & { addToRolePolicy(statement: PolicyStatement): void };

/** What a function declares beside its handler (route table, outbox consumers). */
export interface FunctionDeclaration {
  /** Construct id, named in synth errors. */
  readonly id: string;
  readonly capabilities: readonly Capability[];
  /** With `table`: the DynamoDB actions the function performs (shared/db/table-access.ts). */
  readonly tableAccess?: TableAccess;
  /**
   * With `workflow`: what it does with the state machine — start executions, answer task tokens.
   * @default ['start', 'respond']
   */
  readonly workflowAccess?: WorkflowAccess;
}

/** `start`: states:StartExecution; `respond`: states:SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat. */
export type WorkflowAccess = readonly ('start' | 'respond')[];

export interface CapabilityBinder {
  /** The variables of the capability's configuration group, with their values for this function. */
  environment(bindings: CapabilityBindings, fn: string): Record<string, string>;
  /** The grant, shaped by what the function declares. */
  grant(grantee: GrantTarget, bindings: CapabilityBindings, fn: FunctionDeclaration): void;
}

/** Fails the synth naming the function and what is missing, instead of a half-configured function. */
function need<K extends keyof CapabilityBindings>(bindings: CapabilityBindings, key: K, fn: string, capability: Capability): NonNullable<CapabilityBindings[K]> {
  const value = bindings[key];
  if (value === undefined) throw new Error(`${fn}: capability "${capability}" needs bindings.${key}`);
  return value as NonNullable<CapabilityBindings[K]>;
}

export const CAPABILITY_BINDERS: { readonly [C in Capability]: CapabilityBinder } = {
  table: {
    environment: (b, fn) => ({ [ENV.tableName]: need(b, 'table', fn, 'table').tableName }),
    grant: (grantee, b, fn) => {
      const table = need(b, 'table', fn.id, 'table');
      if (!fn.tableAccess?.length) throw new Error(`${fn.id}: capability "table" needs tableAccess (the DynamoDB actions it performs)`);
      table.grantAccess(grantee, fn.tableAccess);
    },
  },
  mail: {
    environment: (b, fn) => {
      const mail = need(b, 'mail', fn, 'mail');
      return {
        [ENV.mailTransport]: 'ses',
        [ENV.mailFrom]: mail.from,
        [ENV.sesConfigurationSet]: mail.configurationSetName,
        [ENV.siteUrl]: need(b, 'siteUrl', fn, 'mail'),
        [ENV.mailOperatorName]: mail.operator.name,
        [ENV.mailContactEmail]: mail.operator.contactEmail,
        [ENV.mailPostalAddress]: mail.operator.postalAddress,
        [ENV.mailProgrammeEmail]: mail.operator.programmeEmail,
      };
    },
    grant: (grantee, b, fn) => need(b, 'mail', fn.id, 'mail').grantSend(grantee),
  },
  'signing-key': {
    environment: (b, fn) => ({
      [ENV.signingKeySource]: 'secrets-manager',
      [ENV.signingSecretArn]: need(b, 'signingSecret', fn, 'signing-key').secretArn,
    }),
    grant: (grantee, b, fn) => void need(b, 'signingSecret', fn.id, 'signing-key').grantRead(grantee),
  },
  workflow: {
    environment: (b, fn) => ({ [ENV.stateMachineArn]: need(b, 'stateMachine', fn, 'workflow').stateMachineArn }),
    // StartExecution on this machine and/or SendTaskSuccess/Failure (and Heartbeat) on its tasks' tokens.
    grant: (grantee, b, fn) => {
      const stateMachine = need(b, 'stateMachine', fn.id, 'workflow');
      const access = fn.workflowAccess ?? ['start', 'respond'];
      if (access.includes('start')) stateMachine.grantStartExecution(grantee);
      if (access.includes('respond')) stateMachine.grantTaskResponse(grantee);
    },
  },
  matching: {
    environment: (b, fn) => {
      const m = need(b, 'matching', fn, 'matching');
      return {
        [ENV.matchingCandidatesPerAttempt]: String(m.candidatesPerAttempt),
        [ENV.matchingProposalLifetimeSeconds]: String(m.proposalLifetimeSeconds),
        [ENV.matchingReminderAfterSeconds]: String(m.reminderAfterSeconds),
      };
    },
    // Settings only: nothing to grant.
    grant: () => undefined,
  },
  'sign-up': {
    environment: (b, fn) => ({ [ENV.signUpSubmissionMemorySeconds]: String(need(b, 'signUp', fn, 'sign-up').submissionMemorySeconds) }),
    // Settings only: nothing to grant.
    grant: () => undefined,
  },
  'follow-up': {
    environment: (b, fn) => followUpEnvironment(need(b, 'followUp', fn, 'follow-up')),
    // Settings only: nothing to grant.
    grant: () => undefined,
  },
  reports: {
    environment: (b, fn) => ({
      [ENV.reportsStore]: 's3',
      [ENV.reportsBucket]: need(b, 'reportsBucket', fn, 'reports').bucketName,
      ...reportsEnvironment(need(b, 'reports', fn, 'reports')),
    }),
    // Read, write, list that bucket only (ReportArchive.grantReportAccess); presigned download links are signed with this role.
    grant: (grantee, b, fn) => need(b, 'reportsBucket', fn.id, 'reports').grantReportAccess(grantee),
  },
};
