// Lint rules: ESLint's and typescript-eslint's recommended sets, type-aware where it pays,
// plus the layer rules (see "Layer rules" in README.md), enforced by `npm run lint`, which CI runs.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ── Layer rules ──────────────────────────────────────────────────────────────────────────────
// Built on `no-restricted-imports` with regex patterns. ESLint does not merge a rule's options
// across config objects (a later object REPLACES an earlier one's), so every file must get ALL its
// layer patterns from ONE object: we cut the tree into zones (a file belongs to the longest zone
// containing it), compute each zone's full pattern list here, and emit one object per zone and
// folder depth. Depth matters because relative specifiers do: '../adapters' from shared/use-cases/x.ts
// is the adapters layer, from shared/use-cases/sub/x.ts it is not.

/** Zones: every scope or exception below must be one of them. A path ending in .ts is a single file. */
const ZONES = [
  'shared',
  'shared/domain',
  'shared/matching',
  'shared/ports',
  'shared/use-cases',
  'shared/http',
  'shared/synthetic',
  'functions',
  'infra',
  'infra/local/demo-seed.ts',
];
const PRODUCTION = ['shared', 'functions', 'infra'];
const CODE = '{ts,mts,cts,tsx,js,mjs,cjs}';
const MAX_DEPTH = 5; // folder depth below a zone given exact relative paths; deeper files reuse the last

/**
 * Layer restrictions. Each applies to files in `scope` zones (and zones nested in them) minus `except`.
 * `deny`: folders a file may not import from, packages (regex source) it may not import.
 * `only`: folders and packages that are the ONLY ones a file may import (allow-list layers).
 */
const RESTRICTIONS = [
  {
    name: '1 domain',
    scope: ['shared/domain'],
    only: {
      folders: ['shared/domain', 'shared/reference'],
      packages: ['zod(?:/|$)', 'node:'],
      folderMessage:
        'Layer rule: shared/domain may import only shared/domain and shared/reference (reference data). The domain is pure: no adapters, ports, use cases, HTTP, config, db, mail, links, tasks, matching or observability.',
      packageMessage:
        'Layer rule: shared/domain may import only the packages zod and node:*. The domain stays free of the AWS SDK, middy, Powertools and every other runtime dependency.',
    },
  },
  {
    name: '2 matching',
    scope: ['shared/matching'],
    only: {
      folders: ['shared/matching', 'shared/domain', 'shared/reference'],
      packages: ['zod(?:/|$)'],
      folderMessage:
        'Layer rule: shared/matching (the pure matching engine) may import only shared/matching, shared/domain and shared/reference. No I/O, no adapters, ports, use cases or synthetic data.',
      packageMessage:
        'Layer rule: shared/matching (the pure matching engine) may import only the package zod. It runs the same in a Lambda, the bench and property tests.',
    },
  },
  {
    name: '3 ports',
    scope: ['shared/ports'],
    only: {
      folders: ['shared/ports', 'shared/domain', 'shared/matching'],
      packages: [],
      folderMessage:
        'Layer rule: shared/ports may import only shared/domain, shared/matching (the engine\'s pure data types) and shared/ports. Ports are interfaces (types) that adapters implement; they never know an adapter or a use case.',
      packageMessage:
        'Layer rule: shared/ports may import no package: ports are plain TypeScript types over the domain, independent of any SDK.',
    },
  },
  {
    name: '4 use cases',
    scope: ['shared/use-cases'],
    deny: [
      {
        folders: ['shared/adapters'],
        message:
          'Layer rule: shared/use-cases may not import shared/adapters. Use cases depend on ports; the composition root (functions/commons/wiring.ts) plugs the adapters in.',
      },
      {
        packages: ['@aws-sdk/'],
        message: 'Layer rule: shared/use-cases may not import an AWS SDK (@aws-sdk/*). Do I/O through a port (shared/ports) implemented by an adapter.',
      },
      {
        folders: ['shared/http', 'shared/tasks'],
        packages: ['@middy/'],
        message:
          'Layer rule: shared/use-cases may not import shared/http, shared/tasks or @middy/*. Use cases are transport-agnostic: the HTTP and non-HTTP middy chains call them, not the other way round.',
      },
    ],
  },
  {
    name: '5 shared is a library',
    scope: ['shared'],
    deny: [
      {
        folders: ['functions', 'infra', 'test', 'scripts'],
        message:
          'Layer rule: shared/ may not import functions/, infra/, test/ or scripts/. Dependencies point inward: handlers, the CDK app, tests and scripts build on shared/, never the reverse.',
      },
    ],
  },
  {
    name: '6a production code never imports tests',
    scope: ['functions', 'infra'], // shared/ is covered by rule 5, so a violation is reported once
    deny: [
      {
        folders: ['test'],
        message: 'Layer rule: production code (functions/, infra/) may not import test/. Test helpers and fixtures would end up in Lambda bundles or the synthesized app.',
      },
    ],
  },
  {
    name: '6b production code never imports synthetic data',
    scope: PRODUCTION,
    except: ['shared/synthetic', 'infra/local/demo-seed.ts'],
    deny: [
      {
        folders: ['shared/synthetic'],
        message:
          'Layer rule: production code (shared/, functions/, infra/) may not import shared/synthetic (the seeded fake-programme generator). Only tests, the bench and the local demo seed (infra/local/demo-seed.ts) may.',
      },
    ],
  },
  {
    name: '7 http',
    scope: ['shared/http'],
    deny: [
      {
        folders: ['shared/adapters'],
        packages: ['@aws-sdk/'],
        message:
          'Layer rule: shared/http (the HTTP middy chain and error mapper) may not import shared/adapters or @aws-sdk/*. It maps requests and errors; handlers get adapters from the composition root.',
      },
    ],
  },
  {
    name: 'relative imports in normal form',
    scope: PRODUCTION,
    deny: [
      {
        // './../x', './a/../b', '../a/./b': a '.' or '..' segment after a named one would let an
        // import slip past the folder patterns above.
        regex: String.raw`^\./\.\.?/|^\.\.?/(?:[^/]*/)*(?!\.\.?/)[^/]+/\.\.?(?:/|$)`,
        message: "Layer rule: write relative imports without '.' or '..' after a folder name (e.g. '../adapters/x', not '../ports/../adapters/x'), so the layer rules can see where they point.",
      },
    ],
  },
];

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const within = (zone, folder) => zone === folder || zone.startsWith(`${folder}/`);

/**
 * Regex source (no anchor) matching a normalized relative specifier, written in folder `dir`, that
 * lands in `target` or below. Every route counts: from shared/use-cases, shared/adapters is both
 * '../adapters' and '../../shared/adapters'; from shared/domain/sub, shared/domain is './', '../'
 * and '../../domain'. Where `dir` lies inside `target`, a prefix only counts when no further '..'
 * follows it (that would climb out again).
 */
function landsIn(dir, target) {
  const segments = dir.split('/');
  const routes = [];
  for (let up = 0; up <= segments.length; up++) {
    const ancestor = segments.slice(0, segments.length - up).join('/');
    const climb = up === 0 ? '.' : Array(up).fill('..').join('/');
    if (ancestor !== '' && within(ancestor, target)) {
      routes.push(`${escapeRegex(climb)}(?:$|/(?!\\.\\.(?:/|$)))`);
    } else if (ancestor === '' || within(target, ancestor)) {
      const down = ancestor === '' ? target : target.slice(ancestor.length + 1);
      routes.push(`${escapeRegex(`${climb}/${down}`)}(?:/|$)`);
    }
  }
  return `(?:${routes.join('|')})`;
}

/** The no-restricted-imports patterns for a file in folder `dir` of zone `zone`. */
function patternsFor(zone, dir) {
  const patterns = [];
  for (const r of RESTRICTIONS) {
    if (!r.scope.some((s) => within(zone, s)) || (r.except ?? []).some((e) => within(zone, e))) continue;
    if (r.only) {
      const allowed = r.only.folders.map((f) => landsIn(dir, f)).join('|');
      patterns.push({ regex: `^(?!(?:${allowed}))\\.`, message: r.only.folderMessage, caseSensitive: true });
      const bare = ['\\.', '/', ...r.only.packages].join('|');
      patterns.push({ regex: `^(?!(?:${bare}))`, message: r.only.packageMessage, caseSensitive: true });
    }
    for (const d of r.deny ?? []) {
      const alternatives = [
        ...(d.folders ?? []).map((f) => landsIn(dir, f)),
        ...(d.packages ?? []).map(escapeRegex),
        ...(d.regex ? [`(?:${d.regex})`] : []),
      ];
      patterns.push({ regex: `^(?:${alternatives.join('|')})`, message: d.message, caseSensitive: true });
    }
  }
  return patterns;
}

function layerConfigs() {
  for (const r of RESTRICTIONS) {
    for (const z of [...r.scope, ...(r.except ?? [])]) {
      if (!ZONES.includes(z)) throw new Error(`eslint.config.js: layer rule "${r.name}" names ${z}, which is not a zone`);
    }
  }
  const configs = [];
  for (const zone of ZONES) {
    const rule = (dir) => ['error', { patterns: patternsFor(zone, dir) }];
    if (zone.endsWith('.ts')) {
      configs.push({ name: `layers/${zone}`, files: [zone], rules: { 'no-restricted-imports': rule(path.posix.dirname(zone)) } });
      continue;
    }
    const nested = ZONES.filter((z) => z.startsWith(`${zone}/`)).map((z) => (z.endsWith('.ts') ? z : `${z}/**`));
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const deepest = depth === MAX_DEPTH;
      const files = `${zone}/${'*/'.repeat(depth)}${deepest ? '**/' : ''}*.${CODE}`;
      const dir = `${zone}${'/__sub__'.repeat(depth)}`;
      configs.push({ name: `layers/${zone}/depth-${depth}`, files: [files], ignores: nested, rules: { 'no-restricted-imports': rule(dir) } });
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', 'shared/reference/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...layerConfigs(),
  {
    files: ['web/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', location: 'readonly', history: 'readonly', navigator: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', HTMLElement: 'readonly', Event: 'readonly', AbortController: 'readonly', Intl: 'readonly', URL: 'readonly', DOMException: 'readonly', FormData: 'readonly', requestAnimationFrame: 'readonly', CSS: 'readonly' } },
  },
);
