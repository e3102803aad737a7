/**
 * The per-client limit on the public POST routes (sign-ups, confirmations, proposal answers): one
 * client (one IP address) may not use the forms for everyone nor mail arbitrary addresses through
 * them. In AWS the web firewall's rate-based rule applies it in front of CloudFront; locally the
 * API emulator applies the same limit, so a script that hammers the forms meets the same 429.
 * Route throttles (routes.ts) stay: they protect the functions from everyone at once.
 */
export const PUBLIC_POST_CLIENT_LIMIT = {
  /** Requests per client over the window, as AWS WAF counts them (its smallest limit is 10). */
  requests: 100,
  /** AWS WAF's evaluation window for rate-based rules: 60, 120, 300 or 600 seconds. */
  windowSeconds: 300,
} as const;

/** The answer past the limit, the same from the firewall and from the local emulator. */
export const CLIENT_LIMIT_ERROR = {
  code: 'too_many_requests',
  message: 'Trop de demandes depuis votre connexion. Réessayez dans quelques minutes.',
} as const;

/** Whether a request counts against the client limit: a POST on a public route. */
export const countsAgainstClientLimit = (route: { method: string; auth: string }): boolean => route.method === 'POST' && route.auth === 'public';
