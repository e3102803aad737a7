/**
 * How every Lambda function is bundled, in one place: the CDK function construct passes these
 * options to esbuild through `NodejsFunction`, and the bundle tests and the benchmark call esbuild
 * with the same settings (`esbuildOptions`), so what they measure is what Lambda runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { SCHEDULED_JOBS, type ScheduledJob } from '../config/scheduled-jobs';

/** Repository root: function entries are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Links of the AWS SDK's default credential chain that a Lambda function never reaches. In Lambda the
 * credentials of the execution role are in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), and `fromEnv`, the first link of `defaultProvider`
 * (`@aws-sdk/credential-provider-node`, bundled), returns them. Every later link is loaded by a
 * dynamic `import()` only when the links before it failed: SSO, INI (which alone reaches
 * `credential-provider-login`), process and web identity in `defaultProvider.js`, then
 * `@smithy/credential-provider-imds` and `credential-provider-http` in `remoteProvider.js`. The STS,
 * SSO, SSO-OIDC and Signin clients of `@aws-sdk/nested-clients` and `@aws-sdk/token-providers` are
 * imported only by those links (again partly through `import()`). So they are left out, about
 * 110 KB per function that uses the SDK, and the dynamic `import()` stays in the bundle: were it
 * ever reached, it would resolve to the SDK v3 that the Node.js 24 runtime ships. Every function
 * keeps running on the pinned SDK it was tested with; `test/infra/bundles.test.ts` proves that no
 * bundle imports these statically and that credentials from the environment resolve without them.
 */
export const UNREACHED_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
] as const;

/**
 * Event-stream serde of the Smithy protocols, loaded by a dynamic `import()` in
 * `HttpProtocol.loadEventStreamCapability`, called only for an operation whose input or output has
 * an event-stream member. No operation of the clients most functions bundle (DynamoDB, SESv2,
 * Secrets Manager) has one, asserted by `test/infra/bundles.test.ts` for every `@aws-sdk/client-*`
 * dependency: about 15 KB per function that uses the SDK. The rest of `@smithy/core` stays bundled.
 * The exception is {@link EVENT_STREAM_CLIENTS}: the functions that bundle one keep it.
 */
export const UNREACHED_SDK_SUBMODULES = ['@smithy/core/event-streams'] as const;

/**
 * Clients with an event-stream operation, which import `@smithy/core/event-streams` statically (from
 * the client and its runtime config): S3 (SelectObjectContent), used by the report store
 * (shared/adapters/s3/report-store.ts).
 */
export const EVENT_STREAM_CLIENTS = ['@aws-sdk/client-s3'] as const;

/**
 * The function entries that bundle an {@link EVENT_STREAM_CLIENTS} client: those declared with the
 * `reports` capability (the reports bucket), routes and scheduled jobs. The bundle test checks that
 * exactly these bundles hold `@aws-sdk/client-s3`.
 */
export const EVENT_STREAM_ENTRIES: ReadonlySet<string> = new Set(
  [...(ROUTES as readonly RouteDefinition[]), ...Object.values(SCHEDULED_JOBS as Readonly<Record<string, ScheduledJob>>)]
    .filter((f) => (f.capabilities as readonly string[]).includes('reports'))
    .map((f) => f.entry),
);

/**
 * Modules left out of every bundle. Only the local runtime sends mail over SMTP, so `nodemailer` is
 * never loaded in Lambda. The AWS SDK is NOT external: the pinned version is bundled (and tree-shaken)
 * so the code runs against the SDK it was tested with, not whatever the runtime ships; only the parts
 * that Lambda never loads (above) are left out.
 */
export const EXTERNAL_MODULES: readonly string[] = ['nodemailer', ...UNREACHED_CREDENTIAL_PROVIDERS, ...UNREACHED_SDK_SUBMODULES];

/** The modules left out of `entry`'s bundle: {@link EXTERNAL_MODULES}, but the event-stream serde stays in those that need it. */
export function externalModulesFor(entry: string): string[] {
  const needsEventStreams = EVENT_STREAM_ENTRIES.has(entry);
  return EXTERNAL_MODULES.filter((m) => !(needsEventStreams && (UNREACHED_SDK_SUBMODULES as readonly string[]).includes(m)));
}

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
  /** Licence comments of the dependencies: esbuild would gather them at the end of the bundle; no one reads them in Lambda. */
  legalComments: 'none',
  /** esbuild's default when bundling; stated so CDK and direct calls cannot differ. */
  treeShaking: true,
} as const;

/**
 * The settings above that `NodejsFunction` has no prop for, as its `esbuildArgs` (CLI flags), so the
 * CDK bundle is built exactly like {@link esbuildOptions}.
 */
export const ESBUILD_ARGS: Record<string, string> = {
  '--legal-comments': BUNDLING.legalComments,
  '--tree-shaking': String(BUNDLING.treeShaking),
};

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
    external: externalModulesFor(entry),
    banner: { js: BUNDLING.banner },
    tsconfig: BUNDLING.tsconfig,
    legalComments: BUNDLING.legalComments,
    treeShaking: BUNDLING.treeShaking,
    sourcemap: false,
    logLevel: 'silent' as const,
  };
}
