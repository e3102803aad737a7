import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { loadStageConfig, type StageConfig } from '../config/stages';
import { EDGE_REGION, EdgeStack } from './edge-stack';
import { JobsStack } from './jobs-stack';
import { ReportsStack } from './reports-stack';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface TandemStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** The follow-up's scheduled jobs (`tandem-<stage>-jobs`). */
  readonly jobs: JobsStack;
  /** Reports to the CCI and the programme import (`tandem-<stage>-reports`): routes on the API, the report jobs. */
  readonly reports: ReportsStack;
  /** The us-east-1 stack of the site's web ACL, when the stage has a `webFirewall`. */
  readonly edge?: EdgeStack;
}

/** Test hooks; the real app uses the defaults. */
export interface TandemStacksOptions {
  /** @default ROUTES */
  readonly routes?: readonly RouteDefinition[];
  /** @default '<repo>/web' */
  readonly siteDir?: string;
}

const pascal = (s: string) => s.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * The stacks of one stage, split by lifecycle: `tandem-<stage>-stateful` (data, users, keys) and
 * `tandem-<stage>-stateless` (API, functions, mail, site), which depends on the first;
 * `tandem-<stage>-jobs` (the follow-up's scheduled jobs), which depends on the first only;
 * `tandem-<stage>-reports` (report routes on the same API, report jobs), which depends on both; with a
 * `webFirewall`, also `tandem-<stage>-edge` in us-east-1 (the site's web ACL), which the stateless
 * stack depends on too.
 */
export function createTandemStacks(scope: Construct, config: StageConfig, options: TandemStacksOptions = {}): TandemStacks {
  const env = {
    ...(config.account ? { account: config.account } : {}),
    ...(config.region ? { region: config.region } : {}),
  };
  const id = `Tandem${pascal(config.stage)}`;
  const stateful = new StatefulStack(scope, `${id}Stateful`, {
    stackName: `tandem-${config.stage}-stateful`,
    description: `Tandem (${config.stage}): table, user pool, link-signing key, reports bucket`,
    env,
    terminationProtection: config.removalPolicy === 'retain',
    config,
  });
  const routes: readonly RouteDefinition[] = options.routes ?? ROUTES;
  // The schema refuses a webFirewall without account and region: the web ACL's ARN crosses regions.
  const edge = config.webFirewall
    ? new EdgeStack(scope, `${id}Edge`, {
        stackName: `tandem-${config.stage}-edge`,
        description: `Tandem (${config.stage}): the site's web firewall (CloudFront scope, us-east-1)`,
        env: { ...(config.account ? { account: config.account } : {}), region: EDGE_REGION },
        crossRegionReferences: true,
        stage: config.stage,
        routes,
        webFirewall: config.webFirewall,
      })
    : undefined;
  const stateless = new StatelessStack(scope, `${id}Stateless`, {
    stackName: `tandem-${config.stage}-stateless`,
    description: `Tandem (${config.stage}): HTTP API, functions, mail, site`,
    env,
    ...(edge ? { crossRegionReferences: true, webAclArn: edge.firewall.arn } : {}),
    config,
    table: stateful.data,
    userPool: stateful.userPool,
    signingSecret: stateful.signingSecret,
    routes,
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
  });
  stateless.addStackDependency(stateful);
  if (edge) stateless.addStackDependency(edge);
  // Apart from the stateless stack, which holds nearly CloudFormation's 500 resources already.
  const jobs = new JobsStack(scope, `${id}Jobs`, {
    stackName: `tandem-${config.stage}-jobs`,
    description: `Tandem (${config.stage}): the follow-up's scheduled jobs (check-ins, outcomes, silence, retention)`,
    env,
    config,
    table: stateful.data,
  });
  jobs.addStackDependency(stateful);
  // Its routes join the stateless stack's API; its functions mail through that stack's SES identity.
  const reports = new ReportsStack(scope, `${id}Reports`, {
    stackName: `tandem-${config.stage}-reports`,
    description: `Tandem (${config.stage}): reports to the CCI and the programme import (routes on the HTTP API, monthly report and weekly digest)`,
    env,
    config,
    table: stateful.data,
    reportsBucket: stateful.reports,
    api: stateless.api,
    mail: stateless.mail,
    siteUrl: stateless.site.url,
    routes: routes.filter((r) => r.stack === 'reports'),
  });
  reports.addStackDependency(stateful);
  reports.addStackDependency(stateless);
  for (const stack of [stateful, stateless, jobs, reports, ...(edge ? [edge] : [])]) {
    Tags.of(stack).add('project', 'tandem');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, stateless, jobs, reports, ...(edge ? { edge } : {}) };
}

/**
 * What `infra/app.ts` does: reads the stage from context (`-c stage=prod`, default dev), builds its
 * stacks and registers cdk-nag's AwsSolutions pack as a validation plugin, so an unacknowledged
 * error fails `cdk synth` and warnings are printed in the validation report.
 */
export function configureTandemApp(app: App): TandemStacks {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const stacks = createTandemStacks(app, loadStageConfig(stage));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stacks;
}
