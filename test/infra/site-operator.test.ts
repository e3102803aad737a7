/**
 * The site deployment writes `assets/operator.json` from the stage's operator (name, contact and
 * postal addresses, never the programme mailbox): the legal pages and every footer's contact link
 * read it, so a stage run by another CCI shows its own identity without editing web/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATOR } from '../../infra/config/stages';
import { OPERATOR_JSON_PATH } from '../../infra/config/site-operator';
import { synthStage, type Synthesized } from './synth';

const OTHER_OPERATOR = {
  name: 'CCI Exemple-Territoire',
  contactEmail: 'mentorat@cci-exemple.example',
  postalAddress: '1 place de la Bourse, 75002 Paris',
  programmeEmail: 'equipe-interne@cci-exemple.example',
};

/** The JSON the site deployment uploads at `assets/operator.json`, read from the staged assets of its sources. */
function deployedOperatorJson(synth: Synthesized): unknown[] {
  const assembly = synth.app.synth();
  const deployments = synth.stateless.findResources('Custom::CDKBucketDeployment');
  const keys = Object.values(deployments).flatMap((d) => (d as { Properties: { SourceObjectKeys: string[] } }).Properties.SourceObjectKeys);
  return keys
    .map((key) => path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, OPERATOR_JSON_PATH))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

describe('site operator file', () => {
  let dev: Synthesized;
  let other: Synthesized;

  beforeAll(() => {
    dev = synthStage('dev');
    other = synthStage('prod', { overrides: { operator: OTHER_OPERATOR } });
  }, 120_000);

  it('carries the default operator on the default stages', () => {
    expect(deployedOperatorJson(dev)).toEqual([
      { name: DEFAULT_OPERATOR.name, contactEmail: DEFAULT_OPERATOR.contactEmail, postalAddress: DEFAULT_OPERATOR.postalAddress },
    ]);
  });

  it("carries the stage's own operator, without its internal programme mailbox", () => {
    const [json] = deployedOperatorJson(other);
    expect(json).toEqual({ name: OTHER_OPERATOR.name, contactEmail: OTHER_OPERATOR.contactEmail, postalAddress: OTHER_OPERATOR.postalAddress });
    expect(JSON.stringify(json)).not.toContain(OTHER_OPERATOR.programmeEmail);
  });
});
