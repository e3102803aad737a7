/**
 * Content-Security-Policy of the sign-up site: its pages load their own scripts and styles only
 * (no inline code) and call the API on the same origin. CloudFront (infra/constructs/signup-site.ts)
 * and the local runtime's static server send the same policy, so a page that breaks it fails
 * locally and in the browser tests, not first in production.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
