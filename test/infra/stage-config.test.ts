import { describe, expect, it } from 'vitest';
import { STAGES, loadStageConfig, stageConfigSchema } from '../../infra/config/stages';

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

  it('declares only stages whose file validates', () => {
    for (const name of Object.keys(STAGES)) expect(loadStageConfig(name).stage).toBe(name);
  });
});
