/**
 * Synthesizes the stacks of a stage for the infra tests: same feature flags as cdk.json, bundling
 * skipped (`aws:cdk:bundling-stacks: []`) so a synth takes seconds, plus the cdk-nag report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type PolicyViolation } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RouteDefinition } from '../../shared/http/routes';
import { loadStageConfig, type StageConfigInput } from '../../infra/config/stages';
import { REPO_ROOT } from '../../infra/constructs/bundling';
import { createTandemStacks, type TandemStacks } from '../../infra/stacks/tandem';

const CDK_CONTEXT = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

export interface Synthesized {
  readonly app: App;
  readonly stacks: TandemStacks;
  readonly stateful: Template;
  readonly stateless: Template;
  /** `tandem-<stage>-reports`: the report routes' functions and the report jobs. */
  readonly reports: Template;
  /** cdk-nag AwsSolutions findings left after acknowledgements. */
  readonly nagViolations: PolicyViolation[];
}

/** The CDK context of cdk.json (feature flags) with bundling skipped. */
export function testContext(): Record<string, unknown> {
  return { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] };
}

export function synthStage(
  stage: 'dev' | 'prod',
  options: { routes?: readonly RouteDefinition[]; overrides?: Partial<StageConfigInput> } = {},
): Synthesized {
  // CDK's built-in CloudFormation schema check takes seconds per synth; nag.test.ts runs it once.
  const app = new App({ context: testContext(), builtinCloudFormationValidation: false });
  const stacks = createTandemStacks(app, loadStageConfig(stage, options.overrides), {
    ...(options.routes ? { routes: options.routes } : {}),
  });
  const stateful = Template.fromStack(stacks.stateful);
  const stateless = Template.fromStack(stacks.stateless);
  const reports = Template.fromStack(stacks.reports);
  const nagViolations = new AwsSolutionsChecks(app).validateScope(app).violations;
  return { app, stacks, stateful, stateless, reports, nagViolations };
}
