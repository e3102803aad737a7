import path from 'node:path';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin-check';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { REPO_ROOT } from './bundling';
import { OPERATOR_JSON_PATH, publicOperator, type PublicOperator } from '../config/site-operator';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/site-policy';

/** Path pattern of the CloudFront behavior that forwards to the HTTP API (routes all start with /api). */
export const API_PATH_PATTERN = '/api/*';

/**
 * The site's Content-Security-Policy (shared/http/site-policy.ts) with the console's identity
 * provider added where the console reaches it: `connect-src` for the token request (fetch), and
 * `form-action` for a sign-in or logout sent as a form (a redirect to it is navigation, which CSP
 * does not restrict).
 */
export function sitePolicyWith(authOrigin: string | undefined): string {
  if (!authOrigin) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((directive) => (/^(connect-src|form-action) /.test(directive) ? `${directive} ${authOrigin}` : directive))
    .join('; ');
}


export interface SignupSiteProps {
  /** Host name of the HTTP API (no scheme), origin of `/api/*`: its custom domain, or its execute-api endpoint. */
  /**
   * Secret value added as `x-origin-verify` to every request forwarded to the API (the API refuses
   * requests without it; shared/http/origin-check.ts). CloudFront replaces a viewer's header of that name.
   * @default - none
   */
  readonly originVerifyValue?: string;
  readonly apiDomain: string;
  /**
   * ARN of a WAFv2 web ACL of CloudFront scope (in us-east-1) attached to the distribution.
   * @default - no web ACL
   */
  readonly webAclId?: string;
  /**
   * Folder uploaded to the bucket.
   * @default '<repo>/web'
   */
  readonly sourceDir?: string;
  /**
   * Custom domain and its us-east-1 ACM certificate.
   * @default - the CloudFront default domain
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * What happens to the bucket when it leaves the stack. Its content is rebuilt from `web/` by every
   * deploy, so destroying it loses nothing.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Who runs the hub, written to the bucket as `assets/operator.json` (see infra/config/site-operator.ts):
   * the legal pages and the footer's contact link show it.
   * @default - no file: the pages show the default operator written in their HTML
   */
  readonly operator?: PublicOperator;
  /**
   * Origin of the console's identity provider (the Cognito domain), allowed by the CSP for the
   * token request and forms (see {@link sitePolicyWith}).
   * @default - none: the pages reach their own origin only
   */
  readonly authOrigin?: string;
}

/**
 * The sign-up form and the confirmation and check-in pages: a private bucket behind CloudFront (Origin
 * Access Control) with strict security headers, and `/api/*` routed to the HTTP API on the same
 * origin, so the pages need no CORS and links in e-mails have one host.
 */
export class SignupSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** Public origin of the site (`https://host`), the start of every e-mailed link (SITE_URL). */
  readonly url: string;
  private deployment!: BucketDeployment;

  constructor(scope: Construct, id: string, props: SignupSiteProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy,
      autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only the public static pages, rebuilt from web/ by each deploy and read solely by CloudFront through OAC; a second logging bucket would add cost and no useful audit trail.',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Tandem: security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: sitePolicyWith(props.authOrigin), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Pages opened from e-mailed links carry a token in their URL: never leak it in a Referer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        // No X-XSS-Protection: browsers ignore it now, its filter could itself be abused, and the CSP covers it.
      },
    });

    const apiOrigin = new HttpOrigin(props.apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      ...(props.originVerifyValue ? { customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifyValue } } : {}),
    });

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Tandem sign-up site and API',
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the audience is in France; cheapest class.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every header, cookie and query string except Host (API Gateway routes on its own host name).
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${domain ? domain.domainName : this.distribution.distributionDomainName}`;

    const acks: Record<string, string> = {
      'AwsSolutions-CFR1':
        'No geo restriction: mentors, mentees and partners may connect from abroad (cross-border workers, expatriates returning); abuse is limited by API throttling and, where the stage has one, the web firewall.',
      'AwsSolutions-CFR3':
        'No CloudFront access logs: they would store viewer IP addresses and full URLs, including the tokens of e-mailed links (personal data we must not keep); API access logs without personal data cover /api.',
    };
    if (!props.webAclId) {
      acks['AwsSolutions-CFR2'] =
        'No WAF web ACL on this stage (stage config webFirewall unset, as in dev): its fixed monthly cost is not worth it for a throw-away stage; public routes are throttled per route and validated. Prod sets webFirewall.';
    }
    if (!domain) {
      acks['AwsSolutions-CFR4'] =
        'The default *.cloudfront.net certificate cannot set a minimum TLS version; with a custom domain (stage config customDomain) TLSv1.2_2021 is enforced.';
    }
    for (const [id, reason] of Object.entries(acks)) Validations.of(this.distribution).acknowledge({ id, reason });

    this.deployContent(props.sourceDir ?? path.join(REPO_ROOT, 'web'), removalPolicy, props.operator);
  }

  /**
   * Adds a generated JSON file to the bucket (written by the same deployment as `web/`, so prune
   * keeps it); deploy-time values (client ids, domains) are resolved at deploy.
   */
  publishJson(objectKey: string, value: unknown): void {
    this.deployment.addSource(Source.jsonData(objectKey, value));
  }

  /**
   * Uploads the folder and invalidates the cache at each deploy. The copy runs in CDK's singleton
   * custom-resource function; it gets its own role (no AWS managed policy) and a log group with retention.
   */
  private deployContent(sourceDir: string, removalPolicy: RemovalPolicy, operator: PublicOperator | undefined): void {
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.ONE_WEEK, removalPolicy });
    const role = new Role(this, 'DeployRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(sourceDir), ...(operator ? [Source.jsonData(OPERATOR_JSON_PATH, publicOperator(operator))] : [])],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
      role,
      logGroup,
    });

    const stack = Stack.of(this);
    const bucketLogicalId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    // cdk-nag names the asset bucket with the stack's account and region, or their pseudo parameters
    // when the stack is environment-agnostic.
    const envPart = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const assetsBucket = `arn:${envPart(stack.partition, 'Partition')}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${envPart(stack.account, 'AccountId')}-${envPart(stack.region, 'Region')}/*`;
    const deployReason =
      'CDK BucketDeployment grants (not editable): read the CDK asset bucket, then sync and prune the site bucket; both buckets are named, only object and action patterns are wildcards.';
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::${assetsBucket}`,
      `Resource::<${bucketLogicalId}.Arn>/*`,
    ]) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: deployReason });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'cloudfront:CreateInvalidation/GetInvalidation, added by BucketDeployment to refresh the cache after an upload, take no resource ARN in this grant.',
    });
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's BucketDeployment handler (Python, runs only at deploy time); its runtime is chosen by aws-cdk-lib and upgraded with it.",
      });
    }
  }
}
