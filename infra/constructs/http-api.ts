import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi as CdkHttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
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

/** Routes added from another stack (`HttpApi.addRoutes`). */
export interface AddRoutesOptions {
  /** Resources their capabilities bind to (that stack's, or passed to it). */
  readonly bindings: AppFunctionBindings;
  /**
   * Sizing of their functions, over the AppFunction defaults.
   * @default {} - 512 MB, 10 s
   */
  readonly functionProps?: Pick<AppFunctionProps, 'memorySize' | 'timeout'>;
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
  /** The function of each route of this stack, by route id (not those added from another stack). */
  readonly functions: Record<string, AppFunction> = {};
  readonly routes: Record<string, HttpRoute> = {};
  /** The custom domain and its mapping, when `customDomain` is set. */
  readonly domain?: ApiDomain;
  /** What every route function gets besides its own declaration (this API's stage settings). */
  private readonly functionContext: {
    readonly stage: string;
    readonly functionDefaults?: HttpApiProps['functionDefaults'];
    readonly originVerifyValue?: string;
  };

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

    this.functionContext = {
      stage: props.stage,
      ...(props.functionDefaults ? { functionDefaults: props.functionDefaults } : {}),
      ...(props.originVerifyValue ? { originVerifyValue: props.originVerifyValue } : {}),
    };
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      if (route.auth === 'public' && !route.throttle) {
        throw new Error(`Route ${route.id} is public and has no throttle`);
      }
      this.addRoute(this, route, props.bindings);
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

  /**
   * Adds routes to this API from another stack (`scope` is in it): their functions, integrations,
   * Lambda permissions and routes are that stack's resources, on this API, with this API's JWT
   * authorizer. Only authenticated routes: a public route's throttle is a setting of the API's stage
   * (this stack), which cannot name a route of a stack that depends on it.
   * @returns the functions, by route id
   */
  addRoutes(scope: Construct, routes: readonly RouteDefinition[], options: AddRoutesOptions): Record<string, AppFunction> {
    const added: Record<string, AppFunction> = {};
    for (const route of routes) {
      if (route.auth === 'public' || route.throttle) {
        throw new Error(`Route ${route.id}: only authenticated routes without a throttle of their own can be added from another stack`);
      }
      added[route.id] = this.addRoute(scope, route, options.bindings, options.functionProps);
    }
    return added;
  }

  /** One route: its function (construct id = route id, under `scope`), integration and route. */
  private addRoute(
    scope: Construct,
    route: RouteDefinition,
    bindings: AppFunctionBindings,
    functionProps: Pick<AppFunctionProps, 'memorySize' | 'timeout'> = {},
  ): AppFunction {
    const { stage, functionDefaults, originVerifyValue } = this.functionContext;
    const fn = new AppFunction(scope, route.id, {
      ...functionDefaults,
      ...functionProps,
      entry: route.entry,
      stage,
      capabilities: route.capabilities,
      ...(route.tableAccess ? { tableAccess: route.tableAccess } : {}),
      bindings,
      ...(originVerifyValue ? { environment: { [ENV.originVerifyValue]: originVerifyValue } } : {}),
      description: `${routeKey(route)}: ${route.summary}`.slice(0, 256),
    });
    const integration = new HttpLambdaIntegration(`${route.id}Integration`, fn.function);
    const authorizer = route.auth === 'public' ? {} : { authorizer: this.authorizer };
    const httpRoute =
      scope === this
        ? this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, ...authorizer })[0]!
        : new HttpRoute(scope, `${route.id}Route`, { httpApi: this.api, routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]), integration, ...authorizer });
    // Only this stack's own: a resource of this stack naming a function of a dependent stack would be a cycle.
    if (scope === this) {
      this.functions[route.id] = fn;
      this.routes[route.id] = httpRoute;
    }

    if (route.auth === 'public') {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Public by design (${route.summary.slice(0, 80)}): anonymous sign-up and e-mailed links; throttled per route, validated by zod, links signed.`,
      });
    }
    return fn;
  }

  /** Host name (no scheme) CloudFront forwards `/api/*` to: the custom domain, else the execute-api endpoint. */
  get endpointDomain(): string {
    if (this.domain) return this.domain.name;
    return `${this.api.apiId}.execute-api.${this.api.stack.region}.${this.api.stack.urlSuffix}`;
  }
}
