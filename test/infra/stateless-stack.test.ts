import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { ACCESS_LOG_FORMAT, routeKey } from '../../infra/constructs/http-api';
import { API_PATH_PATTERN } from '../../infra/constructs/signup-site';
import { synthStage, type Synthesized } from './synth';

/** Test-only routes: no authenticated route exists yet, and the authorizer must still be wired. */
const EXTRA_ROUTES: readonly RouteDefinition[] = [
  {
    id: 'TestListMentees',
    method: 'GET',
    path: '/api/test/mentees',
    entry: 'functions/http/get-reference.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'test-only admin route',
  },
  {
    id: 'TestPartnerMentees',
    method: 'GET',
    path: '/api/test/partner/mentees',
    entry: 'functions/http/get-reference.ts',
    auth: 'partner',
    capabilities: [],
    summary: 'test-only partner route',
  },
];
const ALL_ROUTES: readonly RouteDefinition[] = [...ROUTES, ...EXTRA_ROUTES];
/** The routes of this stack: those of the reports stack (`stack: 'reports'`) are added to the API there. */
const OWN_ROUTES = ALL_ROUTES.filter((r) => r.stack === undefined);

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Action: string | string[]; Resource: Json; Effect: string };

/** The Lambda function of a route (or, with `prefix`, the function whose logical id starts so) and the statements of its role's policy. */
function functionOf(t: Template, routeId: string, prefix = `Http${routeId}Function`) {
  const fns = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix));
  expect(fns, routeId).toHaveLength(1);
  const [logicalId, fn] = fns[0]! as [string, Resource];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const policies = Object.values(t.findResources('AWS::IAM::Policy')) as Resource[];
  const statements = policies
    .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
  return { logicalId, fn, env: fn.Properties.Environment.Variables as Record<string, unknown>, statements, actions };
}

describe('stateless stack', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev', { routes: ALL_ROUTES });
    prod = synthStage('prod', {
      overrides: { customDomain: { domainName: 'tandem.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' } },
    });
  });

  describe('HTTP API', () => {
    it('has one route per entry of the route table, each integrated with its own function; none of the reports stack’s', () => {
      const routes = dev.stateless.findResources('AWS::ApiGatewayV2::Route');
      expect(Object.keys(routes)).toHaveLength(OWN_ROUTES.length);
      for (const route of OWN_ROUTES) {
        dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey(route) });
        functionOf(dev.stateless, route.id);
      }
      dev.stateless.resourcePropertiesCountIs('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '2.0' }, OWN_ROUTES.length);
      const elsewhere = ALL_ROUTES.filter((r) => r.stack === 'reports');
      expect(elsewhere.length).toBeGreaterThan(0);
      const functions = Object.keys(dev.stateless.findResources('AWS::Lambda::Function'));
      for (const route of elsewhere) expect(functions.filter((id) => id.startsWith(`Http${route.id}Function`)), route.id).toEqual([]);
    });

    it('leaves public routes open and throttles each with its own limit, on top of a stage default', () => {
      const publicRoutes = ALL_ROUTES.filter((r) => r.auth === 'public');
      expect(publicRoutes.length).toBeGreaterThan(0);
      const routeSettings: Record<string, unknown> = {};
      for (const route of publicRoutes) {
        dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey(route),
          AuthorizationType: 'NONE',
        });
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: (route as RouteDefinition).throttle!.rateLimit,
          ThrottlingBurstLimit: (route as RouteDefinition).throttle!.burstLimit,
        };
      }
      dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        RouteSettings: routeSettings,
      });
    });

    it('puts the Cognito JWT authorizer on every non-public route', () => {
      const authorizers = dev.stateless.findResources('AWS::ApiGatewayV2::Authorizer', {
        Properties: { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] },
      });
      expect(Object.keys(authorizers)).toHaveLength(1);
      const [authorizerId, authorizer] = Object.entries(authorizers)[0]! as [string, Resource];
      // Issuer: the user pool's URL; audience: the app client.
      expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
      expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(1);
      for (const route of EXTRA_ROUTES) {
        dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey(route),
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      }
    });

    it('allows CORS only from the stage allowlist', () => {
      dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:3000'] }),
      });
      prod.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    });

    it('writes JSON access logs without IP, user agent, query string or claims', () => {
      const stage = Object.values(dev.stateless.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource;
      const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
      expect(format).toEqual(ACCESS_LOG_FORMAT);
      expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|querystring|claims/i);
    });
  });

  describe('functions', () => {
    it('run Node 24 on arm64 with source maps, JSON logs and X-Ray', () => {
      for (const route of OWN_ROUTES) {
        const { fn, env } = functionOf(dev.stateless, route.id);
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' },
        });
        expect(env).toMatchObject({ STAGE: 'dev', NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_LOG_LEVEL: 'DEBUG' });
      }
      prod.stateless.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ STAGE: 'prod', POWERTOOLS_LOG_LEVEL: 'INFO' }) },
      });
    });

    it('give each function a log group with the stage retention', () => {
      dev.stateless.hasResourceProperties('AWS::Lambda::Function', {
        LoggingConfig: Match.objectLike({ LogGroup: { Ref: Match.stringLikeRegexp('^HttpRegisterMentorLogGroup') } }),
      });
      dev.stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
      dev.stateless.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
      prod.stateless.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    });

    it('pair each env var group with its grant: confirm-email uses the table and reads the key, sends no mail', () => {
      const { env, actions } = functionOf(dev.stateless, 'ConfirmEmail');
      expect(Object.keys(env)).toEqual(expect.arrayContaining([ENV.tableName, ENV.signingKeySource, ENV.signingSecretArn]));
      expect(env).not.toHaveProperty(ENV.mailTransport);
      expect(env).toMatchObject({ SIGNING_KEY_SOURCE: 'secrets-manager' });
      expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:GetItem', 'dynamodb:UpdateItem']));
      expect(actions).not.toContain('ses:SendEmail');
    });

    it('sign-up routes write their job and nothing else: no mail, no key (the mail consumer sends after commit)', () => {
      for (const id of ['RegisterMentor', 'RegisterMentee']) {
        const { env, actions } = functionOf(dev.stateless, id);
        expect(env).toHaveProperty(ENV.tableName);
        for (const name of [ENV.mailTransport, ENV.mailFrom, ENV.siteUrl, ENV.signingSecretArn]) expect(env).not.toHaveProperty(name);
        expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('secretsmanager:'))).toEqual([]);
      }
    });

    it('list-partners queries its index and nothing else: no item read or write, no Scan, no mail, no key', () => {
      const { env, actions, statements } = functionOf(dev.stateless, 'ListPartners');
      expect(env).toHaveProperty(ENV.tableName);
      expect(env).not.toHaveProperty(ENV.mailFrom);
      expect(env).not.toHaveProperty(ENV.signingSecretArn);
      expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
      // The index it queries, by name (no index/* wildcard, not the table, not the other indexes).
      const table = statements.find((s) => [s.Action].flat().includes('dynamodb:Query'))!;
      expect(JSON.stringify(table.Resource)).toContain('/index/GSI1');
      expect(JSON.stringify(table.Resource)).not.toMatch(/index\/\*|GSI2|GSI3/);
    });

    it('functions without capabilities get no table, mail or key access', () => {
      const { env, actions } = functionOf(dev.stateless, 'GetReference');
      expect(env).not.toHaveProperty(ENV.tableName);
      expect(actions.filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
    });

    it("have no '*' resource except X-Ray, the site deployment's CloudFront invalidation and the state machine's log delivery", () => {
      const policies = Object.values(dev.stateless.findResources('AWS::IAM::Policy')) as Resource[];
      const starActions = policies
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => [s.Resource].flat().includes('*'))
        .flatMap((s) => [s.Action].flat() as string[]);
      expect(new Set(starActions)).toEqual(
        new Set([
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'cloudfront:GetInvalidation',
          'cloudfront:CreateInvalidation',
          // The matching state machine's role: X-Ray sampling and CloudWatch Logs delivery support no resource-level permissions.
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'logs:CreateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:DescribeLogGroups',
          'logs:DescribeResourcePolicies',
          'logs:GetLogDelivery',
          'logs:ListLogDeliveries',
          'logs:PutResourcePolicy',
          'logs:UpdateLogDelivery',
        ]),
      );
    });
  });

  describe('site', () => {
    it('serves a private bucket through CloudFront with Origin Access Control', () => {
      dev.stateless.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.anyValue(),
      });
      dev.stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      dev.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        }),
      });
    });

    it('routes /api/* to the HTTP API, uncached, with every viewer header but Host', () => {
      dev.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          CacheBehaviors: [
            Match.objectLike({
              PathPattern: API_PATH_PATTERN,
              // Managed policies: CachingDisabled and AllViewerExceptHostHeader.
              CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
              OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
              AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
              ViewerProtocolPolicy: 'https-only',
            }),
          ],
          Origins: Match.arrayWith([
            Match.objectLike({
              DomainName: { 'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('^HttpApi') }, '.execute-api.'])] },
              CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }),
            }),
          ]),
        }),
      });
    });

    it('sends strict security headers, including no Referer (links carry tokens), and no X-XSS-Protection', () => {
      dev.stateless.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            // Joined with the Cognito domain (region and account resolve at deploy): test/infra/identity.test.ts.
            ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp("script-src 'self'")])] } }),
            ReferrerPolicy: Match.objectLike({ ReferrerPolicy: 'no-referrer' }),
            FrameOptions: Match.objectLike({ FrameOption: 'DENY' }),
            StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
            // Deprecated, ignored by browsers and a risk of its own: the CSP covers it.
            XSSProtection: Match.absent(),
          }),
        }),
      });
    });

    it('uploads web/ and gives mail functions the distribution URL as SITE_URL', () => {
      dev.stateless.resourceCountIs('Custom::CDKBucketDeployment', 1);
      const { env } = functionOf(dev.stateless, 'MailSender', 'MailSenderFunction');
      expect(env[ENV.siteUrl]).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^SiteDistribution/), 'DomainName'] }]],
      });
    });

    it('uses the custom domain, with TLS 1.2+, when the stage has one', () => {
      prod.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['tandem.example.org'],
          ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
        }),
      });
      const { env } = functionOf(prod.stateless, 'MailSender', 'MailSenderFunction');
      expect(env[ENV.siteUrl]).toBe('https://tandem.example.org');
    });
  });

  describe('mail', () => {
    it('creates the SES configuration set with TLS required and the account suppression list', () => {
      dev.stateless.hasResourceProperties('AWS::SES::ConfigurationSet', {
        Name: 'tandem-dev',
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
    });

    it('names the stage’s operator (the CCI Aix-Marseille-Provence by default) to every function that sends mail', () => {
      const operator = {
        [ENV.mailOperatorName]: 'CCI Aix-Marseille-Provence',
        [ENV.mailContactEmail]: 'contact@cciamp.example',
        [ENV.mailPostalAddress]: '9 La Canebière, 13001 Marseille',
        [ENV.mailProgrammeEmail]: 'tandem@cciamp.example',
      };
      const functions = Object.values(dev.stateless.findResources('AWS::Lambda::Function')) as Resource[];
      const senders = functions.filter((fn) => fn.Properties.Environment?.Variables?.[ENV.mailTransport]);
      expect(senders.length).toBeGreaterThanOrEqual(1);
      for (const fn of senders) expect(fn.Properties.Environment.Variables).toMatchObject(operator);
    });

    it('verifies the sender address in dev and its domain in prod', () => {
      dev.stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@dev.tandem.example.org' });
      prod.stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'tandem.example.org' });
      const { statements } = functionOf(prod.stateless, 'MailSender', 'MailSenderFunction');
      const ses = statements.find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
      expect(JSON.stringify(ses.Resource)).toContain(':identity/tandem.example.org');
    });
  });
});
