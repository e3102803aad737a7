/**
 * The few calls the site makes to the API, on the same origin under `/api`.
 * Every call resolves to `{ status, body }` (body parsed from JSON, or null) or throws a
 * `NetworkError` when no answer came back, so pages can tell "the server said no" from "no network".
 */
import { getLanguage } from './i18n.js';

const API_BASE = '/api';

/** No HTTP answer at all (offline, DNS, connection reset, aborted). */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

/** @param {Response} response */
async function readBody(response) {
  try {
    return await response.json();
  } catch {
    return null; // empty or non-JSON (e.g. a proxy's HTML error page)
  }
}

/**
 * @param {string} path path under /api, e.g. `/reference`
 * @param {RequestInit} [init]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(API_BASE + path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': getLanguage(), ...init.headers },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  return { status: response.status, body: await readBody(response) };
}

/** @param {string} path @param {AbortSignal} [signal] */
export const getJson = (path, signal) => call(path, signal ? { signal } : {});

/** @param {string} path @param {unknown} body */
export const postJson = (path, body) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
