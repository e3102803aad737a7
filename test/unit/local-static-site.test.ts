import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite, resolveStaticPath } from '../../infra/local/static-site';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/site-policy';

const ROOT = resolve('/srv/web');

describe('resolveStaticPath', () => {
  it('maps paths inside the root, with index.html for a folder', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/assets/app.js?v=1')).toBe(join(ROOT, 'assets', 'app.js'));
    expect(resolveStaticPath(ROOT, '/sub/')).toBe(join(ROOT, 'sub', 'index.html'));
    expect(resolveStaticPath(ROOT, '/caf%C3%A9.html')).toBe(join(ROOT, 'café.html'));
  });

  it('never leaves the root', () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/..%2fetc%2fpasswd']) {
      expect(resolveStaticPath(ROOT, path), path).toBeUndefined();
    }
    expect(resolveStaticPath(ROOT, '/assets/../index.html')).toBe(join(ROOT, 'index.html'));
  });

  it('refuses undecodable paths and NUL bytes', () => {
    expect(resolveStaticPath(ROOT, '/%E0%A4%A')).toBeUndefined();
    expect(resolveStaticPath(ROOT, '/index.html%00.js')).toBeUndefined();
  });
});

describe('static site', () => {
  const web = fileURLToPath(new URL('../../web', import.meta.url));
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const site = createStaticSite(web);
    server = createServer((req, res) => void site(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('answers /favicon.ico with the site icon (browsers ask for it on pages without an icon link)', async () => {
    // Act
    const response = await fetch(`${base}/favicon.ico`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toBe(await readFile(join(web, 'assets', 'favicon.svg'), 'utf8'));
    expect((await fetch(`${base}/favicon.ico?v=2`, { method: 'HEAD' })).status).toBe(200);
  });

  it('sends the same security headers as CloudFront, without the deprecated X-XSS-Protection', async () => {
    const response = await fetch(`${base}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.has('x-xss-protection')).toBe(false);
  });

  it('still answers 404 for other missing files', async () => {
    expect((await fetch(`${base}/nothing-here.ico`)).status).toBe(404);
    expect((await fetch(`${base}/assets/favicon.ico`)).status).toBe(404);
  });
});
