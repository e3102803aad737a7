import { describe, expect, it } from 'vitest';
import { STAGES, loadStageConfig, stageConfigSchema, type StageConfig } from '../../infra/config/stages';
import { MATCHING_DEFAULTS, MAX_PROPOSAL_LIFETIME_SECONDS } from '../../shared/domain/matching';
import { cognitoDomainPrefix } from '../../infra/config/console-config';

describe('stage configuration', () => {
  it('fills documented defaults for dev: disposable, no deletion protection', () => {
    const dev = loadStageConfig('dev');
    expect(dev).toMatchObject({
      stage: 'dev',
      deletionProtection: false,
      removalPolicy: 'destroy',
      sesIdentityType: 'email',
      createSesIdentity: true,
      customerManagedTableKey: false,
      tracing: true,
      apiThrottle: { rateLimit: 100, burstLimit: 200 },
    });
    expect(dev.account).toBeUndefined();
    expect(dev.region).toBeUndefined();
  });

  it('keeps prod data: deletion protection and retain', () => {
    expect(loadStageConfig('prod')).toMatchObject({ deletionProtection: true, removalPolicy: 'retain' });
  });

  it('refuses a prod stage that could lose its data', () => {
    expect(() => loadStageConfig('prod', { deletionProtection: false })).toThrow(/prod keeps its data/);
    expect(() => loadStageConfig('prod', { removalPolicy: 'destroy' })).toThrow(/prod keeps its data/);
  });

  it('refuses a prod stage without a custom domain, naming the field and why; dev may omit it', () => {
    const { customDomain, ...prodWithoutDomain } = STAGES.prod;
    expect(customDomain.domainName).toBe('tandem.cciamp.example');
    const result = stageConfigSchema.safeParse(prodWithoutDomain);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['customDomain'],
        message: expect.stringMatching(/prod needs a customDomain: e-mailed links .*CloudFront default domain.*rebuilt/),
      }),
    ]);
    expect(() => loadStageConfig('prod', { customDomain: undefined })).toThrow(/customDomain: prod needs a customDomain/);
    expect(loadStageConfig('dev').customDomain).toBeUndefined();
  });

  it('rejects unknown stages and invalid values, naming the field', () => {
    expect(() => loadStageConfig('staging')).toThrow(/Unknown stage "staging"; expected one of: dev, prod/);
    expect(() => loadStageConfig('dev', { mailFrom: 'not-an-address' })).toThrow(/mailFrom/);
    expect(() => loadStageConfig('dev', { alarmEmail: 'ops at example.org' })).toThrow(/alarmEmail/);
    expect(() => loadStageConfig('dev', { corsAllowedOrigins: ['https://x.org/path'] })).toThrow(/corsAllowedOrigins/);
    expect(() => loadStageConfig('dev', { logRetentionDays: 31 })).toThrow(/logRetentionDays/);
    expect(() => loadStageConfig('dev', { customerManagedTableKey: true })).toThrow(/region/);
  });

  it('gives every stage the matching defaults: 5 candidates, a week to answer, a reminder after 3 days', () => {
    for (const name of Object.keys(STAGES)) expect(loadStageConfig(name).matching).toEqual(MATCHING_DEFAULTS);
    expect(MATCHING_DEFAULTS).toEqual({ candidatesPerAttempt: 5, proposalLifetimeSeconds: 604_800, reminderAfterSeconds: 259_200 });
    const { matching: _m, ...devWithout } = STAGES.dev;
    expect(stageConfigSchema.parse(devWithout).matching).toEqual(MATCHING_DEFAULTS);
  });

  it('refuses a proposal lifetime past the longest a link may live, or a reminder that would come after the proposal lapsed', () => {
    const matching = (m: Partial<StageConfig['matching']>) => ({ matching: { ...MATCHING_DEFAULTS, ...m } });
    expect(loadStageConfig('dev', matching({ proposalLifetimeSeconds: MAX_PROPOSAL_LIFETIME_SECONDS })).matching.proposalLifetimeSeconds).toBe(MAX_PROPOSAL_LIFETIME_SECONDS);
    expect(() => loadStageConfig('dev', matching({ proposalLifetimeSeconds: MAX_PROPOSAL_LIFETIME_SECONDS + 1 }))).toThrow(/matching\.proposalLifetimeSeconds/);
    expect(() => loadStageConfig('dev', matching({ reminderAfterSeconds: MATCHING_DEFAULTS.proposalLifetimeSeconds }))).toThrow(
      /matching\.reminderAfterSeconds: the reminder must come before the proposal lapses/,
    );
    expect(() => loadStageConfig('dev', matching({ candidatesPerAttempt: 0 }))).toThrow(/matching\.candidatesPerAttempt/);
  });

  it('names the Cognito domain tandem-<stage>-<account> unless the stage picks a prefix Cognito accepts', () => {
    expect(loadStageConfig('dev').authDomainPrefix).toBeUndefined();
    expect(cognitoDomainPrefix(loadStageConfig('dev'), '123456789012')).toBe('tandem-dev-123456789012');
    expect(cognitoDomainPrefix(loadStageConfig('dev', { authDomainPrefix: 'mentorat-cci-amp' }), '123456789012')).toBe('mentorat-cci-amp');
    for (const bad of ['Tandem', 'tandem_dev', '-tandem', 'tandem-', 'my-cognito-login', 'aws-tandem', 'amazon', 'a'.repeat(64)]) {
      expect(() => loadStageConfig('dev', { authDomainPrefix: bad }), bad).toThrow(/authDomainPrefix/);
    }
  });

  it('declares only stages whose file validates', () => {
    for (const name of Object.keys(STAGES)) expect(loadStageConfig(name).stage).toBe(name);
  });
});
