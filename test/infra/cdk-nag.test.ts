import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations, type PolicyViolation } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { configureTandemApp } from '../../infra/stacks/tandem';
import { synthStage, testContext } from './synth';

const describeViolations = (violations: PolicyViolation[]) =>
  violations.map((v) => `${v.ruleName} (${v.severity}) at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

/** Every acknowledgement recorded in the tree: where, which rule, why. */
function acknowledgements(root: IConstruct) {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ construct: c, id, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['dev', 'prod'] as const)('reports no unacknowledged error or warning in %s', (stage) => {
    const { nagViolations } = synthStage(stage);
    expect(describeViolations(nagViolations)).toEqual([]);
  });

  it('acknowledges each finding on the narrowest construct, never a stack or the app, with a real reason', () => {
    const { app } = synthStage('dev');
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const { construct, id, reason } of acks) {
      expect(id, construct.node.path).toMatch(/AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
      expect(Stack.isStack(construct) || construct === app, `${id} on ${construct.node.path}`).toBe(false);
      expect(reason.length, `${id} on ${construct.node.path}`).toBeGreaterThan(60);
    }
  });

  it('runs during synth as a validation plugin and passes on the real app (prod), CloudFormation checks included', () => {
    // Arrange: exactly what infra/app.ts builds, for the prod stage.
    const outdir = mkdtempSync(path.join(tmpdir(), 'tandem-synth-'));
    outdirs.push(outdir);
    const app = new App({ outdir, context: { ...testContext(), stage: 'prod' } });
    const stacks = configureTandemApp(app);
    // Act
    app.synth();
    // Assert
    expect(stacks.stateful.stackName).toBe('tandem-prod-stateful');
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const failures = report.pluginReports.filter((r: { conclusion: string }) => r.conclusion !== 'success');
    expect(failures).toEqual([]);
  });

  it('fails the synth on an unacknowledged finding (the plugin is really wired)', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'tandem-synth-'));
    outdirs.push(outdir);
    const app = new App({ outdir, context: { ...testContext(), stage: 'dev' } });
    const { stateless } = configureTandemApp(app);
    new Bucket(stateless, 'UnloggedBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*UnloggedBucket|UnloggedBucket[\s\S]*AwsSolutions-S1/);
  });
});
