/**
 * Every Lambda bundle stays within its size budget: each function module (every `.ts` file under
 * `functions/` outside `functions/commons/`, found at run time so new folders are covered) is
 * bundled with the options CDK uses (`esbuildOptions`), all in parallel, into a temporary folder.
 * A function over budget fails with its size and the inputs that weigh most in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleFunction, functionModules, functionName } from '../../scripts/bench-bundles';

/** Largest minified bundle allowed for one function. */
export const BUNDLE_BUDGET_BYTES = 400 * 1024;

const ENTRIES = functionModules();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('Lambda bundle sizes', () => {
  let outdir: string;
  const bundles = new Map<string, Bundle | Error>();

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'tandem-bundles-'));
    const results = await Promise.allSettled(ENTRIES.map((entry) => bundleFunction(entry, outdir)));
    results.forEach((r, i) => bundles.set(ENTRIES[i]!, r.status === 'fulfilled' ? r.value : (r.reason as Error)));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('finds the function modules', () => {
    expect(ENTRIES).toContain('functions/http/list-partners.ts');
    expect(ENTRIES.some((e) => e.startsWith('functions/commons/'))).toBe(false);
  });

  it.each(ENTRIES)(`%s bundles within ${kb(BUNDLE_BUDGET_BYTES)}`, (entry) => {
    const bundle = bundles.get(entry);
    if (bundle instanceof Error) throw bundle;
    const biggest = bundle!.biggestInputs.map((i) => `${i.path} ${kb(i.bytes)}`).join(', ');
    expect(
      bundle!.bytes,
      `${functionName(entry)} is ${kb(bundle!.bytes)} (${bundle!.bytes} bytes), over the ${kb(BUNDLE_BUDGET_BYTES)} budget; biggest inputs: ${biggest}`,
    ).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });
});
