import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../infra/local/static-site';

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
