import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, type Capability } from '../../shared/config/env';
import type { TableAccess } from '../../shared/db/table-access';
import { CAPABILITY_BINDERS, type CapabilityBindings, type WorkflowAccess } from './capabilities';
import { BUNDLING, ESBUILD_ARGS, REPO_ROOT, externalModulesFor } from './bundling';



/** Node.js Lambda runtime of every function: the newest LTS that Lambda and aws-cdk-lib offer. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;


/** The resources a function's capabilities bind to (see the registry in ./capabilities.ts). */
export type AppFunctionBindings = CapabilityBindings;

export interface AppFunctionProps {
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** Stage name, passed as STAGE. */
  readonly stage: string;
  /**
   * What the function may touch. Each capability sets its env vars and adds its least-privilege grant,
   * together, so a function never has a variable without the permission or the reverse.
   * @default [] - no env var and no grant beyond its own log group
   */
  readonly capabilities?: readonly Capability[];
  /**
   * With the `table` capability: the DynamoDB actions the function performs, the whole of its table
   * grant (shared/db/table-access.ts).
   * @default - none; required with `table`
   */
  readonly tableAccess?: TableAccess;
  /**
   * With the `workflow` capability: start executions, answer task tokens, or both.
   * @default ['start', 'respond']
   */
  readonly workflowAccess?: WorkflowAccess;
  /** Resources the capabilities bind to. */
  readonly bindings?: AppFunctionBindings;
  /**
   * Extra environment variables, merged over the defaults (never dropped).
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Powertools service name (POWERTOOLS_SERVICE_NAME), used in every log line.
   * @default 'tandem'
   */
  readonly serviceName?: string;
  /**
   * Log level, set for Powertools and Lambda's log filter alike so they agree.
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Retention of the function's own log group.
   * @default RetentionDays.ONE_MONTH (30)
   */
  readonly logRetentionDays?: RetentionDays;
  /**
   * Removal policy of the log group.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * X-Ray active tracing.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Memory in MB; CPU scales with it, so 512 keeps cold starts short at a negligible cost at this volume.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout; HTTP API integrations give up after 30 s anyway.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /** Short description shown in the console. */
  readonly description?: string;
}

/**
 * A Lambda function with the project's defaults: Node 24 on arm64 (cheaper per ms), ESM bundle built
 * by esbuild (minified, tree-shaken, source maps enabled at run time), its own log group with a
 * retention, JSON logs, X-Ray, and a role that holds only what its capabilities grant.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const capabilities = [...new Set(props.capabilities ?? [])];
    const logLevel = props.logLevel ?? 'INFO';

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetentionDays ?? 30,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: writing to its own log group is all it needs.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    const environment: Record<string, string> = {
      [ENV.stage]: props.stage,
      POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'tandem',
      POWERTOOLS_LOG_LEVEL: logLevel,
      NODE_OPTIONS: '--enable-source-maps',
      ...Object.assign({}, ...capabilities.map((c) => CAPABILITY_BINDERS[c].environment(props.bindings ?? {}, id))),
      ...props.environment,
    };

    const fnProps: NodejsFunctionProps = {
      entry: path.resolve(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: props.tracing === false ? Tracing.DISABLED : Tracing.ACTIVE,
      environment,
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: true,
        sourcesContent: false,
        mainFields: [...BUNDLING.mainFields],
        bundleAwsSDK: true,
        externalModules: externalModulesFor(props.entry),
        banner: BUNDLING.banner,
        tsconfig: BUNDLING.tsconfig,
        esbuildArgs: { ...ESBUILD_ARGS },
        metafile: false,
      },
      ...(props.description ? { description: props.description } : {}),
    };
    this.function = new NodejsFunction(this, 'Function', fnProps);

    if (props.tableAccess && !capabilities.includes('table')) throw new Error(`${id}: tableAccess needs the "table" capability`);
    const declaration = {
      id,
      capabilities,
      ...(props.tableAccess ? { tableAccess: props.tableAccess } : {}),
      ...(props.workflowAccess ? { workflowAccess: props.workflowAccess } : {}),
    };
    for (const capability of capabilities) CAPABILITY_BINDERS[capability].grant(this.function, props.bindings ?? {}, declaration);

    if (props.tracing !== false) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; every other statement of this role is resource-scoped (asserted by the infra tests).',
      });
    }
  }
}
