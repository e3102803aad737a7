/**
 * Fails with an actionable message when the pruned reference data has not been built.
 *
 * `communes.ts` imports this module before the generated JSON. Runtimes that evaluate imports in
 * order (vitest, bundles) stop here; plain Node ESM resolves the whole graph first and reports
 * ERR_MODULE_NOT_FOUND on `shared/reference/generated/communes.json` instead. Either way the
 * fix is `npm run prepare`. In a Lambda bundle the data is inlined, so this check always passes.
 */
import { existsSync } from 'node:fs';

// Only when running from source: in a bundle `import.meta.url` is the bundle's (or undefined in CJS).
const here: string | undefined = typeof import.meta.url === 'string' ? import.meta.url : undefined;
if (here?.startsWith('file:') && here.includes('/shared/reference/') && !existsSync(new URL('./generated/communes.json', here))) {
  throw new Error(
    'Missing shared/reference/generated/communes.json (the pruned communes reference data): run `npm run prepare` (npm ci runs it unless scripts are ignored).',
  );
}
