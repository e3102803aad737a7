/**
 * How every Lambda function is bundled, in one place: the CDK function construct passes these
 * options to esbuild through `NodejsFunction`, and the bundle tests and the benchmark call esbuild
 * with the same settings (`esbuildOptions`), so what they measure is what Lambda runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: function entries are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Modules left out of every bundle. Only the local runtime sends mail over SMTP, so `nodemailer` is
 * never loaded in Lambda. The AWS SDK is NOT external: the pinned version is bundled (and tree-shaken)
 * so the code runs against the SDK it was tested with, not whatever the runtime ships.
 */
export const EXTERNAL_MODULES = ['nodemailer'];

/** esbuild target of the Lambda runtime (see FUNCTION_RUNTIME in app-function.ts). */
export const BUNDLE_TARGET = 'node24';

/** Some CommonJS dependencies call `require`, which ESM does not define. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/** The settings shared by CDK and direct esbuild calls. */
export const BUNDLING = {
  format: 'esm',
  target: BUNDLE_TARGET,
  minify: true,
  mainFields: ['module', 'main'],
  external: EXTERNAL_MODULES,
  banner: ESM_REQUIRE_BANNER,
  tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
} as const;

/** esbuild build options equivalent to what CDK runs for `entry` (relative to the repository root). */
export function esbuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [path.resolve(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.external],
    banner: { js: BUNDLING.banner },
    tsconfig: BUNDLING.tsconfig,
    sourcemap: false,
    logLevel: 'silent' as const,
  };
}
