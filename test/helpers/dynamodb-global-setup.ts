/**
 * Global setup of the `integration` project: one DynamoDB Local, in memory, for the whole run.
 * Tests read its endpoint with `inject('dynamoEndpoint')` and create their own table
 * (test/helpers/dynamodb.ts), so files stay isolated without paying the JVM start each time.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK's notice about future Node versions would repeat in every worker; it says nothing about the tests.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({ inMemory: true, log: (line) => console.log(`[dynamodb-local] ${line}`) });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
