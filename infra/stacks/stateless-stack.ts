import { Aws, CfnOutput, Lazy, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import type { StageConfig } from '../config/stages';
import { CONSOLE_HOME_PATH, CONSOLE_JSON_PATH, cognitoDomainBaseUrl, cognitoDomainPrefix } from '../config/console-config';
import { ConsoleSignIn } from '../constructs/console-sign-in';
import { HttpApi } from '../constructs/http-api';
import { Mail } from '../constructs/mail';
import { MatchingWorkflow } from '../constructs/matching-workflow';
import { OutboxConsumer } from '../constructs/outbox-consumer';
import type { OutboxConsumerName } from '../../shared/db/outbox-stream';
import { Monitoring } from '../constructs/monitoring';
import { SignupSite } from '../constructs/signup-site';
import type { TableBinding } from '../constructs/single-table';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: TableBinding;
  readonly userPool: IUserPool;
  readonly signingSecret: ISecret;
  /**
   * The route table; routes of another stack (`stack: 'reports'`) are left to it.
   * @default ROUTES from shared/http/routes.ts (tests add routes to exercise other kinds of auth)
   */
  readonly routes?: readonly RouteDefinition[];
  /**
   * Folder of the site's static files.
   * @default '<repo>/web'
   */
  readonly siteDir?: string;
  /**
   * ARN of the web ACL (CloudFront scope, from the edge stack) attached to the site's distribution.
   * @default - no web ACL
   */
  readonly webAclArn?: string;
}

/**
 * Code and configuration that can be replaced at any time: the HTTP API and its functions, SES
 * sending, the site. It holds no data of its own; it binds to the stateful stack's resources.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly mail: Mail;
  /** The after-commit consumers of the table's stream, by name (shared/db/outbox-stream.ts). */
  readonly outboxConsumers: Record<OutboxConsumerName, OutboxConsumer>;
  readonly site: SignupSite;
  /** The console's app client and managed login branding; its client is the API authorizer's audience. */
  readonly consoleSignIn: ConsoleSignIn;
  /** The matching workflow: its state machine, task functions and reminder sweep. */
  readonly matchingWorkflow: MatchingWorkflow;
  /** Alarms and dashboard; later constructs call `watchStreamConsumer` / `watchStateMachine` on it. */
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRemovalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.mail = new Mail(this, 'Mail', {
      from: config.mailFrom,
      configurationSetName: config.sesConfigurationSetName,
      operator: config.operator,
      identityType: config.sesIdentityType,
      createIdentity: config.createSesIdentity,
    });

    // The site's distribution forwards /api/* to the API, and the functions need the site's URL for
    // e-mailed links: resolve the URL lazily, once the site exists (no cycle in the template: the
    // distribution depends on the API resource only, the functions on the distribution).
    const built: { site?: SignupSite } = {};
    const siteUrl = Lazy.string({
      produce: () => {
        if (!built.site) throw new Error('SITE_URL read before the site was built');
        return built.site.url;
      },
    });

    // The user pool's Cognito domain (stateful stack), spelled from the same stage config rather than
    // imported: no cross-stack export to pin, and the CSP and console.json need only its URL.
    const authBaseUrl = cognitoDomainBaseUrl(cognitoDomainPrefix(config, config.account ?? Aws.ACCOUNT_ID), Stack.of(this).region);
    // The console's client needs the site's URL for its callbacks, the API's authorizer needs the
    // client: the URL resolves lazily, like SITE_URL (no cycle in the template).
    this.consoleSignIn = new ConsoleSignIn(this, 'ConsoleSignIn', { userPool: props.userPool, siteUrl, authBaseUrl });

    // Where the API has a public domain of its own, CloudFront proves each request came through it
    // with a secret header the functions check (shared/http/origin-check.ts). Generated once; the
    // same value resolves into the distribution and the functions at each deployment.
    const originVerify = config.apiOriginDomain
      ? new Secret(this, 'OriginVerify', {
          description: 'Value of the x-origin-verify header CloudFront adds to API requests; the API refuses requests without it.',
          generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
        })
      : undefined;
    if (originVerify) {
      Validations.of(originVerify).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Not a credential to data: it only proves a request came through CloudFront. Rotating it means redeploying the distribution and the functions together, done by the documented procedure rather than a rotation Lambda.',
      });
    }
    const originVerifyValue = originVerify?.secretValue.unsafeUnwrap();

    this.api = new HttpApi(this, 'Http', {
      // The reports' routes are added to this API by the reports stack (near 500 resources here).
      routes: (props.routes ?? (ROUTES as readonly RouteDefinition[])).filter((r) => r.stack === undefined),
      stage: config.stage,
      userPool: props.userPool,
      userPoolClient: this.consoleSignIn.client,
      bindings: { table: props.table, mail: this.mail, siteUrl, signingSecret: props.signingSecret, signUp: config.signUp, followUp: config.followUp },
      defaultThrottle: config.apiThrottle,
      corsAllowedOrigins: config.corsAllowedOrigins,
      functionDefaults: {
        logLevel: config.logLevel,
        logRetentionDays: config.logRetentionDays,
        logRemovalPolicy,
        tracing: config.tracing,
      },
      accessLogRetentionDays: config.logRetentionDays,
      ...(config.apiOriginDomain ? { customDomain: config.apiOriginDomain } : {}),
      ...(originVerifyValue ? { originVerifyValue } : {}),
    });

    const site = new SignupSite(this, 'Site', {
      apiDomain: this.api.endpointDomain,
      operator: config.operator,
      authOrigin: authBaseUrl,
      ...(props.siteDir ? { sourceDir: props.siteDir } : {}),
      ...(config.customDomain ? { customDomain: config.customDomain } : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(originVerifyValue ? { originVerifyValue } : {}),
    });
    this.site = built.site = site;
    site.publishJson(CONSOLE_JSON_PATH, this.consoleSignIn.config);

    const consumerDefaults = {
      logLevel: config.logLevel,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy,
      tracing: config.tracing,
    };
    this.matchingWorkflow = new MatchingWorkflow(this, 'Matching', {
      stage: config.stage,
      table: props.table,
      matching: config.matching,
      followUp: config.followUp,
      functionDefaults: consumerDefaults,
      tracing: config.tracing,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy,
    });

    this.outboxConsumers = {
      // Starts attempts and hands decisions to the waiting tasks: the `workflow` capability on this machine.
      jobs: new OutboxConsumer(this, 'OutboxJobs', {
        consumer: 'jobs',
        stage: config.stage,
        table: props.table,
        bindings: { stateMachine: this.matchingWorkflow.stateMachine },
        functionDefaults: consumerDefaults,
      }),
      mail: new OutboxConsumer(this, 'MailSender', {
        consumer: 'mail',
        stage: config.stage,
        table: props.table,
        bindings: { mail: this.mail, siteUrl, signingSecret: props.signingSecret, followUp: config.followUp },
        functionDefaults: consumerDefaults,
      }),
    };

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      api: this.api.api,
      functions: Object.entries(this.api.functions).map(([id, f]) => ({ id, fn: f.function })),
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      keyRemovalPolicy: logRemovalPolicy,
    });
    for (const [name, consumer] of Object.entries(this.outboxConsumers)) {
      this.monitoring.watchStreamConsumer(consumer.function.function, consumer.deadLetterQueue, `Outbox${name[0]!.toUpperCase()}${name.slice(1)}`);
    }
    this.monitoring.watchStateMachine(this.matchingWorkflow.stateMachine, 'Matching');
    for (const f of [...Object.values(this.matchingWorkflow.functions), this.matchingWorkflow.reminders]) {
      this.monitoring.watchFunction(f.node.id, f.function);
    }

    new CfnOutput(this, 'SiteUrl', { value: site.url, description: 'Sign-up form and e-mailed links' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${site.url}${CONSOLE_HOME_PATH}`, description: 'The CCI\'s and partners\' console (managed login)' });
    if (this.api.domain) {
      new CfnOutput(this, 'ApiOriginDomain', { value: this.api.domain.name, description: "The API's own name, CloudFront's origin for /api/* (execute-api disabled)" });
      new CfnOutput(this, 'ApiOriginDnsTarget', {
        value: this.api.domain.regionalDomainName,
        description: 'DNS: a CNAME (or a Route 53 alias in ApiOriginHostedZoneId) from ApiOriginDomain to this name',
      });
      new CfnOutput(this, 'ApiOriginHostedZoneId', { value: this.api.domain.regionalHostedZoneId, description: 'Hosted zone of ApiOriginDnsTarget (Route 53 alias)' });
    } else {
      new CfnOutput(this, 'ApiEndpoint', { value: this.api.api.apiEndpoint, description: 'HTTP API (direct)' });
    }
  }
}
