/**
 * The CDK app: `cdk synth -c stage=dev|prod` (default dev). Builds the stage's two stacks and runs the
 * cdk-nag AwsSolutions checks as a validation plugin: an unacknowledged finding fails the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config/stages';
import { createTandemStacks } from './stacks/tandem';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
createTandemStacks(app, loadStageConfig(stage));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
