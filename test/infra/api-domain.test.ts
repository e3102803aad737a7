import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAGES, loadStageConfig, stageConfigSchema } from '../../infra/config/stages';
import { API_PATH_PATTERN } from '../../infra/constructs/signup-site';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The origin of the distribution's `/api/*` behaviour. */
function apiOriginOf(s: Synthesized): Json {
  const distribution = Object.values(s.stateless.findResources('AWS::CloudFront::Distribution'))[0] as Json;
  const config = distribution.Properties.DistributionConfig;
  const behavior = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === API_PATH_PATTERN);
  return (config.Origins as Json[]).find((o) => o.Id === behavior.TargetOriginId);
}

describe('API custom domain (prod)', () => {
  let prod: Synthesized;
  beforeAll(() => {
    prod = synthStage('prod');
  });

  it('disables the default execute-api endpoint', () => {
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  it('serves the API on its own regional domain, TLS 1.2, with the stage mapped at the root', () => {
    const { domainName, certificateArn } = STAGES.prod.apiOriginDomain;
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: domainName,
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' })],
    });
    expect(certificateArn.split(':')[3]).toBe(STAGES.prod.region);
    const domainId = Object.keys(prod.stateless.findResources('AWS::ApiGatewayV2::DomainName'))[0]!;
    prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      DomainName: { Ref: domainId },
      ApiId: { Ref: Match.stringLikeRegexp('^HttpApi') },
      Stage: '$default',
      ApiMappingKey: Match.absent(),
    });
  });

  it('makes that domain CloudFront’s origin for /api/*, HTTPS and TLS 1.2 only', () => {
    const domainId = Object.keys(prod.stateless.findResources('AWS::ApiGatewayV2::DomainName'))[0]!;
    const origin = apiOriginOf(prod);
    expect(origin.DomainName).toEqual({ Ref: domainId });
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('outputs the regional target of the operator’s DNS record, and no execute-api endpoint', () => {
    const domainId = Object.keys(prod.stateless.findResources('AWS::ApiGatewayV2::DomainName'))[0]!;
    prod.stateless.hasOutput('ApiOriginDnsTarget', { Value: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] } });
    prod.stateless.hasOutput('ApiOriginHostedZoneId', { Value: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] } });
    expect(prod.stateless.findOutputs('ApiEndpoint')).toEqual({});
  });
});

describe('through the site only (prod): a secret header CloudFront adds and every API function checks', () => {
  let prod: Synthesized;
  beforeAll(() => {
    prod = synthStage('prod');
  });
  const resolvesSecret = (value: Json) => JSON.stringify(value).includes('{{resolve:secretsmanager:');

  it('adds x-origin-verify, resolved from a generated secret, to the requests forwarded to the API', () => {
    const headers = apiOriginOf(prod).OriginCustomHeaders as Json[];
    expect(headers).toHaveLength(1);
    expect(headers[0].HeaderName).toBe('x-origin-verify');
    expect(resolvesSecret(headers[0].HeaderValue)).toBe(true);
    prod.stateless.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 48, ExcludePunctuation: true }),
    });
  });

  it('gives every API function the same value to check (ORIGIN_VERIFY_VALUE), and no other function', () => {
    const functions = Object.entries(prod.stateless.findResources('AWS::Lambda::Function')) as [string, Json][];
    const http = functions.filter(([id]) => id.startsWith('Http'));
    expect(http.length).toBeGreaterThan(20);
    for (const [, fn] of http) expect(resolvesSecret(fn.Properties.Environment.Variables.ORIGIN_VERIFY_VALUE)).toBe(true);
    for (const [, fn] of functions.filter(([id]) => !id.startsWith('Http'))) expect(fn.Properties.Environment?.Variables?.ORIGIN_VERIFY_VALUE).toBeUndefined();
  });

  it('is not set where the API has no domain of its own (dev: the execute-api endpoint is the origin)', () => {
    const dev = synthStage('dev');
    expect(apiOriginOf(dev).OriginCustomHeaders).toBeUndefined();
    for (const fn of Object.values(dev.stateless.findResources('AWS::Lambda::Function')) as Json[]) {
      expect(fn.Properties.Environment?.Variables?.ORIGIN_VERIFY_VALUE).toBeUndefined();
    }
  });
});

describe('API without a custom domain (dev)', () => {
  it('keeps the execute-api endpoint as CloudFront’s origin, and no domain', () => {
    const dev = synthStage('dev');
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    dev.stateless.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    dev.stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    const [, parts] = apiOriginOf(dev).DomainName['Fn::Join'] as [string, Json[]];
    expect(parts[0]).toEqual({ Ref: expect.stringMatching(/^HttpApi/) });
    expect(parts[1]).toBe('.execute-api.');
  });

  it('can take one: a dev stage with apiOriginDomain disables execute-api too', () => {
    const dev = synthStage('dev', {
      overrides: { apiOriginDomain: { domainName: 'api.dev.tandem.example.org', certificateArn: 'arn:aws:acm:eu-west-3:111111111111:certificate/dev' } },
    });
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.dev.tandem.example.org' });
  });
});

describe('stage config: apiOriginDomain', () => {
  it('refuses a prod stage without one, naming the field and why; dev may omit it', () => {
    const { apiOriginDomain: _omitted, ...prodWithout } = STAGES.prod;
    const result = stageConfigSchema.safeParse(prodWithout);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['apiOriginDomain'], message: expect.stringMatching(/prod needs an apiOriginDomain: .*execute-api endpoint is disabled/) }),
    ]);
    expect(() => loadStageConfig('prod', { apiOriginDomain: undefined })).toThrow(/apiOriginDomain: prod needs an apiOriginDomain/);
    expect(loadStageConfig('dev').apiOriginDomain).toBeUndefined();
  });

  it('refuses a certificate from another region than the stage’s, and a name that is not a host name', () => {
    const other = { domainName: 'api.tandem.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x' };
    expect(() => loadStageConfig('prod', { apiOriginDomain: other })).toThrow(/apiOriginDomain\.certificateArn: the API's certificate must be in the stage's region \(eu-west-3\), not us-east-1/);
    expect(() => loadStageConfig('dev', { apiOriginDomain: { ...other, domainName: 'https://api.example.org' } })).toThrow(/apiOriginDomain\.domainName/);
    // Without a region (environment-agnostic dev) the certificate's region cannot be checked here.
    expect(loadStageConfig('dev', { apiOriginDomain: other }).apiOriginDomain).toEqual(other);
  });
});
