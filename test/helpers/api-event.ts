/** Builds API Gateway HTTP API (payload 2.0) events for handler tests. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export function apiEvent(input: {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  base64?: boolean;
}): APIGatewayProxyEventV2 {
  const method = input.method ?? 'POST';
  const path = input.path ?? '/api/test';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...(input.headers ?? {}) },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '26/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795687200000,
    },
    ...(input.body !== undefined ? { body: input.base64 ? Buffer.from(input.body).toString('base64') : input.body } : {}),
    isBase64Encoded: input.base64 ?? false,
  };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-3:123456789012:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;
