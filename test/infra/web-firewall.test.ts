import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { CLIENT_LIMIT_ERROR, PUBLIC_POST_CLIENT_LIMIT } from '../../shared/http/client-limit';
import { MAX_BODY_BYTES } from '../../shared/http/http-handler';
import {
  COUNT_ONLY_CRS_RULES,
  MANAGED_RULE_GROUPS,
  MAX_BODY_BYTES_AT_EDGE,
  PAYLOAD_TOO_LARGE_BODY,
  TOO_MANY_REQUESTS_BODY,
  publicPostPathPrefixes,
} from '../../infra/constructs/web-firewall';
import { STAGES, loadStageConfig } from '../../infra/config/stages';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The rules of the stage's only web ACL, by name. */
function rulesOf(edge: Template): Record<string, Json> {
  const acls = Object.values(edge.findResources('AWS::WAFv2::WebACL')) as Json[];
  expect(acls).toHaveLength(1);
  return Object.fromEntries((acls[0].Properties.Rules as Json[]).map((r) => [r.Name, r]));
}

/** Every path a byte-match on the URI path of `statement` accepts as a prefix. */
function pathPrefixesIn(statement: Json): string[] {
  const matches = statement.OrStatement ? (statement.OrStatement.Statements as Json[]) : [statement];
  return matches.map((m) => {
    expect(m.ByteMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH' });
    return m.ByteMatchStatement.SearchString as string;
  });
}

describe('web firewall (prod)', () => {
  let prod: Synthesized;
  let edge: Template;
  beforeAll(() => {
    prod = synthStage('prod');
    edge = Template.fromStack(prod.stacks.edge!);
  });

  it('lives in its own stack in us-east-1, as a CloudFront-scope web ACL', () => {
    expect(prod.stacks.edge?.stackName).toBe('tandem-prod-edge');
    expect(prod.stacks.edge?.region).toBe('us-east-1');
    expect(prod.stacks.edge?.account).toBe(prod.stacks.stateless.account);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: Match.stringLikeRegexp('^tandem-prod-') },
    });
  });

  it('is attached to the site distribution: webAclId is the ACL ARN, read from us-east-1', () => {
    const distributions = Object.values(prod.stateless.findResources('AWS::CloudFront::Distribution')) as Json[];
    expect(distributions).toHaveLength(1);
    const webAclId = distributions[0].Properties.DistributionConfig.WebACLId;
    expect(webAclId['Fn::GetStackOutput']).toMatchObject({ StackName: 'tandem-prod-edge', Region: 'us-east-1' });
    // The output it reads is the ACL's ARN.
    const outputs = edge.toJSON().Outputs as Record<string, Json>;
    const output = outputs[webAclId['Fn::GetStackOutput'].OutputName];
    expect(output.Value['Fn::GetAtt'][0]).toMatch(/^FirewallWebAcl/);
    expect(output.Value['Fn::GetAtt'][1]).toBe('Arn');
    // The stateless stack deploys after the edge stack.
    expect(prod.stacks.stateless.dependencies).toContain(prod.stacks.edge);
  });

  it('limits each client IP on POSTs to the public POST routes, answering the API’s own 429 body', () => {
    const rule = rulesOf(edge).PublicPostPerIp;
    expect(rule.Priority).toBe(0);
    const rate = rule.Statement.RateBasedStatement;
    expect(rate).toMatchObject({ AggregateKeyType: 'IP', Limit: PUBLIC_POST_CLIENT_LIMIT.requests, EvaluationWindowSec: 300 });
    const [method, paths] = rate.ScopeDownStatement.AndStatement.Statements as Json[];
    expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'POST' });
    // Every public POST route is covered by a prefix, and no prefix reaches an admin or partner route.
    const prefixes = pathPrefixesIn(paths);
    const publicPosts = ROUTES.filter((r) => r.auth === 'public' && r.method === 'POST');
    expect(publicPosts.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/mentors', '/api/mentees', '/api/verifications', '/api/verifications/resend', '/api/proposals/view', '/api/proposals/decide', '/api/mentors/reactivate']),
    );
    for (const route of publicPosts) expect(prefixes.some((p) => route.path.startsWith(p)), route.path).toBe(true);
    for (const route of ROUTES.filter((r) => r.auth !== 'public')) expect(prefixes.some((p) => route.path.startsWith(p)), route.path).toBe(false);
    expect(rule.Action.Block.CustomResponse).toEqual({
      ResponseCode: 429,
      CustomResponseBodyKey: TOO_MANY_REQUESTS_BODY,
      ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
    });
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0] as Json;
    const body = acl.Properties.CustomResponseBodies[TOO_MANY_REQUESTS_BODY];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({ error: { code: 'too_many_requests', message: CLIENT_LIMIT_ERROR.message } });
    expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
  });

  it('takes the limit and window from the stage config', () => {
    const tighter = synthStage('prod', { overrides: { webFirewall: { postRateLimit: 20, evaluationWindowSeconds: 600 } } });
    const rule = rulesOf(Template.fromStack(tighter.stacks.edge!)).PublicPostPerIp;
    expect(rule.Statement.RateBasedStatement).toMatchObject({ Limit: 20, EvaluationWindowSec: 600 });
    expect(rule.Action.Block.CustomResponse.ResponseHeaders).toEqual([{ Name: 'retry-after', Value: '600' }]);
  });

  it('runs the AWS managed rule groups, the common rule set’s 8 KB body rule only counting', () => {
    const rules = rulesOf(edge);
    for (const name of ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']) {
      expect(rules[name], name).toBeDefined();
      expect(rules[name].Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: name });
      expect(rules[name].OverrideAction).toEqual({ None: {} });
      expect(rules[name].VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
    expect(MANAGED_RULE_GROUPS).toHaveLength(3);
    expect(rules.AWSManagedRulesCommonRuleSet.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(
      COUNT_ONLY_CRS_RULES.map((Name) => ({ Name, ActionToUse: { Count: {} } })),
    );
    expect(COUNT_ONLY_CRS_RULES).toContain('SizeRestrictions_BODY');
    // Only the common rule set is overridden.
    expect(rules.AWSManagedRulesKnownBadInputsRuleSet.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
  });

  it('blocks bodies over the API’s 16 KB limit (not 8 KB) with the API’s 413 body, oversize ones included', () => {
    expect(MAX_BODY_BYTES_AT_EDGE).toBe(MAX_BODY_BYTES);
    const rule = rulesOf(edge).BodyOver16KB;
    expect(rule.Statement.SizeConstraintStatement).toMatchObject({
      FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
      ComparisonOperator: 'GT',
      Size: 16 * 1024,
    });
    expect(rule.Action.Block.CustomResponse).toEqual({ ResponseCode: 413, CustomResponseBodyKey: PAYLOAD_TOO_LARGE_BODY });
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0] as Json;
    expect(JSON.parse(acl.Properties.CustomResponseBodies[PAYLOAD_TOO_LARGE_BODY].Content).error.code).toBe('payload_too_large');
  });

  it('evaluates every rule once, in a fixed order', () => {
    const priorities = Object.values(rulesOf(edge)).map((r) => r.Priority as number);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe('web firewall off (dev)', () => {
  it('builds no edge stack and leaves the distribution without a web ACL', () => {
    const dev = synthStage('dev');
    expect(dev.stacks.edge).toBeUndefined();
    dev.stateless.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: Match.absent() }) });
  });
});

describe('publicPostPathPrefixes', () => {
  const route = (method: RouteDefinition['method'], path: string, auth: RouteDefinition['auth'] = 'public'): RouteDefinition => ({
    id: path,
    method,
    path,
    auth,
    entry: 'functions/http/x.ts',
    capabilities: [],
    summary: 'test',
  });

  it('keeps only public POST paths, cut at the first parameter, without prefixes already covered', () => {
    expect(
      publicPostPathPrefixes([
        route('POST', '/api/mentors'),
        route('POST', '/api/mentors/reactivate'),
        route('POST', '/api/mentorships'),
        route('POST', '/api/links/{token}/answer'),
        route('GET', '/api/reference'),
        route('POST', '/api/admin/partners', 'admin'),
      ]),
    ).toEqual(['/api/links/', '/api/mentors', '/api/mentorships']);
  });
});

describe('stage config: webFirewall', () => {
  it('is on in prod with the shared client limit, off in dev', () => {
    expect(loadStageConfig('prod').webFirewall).toEqual({ postRateLimit: PUBLIC_POST_CLIENT_LIMIT.requests, evaluationWindowSeconds: PUBLIC_POST_CLIENT_LIMIT.windowSeconds });
    expect(loadStageConfig('dev').webFirewall).toBeUndefined();
  });

  it('needs an explicit account and region (the web ACL ARN crosses regions)', () => {
    expect(STAGES.prod).toMatchObject({ account: expect.stringMatching(/^\d{12}$/), region: expect.any(String) });
    expect(() => loadStageConfig('dev', { webFirewall: {} })).toThrow(/webFirewall: webFirewall needs an explicit account and region/);
    expect(() => loadStageConfig('dev', { webFirewall: {}, region: 'eu-west-3' })).toThrow(/webFirewall needs an explicit account and region/);
    expect(() => loadStageConfig('prod', { account: undefined })).toThrow(/webFirewall needs an explicit account and region/);
    expect(loadStageConfig('dev', { webFirewall: {}, account: '123456789012', region: 'eu-west-3' }).webFirewall).toEqual({
      postRateLimit: PUBLIC_POST_CLIENT_LIMIT.requests,
      evaluationWindowSeconds: 300,
    });
  });

  it('refuses a limit below AWS WAF’s minimum and a window it does not offer', () => {
    const env = { account: '123456789012', region: 'eu-west-3' };
    expect(() => loadStageConfig('dev', { ...env, webFirewall: { postRateLimit: 9 } })).toThrow(/webFirewall\.postRateLimit/);
    // @ts-expect-error: 30 s is not a window AWS WAF offers
    expect(() => loadStageConfig('dev', { ...env, webFirewall: { evaluationWindowSeconds: 30 } })).toThrow(/webFirewall\.evaluationWindowSeconds/);
  });

  it('works in us-east-1 too (same region: no cross-region read needed)', () => {
    const s = synthStage('dev', { overrides: { account: '123456789012', region: 'us-east-1', webFirewall: {} } });
    expect(s.stacks.edge?.region).toBe('us-east-1');
    s.stateless.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }) });
    expect(s.nagViolations).toEqual([]);
  });
});
