import { defineConfig } from 'vitest/config';

/** Test layers, each its own project: `npm test` runs unit, integration, infra and workflow; e2e runs apart. */
export default defineConfig({
  test: {
    projects: [
      // Unit tests exercise error paths on purpose; their log lines are noise (integration tests keep them).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          globalSetup: ['test/helpers/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      // The synthesized matching definition run by the local runner, real task handlers, DynamoDB Local.
      {
        test: {
          name: 'workflow',
          include: ['test/workflow/**/*.workflow.test.ts'],
          globalSetup: ['test/helpers/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
