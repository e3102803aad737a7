import { describe, expect, it } from 'vitest';
import {
  createLambdaContext,
  formatRequestTime,
  fromHttpApiResult,
  isTextContentType,
  toHttpApiEvent,
  type RequestSnapshot,
} from '../../infra/local/http-api-event';

const NOW = new Date('2026-03-12T19:03:58.123Z');

function request(overrides: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return {
    method: 'GET',
    url: '/api/reference/communes?postalCode=13001',
    rawHeaders: ['Host', 'localhost:3000', 'User-Agent', 'curl/8.0', 'Accept', 'application/json'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    ...overrides,
  };
}

describe('toHttpApiEvent', () => {
  it('builds a payload format 2.0 event with the route key, raw path and request context', () => {
    // Act
    const event = toHttpApiEvent(request(), { routeKey: 'GET /api/reference/communes', pathParameters: {}, requestId: 'req-1', now: NOW });

    // Assert
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/reference/communes',
      rawPath: '/api/reference/communes',
      rawQueryString: 'postalCode=13001',
      queryStringParameters: { postalCode: '13001' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: { method: 'GET', path: '/api/reference/communes', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.0' },
        requestId: 'req-1',
        routeKey: 'GET /api/reference/communes',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: NOW.getTime(),
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
  });

  it('lower-cases header names, joins repeated headers and query values with commas, and moves cookies out', () => {
    // Arrange
    const req = request({
      url: '/api/things?tag=a&tag=b%20c&empty=',
      rawHeaders: ['Host', 'localhost:3000', 'X-Custom', 'one', 'x-custom', 'two', 'Cookie', 'a=1; b=2', 'cookie', 'c=3'],
    });

    // Act
    const event = toHttpApiEvent(req, { routeKey: 'GET /api/things', pathParameters: {}, now: NOW });

    // Assert
    expect(event.headers['x-custom']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.rawQueryString).toBe('tag=a&tag=b%20c&empty=');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b c', empty: '' });
    expect(event.headers['x-forwarded-port']).toBe('3000');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('passes path parameters through', () => {
    const event = toHttpApiEvent(request({ url: '/api/mentors/m%201' }), {
      routeKey: 'GET /api/mentors/{id}',
      pathParameters: { id: 'm 1' },
      now: NOW,
    });
    expect(event.pathParameters).toEqual({ id: 'm 1' });
  });

  it('keeps a JSON body as UTF-8 text', () => {
    const body = JSON.stringify({ firstName: 'Zoé' });
    const event = toHttpApiEvent(
      request({ method: 'POST', url: '/api/mentors', rawHeaders: ['Host', 'localhost', 'Content-Type', 'application/json; charset=utf-8'], body: Buffer.from(body) }),
      { routeKey: 'POST /api/mentors', pathParameters: {}, now: NOW },
    );
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('base64-encodes form-encoded, binary and untyped bodies, as API Gateway does', () => {
    for (const rawHeaders of [
      ['Host', 'localhost', 'Content-Type', 'application/x-www-form-urlencoded'],
      ['Host', 'localhost', 'Content-Type', 'application/octet-stream'],
      ['Host', 'localhost'],
    ]) {
      const event = toHttpApiEvent(request({ method: 'POST', url: '/api/x', rawHeaders, body: Buffer.from('a=1&b=2') }), {
        routeKey: 'POST /api/x',
        pathParameters: {},
        now: NOW,
      });
      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body!, 'base64').toString()).toBe('a=1&b=2');
    }
  });
});

describe('isTextContentType', () => {
  it.each([
    ['text/plain', true],
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['Application/JSON', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['image/png', false],
    [undefined, false],
  ])('%s → %s', (contentType, expected) => {
    expect(isTextContentType(contentType)).toBe(expected);
  });
});

describe('formatRequestTime', () => {
  it('pads day and time in UTC', () => {
    expect(formatRequestTime(new Date('2026-01-05T03:04:05Z'))).toBe('05/Jan/2026:03:04:05 +0000');
  });
});

describe('fromHttpApiResult', () => {
  it('uses a structured result as given, with cookies as set-cookie headers', () => {
    const response = fromHttpApiResult({
      statusCode: 202,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      cookies: ['a=1; HttpOnly', 'b=2'],
      body: '{"ok":true}',
    });
    expect(response.statusCode).toBe(202);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-count': '3', 'set-cookie': ['a=1; HttpOnly', 'b=2'] });
    expect(response.body.toString()).toBe('{"ok":true}');
  });

  it('decodes a base64 body', () => {
    const response = fromHttpApiResult({ statusCode: 200, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true });
    expect([...response.body]).toEqual([0, 1, 2, 255]);
  });

  it('sends an empty body when a structured result has none', () => {
    const response = fromHttpApiResult({ statusCode: 204 });
    expect(response.statusCode).toBe(204);
    expect(response.body.length).toBe(0);
  });

  it('infers 200 JSON for a plain object, serializing it', () => {
    const response = fromHttpApiResult({ partners: [] } as never);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ partners: [] });
  });

  it('infers 200 JSON for a string, sending it as it is', () => {
    const response = fromHttpApiResult('hello');
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('hello');
  });
});

describe('createLambdaContext', () => {
  it('names the function after the route and counts down from the timeout', () => {
    const context = createLambdaContext({ functionName: 'RegisterMentor', timeoutMs: 5_000, awsRequestId: 'id-1' });
    expect(context.functionName).toBe('RegisterMentor');
    expect(context.awsRequestId).toBe('id-1');
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:eu-west-3:000000000000:function:RegisterMentor');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(5_000);
  });
});
