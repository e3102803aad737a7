/**
 * The CDK app: `cdk synth -c stage=dev|prod` (default dev). Builds the stage's stacks (stateful, stateless, jobs; edge with a web firewall) and runs the
 * cdk-nag AwsSolutions checks as a validation plugin (see `configureTandemApp`).
 */
import { App } from 'aws-cdk-lib';
import { configureTandemApp } from './stacks/tandem';

configureTandemApp(new App());
