/**
 * The three sides of the capability registry agree: what CDK sets for a capability, and what the
 * local runtime sets, both satisfy the configuration schema the function parses at cold start.
 */
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CAPABILITY_NAMES } from '../../shared/config/capabilities';
import { CONFIG_SCHEMAS } from '../../shared/config/runtime-config';
import { DEFAULT_OPERATOR, REPORT_DEFAULTS } from '../../infra/config/stages';
import { CAPABILITY_BINDERS, type CapabilityBindings } from '../../infra/constructs/capabilities';
import { buildLocalEnv, LOCAL_CONFIG } from '../../infra/local/local-env';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { MATCHING_DEFAULTS } from '../../shared/domain/matching';

const bindings = {
  table: { tableName: 'tandem-dev-table', table: {}, grantAccess: () => undefined },
  mail: { from: 'no-reply@tandem.example.org', configurationSetName: 'tandem-dev', operator: DEFAULT_OPERATOR, grantSend: () => undefined },
  siteUrl: 'https://tandem.example.org',
  signingSecret: { secretArn: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:signing' },
  stateMachine: { stateMachineArn: 'arn:aws:states:eu-west-3:123456789012:stateMachine:tandem-dev-matching' },
  matching: MATCHING_DEFAULTS,
  signUp: { submissionMemorySeconds: 600 },
  followUp: FOLLOW_UP_DEFAULTS,
  reportsBucket: { bucketName: 'tandem-dev-reports-123456789012-eu-west-3', grantReportAccess: () => undefined },
  reports: REPORT_DEFAULTS,
} as unknown as CapabilityBindings;

const localInput = { dynamoDbEndpoint: 'http://127.0.0.1:8000', siteUrl: 'http://localhost:3000', smtpHost: '127.0.0.1', smtpPort: 2525, signingKeyFile: '/tmp/key' };

describe('capability registry', () => {
  it.each(CAPABILITY_NAMES)('%s: the environment CDK sets satisfies the group schema the code parses', (capability) => {
    const group = CAPABILITIES[capability].group;
    const env = { STAGE: 'dev', ...CAPABILITY_BINDERS[capability].environment(bindings, 'Fn') };
    expect(CONFIG_SCHEMAS[group].safeParse(env).success).toBe(true);
  });

  it.each(Object.keys(LOCAL_CONFIG) as Array<keyof typeof LOCAL_CONFIG>)('%s: the local runtime sets what the group schema needs', (group) => {
    expect(CONFIG_SCHEMAS[group].safeParse(buildLocalEnv(localInput, {})).success).toBe(true);
  });

  it('refuses follow-up settings whose retention notice would not come before the erasure, or whose reminder would outlive the link', () => {
    const env = (settings: typeof FOLLOW_UP_DEFAULTS) => ({ STAGE: 'dev', ...CAPABILITY_BINDERS['follow-up'].environment({ ...bindings, followUp: settings } as CapabilityBindings, 'Fn') });
    expect(CONFIG_SCHEMAS.followUp.safeParse(env({ ...FOLLOW_UP_DEFAULTS, retentionNoticeDays: 90, unmatchedRetentionDays: 60 })).success).toBe(false);
    expect(CONFIG_SCHEMAS.followUp.safeParse(env({ ...FOLLOW_UP_DEFAULTS, reminderAfterDays: 30, linkDays: 30 })).success).toBe(false);
  });

  it('fails the synth, naming the function and the binding, when a capability has no binding', () => {
    expect(() => CAPABILITY_BINDERS.mail.environment({}, 'RegisterMentor')).toThrow('RegisterMentor: capability "mail" needs bindings.mail');
  });
});
