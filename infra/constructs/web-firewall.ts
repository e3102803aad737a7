import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLIENT_LIMIT_ERROR, countsAgainstClientLimit } from '../../shared/http/client-limit';
import type { RouteDefinition } from '../../shared/http/routes';
import { message } from '../../shared/domain/messages';

/** Name of the custom response body the rate-based rule answers with (429). */
export const TOO_MANY_REQUESTS_BODY = 'TooManyRequests';

/** Name of the custom response body of oversized requests (413), the API's own `payload_too_large`. */
export const PAYLOAD_TOO_LARGE_BODY = 'PayloadTooLarge';

/** The AWS managed rule groups of the web ACL, in evaluation order. */
export const MANAGED_RULE_GROUPS = [
  // Addresses Amazon's threat intelligence sees in bots and attacks: dropped before anything else.
  'AWSManagedRulesAmazonIpReputationList',
  // Request patterns of known exploits (Log4j, Java deserialization, localhost host headers...).
  'AWSManagedRulesKnownBadInputsRuleSet',
  // OWASP-style common rules (XSS, LFI, SSRF, missing User-Agent, oversized parts...).
  'AWSManagedRulesCommonRuleSet',
] as const;

/**
 * The common rule set's body-size rule blocks bodies over 8 KB, but the API accepts JSON bodies up to
 * 16 KB (MAX_BODY_BYTES, shared/http/http-handler.ts): in the group it only counts, and the web ACL's
 * own `BodyOver16KB` rule blocks at the API's real limit instead.
 */
export const COUNT_ONLY_CRS_RULES = ['SizeRestrictions_BODY'] as const;

/** Largest body the web ACL lets through: the API's own limit, MAX_BODY_BYTES (a test keeps them equal). */
export const MAX_BODY_BYTES_AT_EDGE = 16 * 1024;

/**
 * URI path prefixes of the public POST routes (the ones a client IP may only call so often): each
 * route's path up to its first path parameter, without the prefixes another one already covers.
 */
export function publicPostPathPrefixes(routes: readonly RouteDefinition[]): string[] {
  const paths = routes.filter(countsAgainstClientLimit).map((r) => r.path.split('{')[0]!);
  const unique = [...new Set(paths)].sort();
  return unique.filter((p) => !unique.some((other) => other !== p && p.startsWith(other.endsWith('/') ? other : `${other}/`)));
}

export interface WebFirewallProps {
  /** Stage name, in the web ACL's and metrics' names. */
  readonly stage: string;
  /** The route table: its public POST routes get the per-IP rate limit. */
  readonly routes: readonly RouteDefinition[];
  /** Requests per client IP on those routes per evaluation window (AWS WAF's minimum is 10). */
  readonly postRateLimit: number;
  /** Evaluation window of the rate-based rule, seconds (60, 120, 300 or 600). */
  readonly evaluationWindowSeconds: 60 | 120 | 300 | 600;
}

/**
 * The web ACL of the site's CloudFront distribution (scope CLOUDFRONT, so its stack must be in
 * us-east-1): a per-IP rate limit on the public POST routes answered with the API's own 429 error
 * body, AWS managed rule groups, and a body-size cap at the API's limit. Metrics and sampled requests
 * are on for every rule; no WAF logging (its records hold client IP addresses and full URLs with the
 * tokens of e-mailed links: personal data we do not keep).
 */
export class WebFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    const prefixes = publicPostPathPrefixes(props.routes);
    if (prefixes.length === 0) throw new Error('The route table has no public POST route to rate-limit');
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `tandem-${props.stage}-${name}`,
    });
    const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const publicPaths: CfnWebACL.StatementProperty =
      prefixes.length === 1 ? pathStartsWith(prefixes[0]!) : { orStatement: { statements: prefixes.map(pathStartsWith) } };

    const rateRule: CfnWebACL.RuleProperty = {
      name: 'PublicPostPerIp',
      priority: 0,
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit: props.postRateLimit,
          evaluationWindowSec: props.evaluationWindowSeconds,
          scopeDownStatement: {
            andStatement: {
              statements: [
                {
                  byteMatchStatement: {
                    fieldToMatch: { method: {} },
                    positionalConstraint: 'EXACTLY',
                    searchString: 'POST',
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                publicPaths,
              ],
            },
          },
        },
      },
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: TOO_MANY_REQUESTS_BODY,
            responseHeaders: [{ name: 'retry-after', value: String(props.evaluationWindowSeconds) }],
          },
        },
      },
      visibilityConfig: visibility('public-post-per-ip'),
    };

    const managedRules: CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((name, i) => ({
      name,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(name === 'AWSManagedRulesCommonRuleSet'
            ? { ruleActionOverrides: COUNT_ONLY_CRS_RULES.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    }));

    const bodyRule: CfnWebACL.RuleProperty = {
      name: 'BodyOver16KB',
      priority: MANAGED_RULE_GROUPS.length + 1,
      statement: {
        sizeConstraintStatement: {
          // CloudFront web ACLs inspect the first 16 KB of a body; a longer one is oversize: match it.
          fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
          comparisonOperator: 'GT',
          size: MAX_BODY_BYTES_AT_EDGE,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
      action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: PAYLOAD_TOO_LARGE_BODY } } },
      visibilityConfig: visibility('body-over-16kb'),
    };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `tandem-${props.stage}-site`,
      // CloudFormation allows no parentheses or apostrophes in a web ACL description.
      description: `Tandem ${props.stage}: web firewall of the site CloudFront distribution`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: {
        [TOO_MANY_REQUESTS_BODY]: { contentType: 'APPLICATION_JSON', content: JSON.stringify({ error: CLIENT_LIMIT_ERROR }) },
        [PAYLOAD_TOO_LARGE_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ error: { code: 'payload_too_large', message: message('payload_too_large', 'fr') } }),
        },
      },
      rules: [rateRule, ...managedRules, bodyRule],
      visibilityConfig: visibility('site'),
    });
  }

  /** ARN of the web ACL: CloudFront's `webAclId` takes the ARN for WAFv2. */
  get arn(): string {
    return this.webAcl.attrArn;
  }
}
