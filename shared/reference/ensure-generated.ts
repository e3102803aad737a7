/**
 * Fails with an actionable message when the pruned reference data has not been built.
 *
 * `communes.ts`, `postal-codes.ts`, `places.ts`, `geo.ts` and
 * `area-names.ts` import this module before their generated
 * JSON. Runtimes that evaluate imports in order (vitest, bundles) stop here; plain Node ESM
 * resolves the whole graph first and reports ERR_MODULE_NOT_FOUND on the missing file under
 * `shared/reference/generated/` instead. Either way the fix is `npm run prepare`. In a Lambda
 * bundle the data is inlined, so this check always passes.
 */
import { existsSync } from 'node:fs';

/** Every file `scripts/build-reference.ts` writes. */
const GENERATED = ['communes.json', 'postal-codes.json', 'names.json', 'geo.json', 'area-names.json'];

// Only when running from source: in a bundle `import.meta.url` is the bundle's (or undefined in CJS).
const here: string | undefined = typeof import.meta.url === 'string' ? import.meta.url : undefined;
const missing = here?.startsWith('file:') && here.includes('/shared/reference/') ? GENERATED.filter((f) => !existsSync(new URL(`./generated/${f}`, here))) : [];
if (missing.length > 0) {
  throw new Error(
    `Missing ${missing.map((f) => `shared/reference/generated/${f}`).join(', ')} (the pruned communes reference data): run \`npm run prepare\` (npm ci runs it unless scripts are ignored).`,
  );
}
