import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi as CdkHttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import type { RouteDefinition } from '../../shared/http/routes';
import { ApiDomain } from './api-domain';
import { AppFunction, type AppFunctionBindings, type AppFunctionProps } from './app-function';

/** Route key as API Gateway spells it (`GET /api/partners`); also the key of per-route settings. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

/**
 * Access log line (JSON). Deliberately no source IP, user agent, query string or JWT claims: the
 * logs must hold no personal data, and e-mailed links carry tokens. The path holds opaque ids only.
 */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  error: '$context.error.message',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
} as const;

export interface HttpApiProps {
  /** The route table: one function, one route each. */
  readonly routes: readonly RouteDefinition[];
  /** Stage name, passed to the functions. */
  readonly stage: string;
  /** Issuer of the JWTs accepted on `admin` and `partner` routes. */
  readonly userPool: IUserPool;
  /** Audience of those JWTs: the console's app client (the `aud` of the ID tokens it sends). */
  readonly userPoolClient: IUserPoolClient;
  /** Resources the routes' capabilities bind to. */
  readonly bindings: AppFunctionBindings;
  /**
   * Stage-wide throttling (every route, authenticated ones included).
   */
  readonly defaultThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Origins allowed cross-origin; none disables CORS (the site calls the API same-origin).
   * @default []
   */
  readonly corsAllowedOrigins?: readonly string[];
  /**
   * Defaults for every function of the API.
   * @default {}
   */
  readonly functionDefaults?: Pick<AppFunctionProps, 'logLevel' | 'logRetentionDays' | 'logRemovalPolicy' | 'tracing'>;
  /**
   * Retention of the access logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetentionDays?: RetentionDays;
  /**
   * The API's own custom domain (REGIONAL certificate in the API's region). When set, the default
   * execute-api endpoint is disabled: the API answers only on this name, CloudFront's origin.
   * @default - no custom domain; the execute-api endpoint stays on and is the origin
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * The secret value CloudFront adds as `x-origin-verify` to every request it forwards; set on every
   * function, whose HTTP chain refuses a request without it (shared/http/origin-check.ts). Given
   * where the API has a public domain of its own.
   * @default - none: no check
   */
  readonly originVerifyValue?: string;
}

/**
 * The HTTP API (payload 2.0), built from the route table: one AppFunction per route (construct id =
 * route id), the JWT authorizer (Cognito) on every non-public route, per-route throttling on public
 * routes, CORS from an allowlist and JSON access logs without personal data.
 * Group checks (`admin` vs `partner`) happen in the handlers from the `cognito:groups` claim: an HTTP
 * API JWT authorizer checks only issuer, audience, expiry and scopes.
 */
export class HttpApi extends Construct {
  readonly api: CdkHttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** The function of each route, by route id. */
  readonly functions: Record<string, AppFunction> = {};
  readonly routes: Record<string, HttpRoute> = {};
  /** The custom domain and its mapping, when `customDomain` is set. */
  readonly domain?: ApiDomain;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const origins = [...(props.corsAllowedOrigins ?? [])];

    this.api = new CdkHttpApi(this, 'Api', {
      description: `Tandem HTTP API (${props.stage})`,
      createDefaultStage: false,
      // With a custom domain, nothing may reach the API around CloudFront through the default host.
      disableExecuteApiEndpoint: props.customDomain !== undefined,
      ...(origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: origins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
              allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.authorizer = new HttpUserPoolAuthorizer('JwtAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      if (route.auth === 'public' && !route.throttle) {
        throw new Error(`Route ${route.id} is public and has no throttle`);
      }
      const fn = new AppFunction(this, route.id, {
        ...props.functionDefaults,
        entry: route.entry,
        stage: props.stage,
        capabilities: route.capabilities,
        ...(route.tableAccess ? { tableAccess: route.tableAccess } : {}),
        bindings: props.bindings,
        ...(props.originVerifyValue ? { environment: { [ENV.originVerifyValue]: props.originVerifyValue } } : {}),
        description: `${routeKey(route)}: ${route.summary}`.slice(0, 256),
      });
      this.functions[route.id] = fn;

      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn.function),
        ...(route.auth === 'public' ? {} : { authorizer: this.authorizer }),
      });
      this.routes[route.id] = httpRoute!;

      if (route.auth === 'public') {
        Validations.of(httpRoute!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `Public by design (${route.summary.slice(0, 80)}): anonymous sign-up and e-mailed links; throttled per route, validated by zod, links signed.`,
        });
      }
      if (route.throttle) {
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: route.throttle.rateLimit,
          ThrottlingBurstLimit: route.throttle.burstLimit,
        };
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetentionDays ?? 30,
      removalPolicy: props.functionDefaults?.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...props.defaultThrottle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });
    // Per-route throttling has no L2 property on HttpStage: set the CloudFormation RouteSettings.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings;
    // RouteSettings name route keys, which must exist before the stage is updated.
    for (const r of Object.values(this.routes)) this.stage.node.addDependency(r);

    if (props.customDomain) {
      this.domain = new ApiDomain(this, 'Domain', { api: this.api, stage: this.stage, ...props.customDomain });
    }
  }

  /** Host name (no scheme) CloudFront forwards `/api/*` to: the custom domain, else the execute-api endpoint. */
  get endpointDomain(): string {
    if (this.domain) return this.domain.name;
    return `${this.api.apiId}.execute-api.${this.api.stack.region}.${this.api.stack.urlSuffix}`;
  }
}
