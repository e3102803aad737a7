import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/http/routes';
import { loadStageConfig, type StageConfig } from '../config/stages';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface TandemStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
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
 * The two stacks of one stage, split by lifecycle: `tandem-<stage>-stateful` (data, users, keys) and
 * `tandem-<stage>-stateless` (API, functions, mail, site), which depends on the first.
 */
export function createTandemStacks(scope: Construct, config: StageConfig, options: TandemStacksOptions = {}): TandemStacks {
  const env = {
    ...(config.account ? { account: config.account } : {}),
    ...(config.region ? { region: config.region } : {}),
  };
  const id = `Tandem${pascal(config.stage)}`;
  const stateful = new StatefulStack(scope, `${id}Stateful`, {
    stackName: `tandem-${config.stage}-stateful`,
    description: `Tandem (${config.stage}): table, user pool, link-signing key`,
    env,
    terminationProtection: config.removalPolicy === 'retain',
    config,
  });
  const stateless = new StatelessStack(scope, `${id}Stateless`, {
    stackName: `tandem-${config.stage}-stateless`,
    description: `Tandem (${config.stage}): HTTP API, functions, mail, site`,
    env,
    config,
    table: stateful.data,
    userPool: stateful.userPool,
    signingSecret: stateful.signingSecret,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
  });
  stateless.addStackDependency(stateful);
  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'tandem');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, stateless };
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
