/**
 * The console's core, shared by every page under `/console/`: sign-in (OAuth 2.0 authorization
 * code + PKCE against the identity provider named in `/assets/console.json`), the session (the
 * id token in sessionStorage), the API calls with `Authorization: Bearer`, the header and footer,
 * and the small DOM helpers the pages build with. Then it loads the page's own module, named by
 * `<body data-page>` (`console-<page>.js`).
 *
 * The token's claims (`cognito:groups`, `custom:partnerId`, `name`) only choose what to show: the
 * API decides what each person may see and do (401, 403, 404).
 */
/* global sessionStorage, crypto, TextEncoder, TextDecoder, atob, btoa, Node */

const TOKEN_KEY = 'tandem.console.idToken';
const PENDING_KEY = 'tandem.console.signIn';
const CONFIG_PATH = '/assets/console.json';
/** A token this close to its expiry is treated as expired, so a call never leaves with it. */
const EXPIRY_MARGIN_SECONDS = 30;

// ── Small DOM helpers ──────────────────────────────────────────────────────────────────────────

/**
 * Builds an element: `h('a', { href: 'x', class: 'y' }, 'text', child)`. Attributes set to
 * undefined, null or false are left out; `on<event>` attributes become listeners. Text is always
 * text (never parsed as HTML), so names from the API cannot inject markup.
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Node | string | number | null | undefined | false | Array<Node | string | null | undefined | false>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {HTMLElement} el @param {unknown[]} children */
function append(el, children) {
  for (const child of children.flat(2)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what `el` holds. @param {HTMLElement} el @param {...unknown} children */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** An id unique in the page, for labels and aria references. @param {string} prefix */
export const nextId = (prefix) => `${prefix}-${++uid}`;

// ── French wording ────────────────────────────────────────────────────────────────────────────

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** @param {string | undefined} iso */
export const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : '—');
/** @param {string | undefined} iso */
export const formatDateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—');
/** @param {number} score */
export const formatScore = (score) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(score);
/** @param {number | undefined} days */
export const formatDays = (days) => (days === undefined ? '—' : days <= 1 ? `${days}\u00a0jour` : `${days}\u00a0jours`);
/** @param {{ firstName: string, lastName: string }} person */
export const fullName = (person) => `${person.firstName} ${person.lastName}`;

export const MENTOR_STATUS = {
  pending_verification: 'Adresse à confirmer',
  pending_validation: 'À valider',
  active: 'Actif',
  paused: 'En pause',
  inactive: 'Inactif',
  erased: 'Données effacées',
};
export const MENTEE_STATUS = {
  pending_verification: 'Adresse à confirmer',
  awaiting_match: 'Recherche en cours',
  unmatched: 'Sans mentor trouvé',
  matching_failed: 'Recherche en échec',
  in_tandem: 'En tandem',
  closed: 'Terminé',
  erased: 'Données effacées',
};
export const TANDEM_STATUS = { active: 'En cours', completed: 'Terminé', ended_early: 'Arrêté avant la fin' };
export const PROPOSAL_STATUS = {
  pending: 'En attente de réponse',
  accepted: 'Acceptée',
  declined: 'Refusée',
  expired: 'Sans réponse, expirée',
  capacity_gone: 'Acceptée trop tard (plus de place)',
  withdrawn: 'Retirée',
};
export const DECLINE_REASON = {
  no_time: 'Pas le temps',
  not_my_field: 'Pas mon domaine',
  too_far: 'Trop loin',
  know_the_person: 'Connaît la personne',
  other: 'Autre raison',
};
export const PARTNER_KIND = {
  employment_agency: 'Agence pour l’emploi',
  youth_mission: 'Mission locale',
  business_support: 'Accompagnement à la création',
  association: 'Association',
  school: 'École',
  other: 'Autre',
  youth_employment: 'Mission locale',
  public_employment: 'Service public de l’emploi',
  executive_employment: 'Emploi des cadres',
  integration: 'Insertion',
  disability_employment: 'Emploi et handicap',
  entrepreneurship_network: 'Réseau d’entrepreneurs',
  microcredit: 'Microcrédit',
  business_incubator: 'Incubateur',
  student_entrepreneurship: 'Entrepreneuriat étudiant',
};
/** @param {Record<string, string>} labels @param {string | undefined} code */
export const labelOf = (labels, code) => (code === undefined ? '—' : (labels[code] ?? code));

// ── Reference lists (GET /api/reference) ─────────────────────────────────────────────────────

/** @type {Promise<Record<string, { code: string, label: { fr: string, en: string } }[]>> | undefined} */
let referencePromise;
export function reference() {
  referencePromise ??= api('/reference').then((r) => r.body);
  return referencePromise;
}
/** The French label of a code of a list, or the code. @param {any} ref @param {string} list @param {string} code */
export const codeLabel = (ref, list, code) => ref?.[list]?.find((/** @type {any} */ c) => c.code === code)?.label.fr ?? code;
/** @param {any} ref @param {string} list @param {string[] | undefined} codes */
export const codeLabels = (ref, list, codes) => (codes && codes.length > 0 ? codes.map((c) => codeLabel(ref, list, c)).join(', ') : '—');

// ── Session ─────────────────────────────────────────────────────────────────────────────────────

/** @param {string} token @returns {Record<string, any> | null} */
export function decodePayload(token) {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/**
 * The signed-in person, or null when there is no token or it has expired.
 * @returns {{ token: string, name: string, groups: string[], partnerId: string | undefined, isAdmin: boolean, isPartner: boolean } | null}
 */
export function currentSession() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodePayload(token);
  if (!claims || typeof claims.exp !== 'number' || claims.exp - EXPIRY_MARGIN_SECONDS <= Date.now() / 1000) return null;
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  return {
    token,
    name: typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : String(claims.email ?? ''),
    groups,
    partnerId: typeof claims['custom:partnerId'] === 'string' ? claims['custom:partnerId'] : undefined,
    isAdmin: groups.includes('admin'),
    isPartner: groups.includes('partner'),
  };
}

/** @returns {Promise<{ authorizeUrl: string, tokenUrl: string, logoutUrl: string, clientId: string, redirectPath: string, scope: string }>} */
async function signInConfig() {
  const response = await fetch(CONFIG_PATH, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`console.json answered ${response.status}`);
  return response.json();
}

/** @param {Uint8Array | ArrayBuffer} bytes */
const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = (size = 32) => base64url(crypto.getRandomValues(new Uint8Array(size)));

/** Only a page of the console is a place to come back to (never another origin). @param {string} path */
const safeReturn = (path) => (typeof path === 'string' && /^\/console\/[\w./-]*(\?[\w=&%.-]*)?$/.test(path) ? path : '/console/');

/** Set once a sign-in has started: the page is leaving. */
let leaving = false;

/**
 * Leaves for the sign-in page, keeping where the person was (after a 401, an expiry or a first visit).
 * PKCE: the verifier stays in this tab's sessionStorage, only its SHA-256 leaves.
 */
export async function signIn(returnTo = location.pathname + location.search) {
  // Several calls refused at once (401) start one sign-in, so the stored state is the one sent.
  if (leaving) return;
  leaving = true;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    const config = await signInConfig();
    const verifier = randomString(48);
    const state = randomString(24);
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, returnTo: safeReturn(returnTo) }));
    const url = new URL(config.authorizeUrl, location.origin);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: location.origin + config.redirectPath,
      scope: config.scope,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    location.assign(url.toString());
  } catch (error) {
    leaving = false;
    throw error;
  }
}

/**
 * The callback page: checks `state`, trades the code for tokens, keeps the id token, goes back to
 * where the person was. Resolves an error sentence when it cannot (the page shows it).
 * @returns {Promise<string | undefined>}
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
    } catch {
      return null;
    }
  })();
  if (params.get('error')) return 'La connexion a été refusée ou annulée.';
  const code = params.get('code');
  if (!code || !pending || params.get('state') !== pending.state) return 'Ce lien de connexion n’est pas valable ou a déjà servi.';
  sessionStorage.removeItem(PENDING_KEY);
  const config = await signInConfig();
  let response;
  try {
    response = await fetch(new URL(config.tokenUrl, location.origin).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: location.origin + config.redirectPath,
        client_id: config.clientId,
        code_verifier: pending.verifier,
      }).toString(),
    });
  } catch {
    return 'Le service de connexion ne répond pas. Vérifiez votre connexion et réessayez.';
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || typeof body?.id_token !== 'string') return 'La connexion n’a pas abouti. Réessayez.';
  sessionStorage.setItem(TOKEN_KEY, body.id_token);
  location.replace(safeReturn(pending.returnTo));
  return undefined;
}

export async function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const config = await signInConfig();
  const url = new URL(config.logoutUrl, location.origin);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: `${location.origin}/console/` }).toString();
  location.assign(url.toString());
}

// ── API ─────────────────────────────────────────────────────────────────────────────────────────

/** Thrown by `api` when the session is gone: the page is already leaving for the sign-in. */
export class SignInRequired extends Error {
  constructor() {
    super('sign-in required');
    this.name = 'SignInRequired';
  }
}

/**
 * Calls `/api<path>`. Resolves `{ status, body }` for every answer but 401 (which leaves for the
 * sign-in page, keeping the place) ; a missing network resolves status 0 with an error in words.
 * @param {string} path @param {{ method?: string, body?: unknown, auth?: boolean }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function api(path, options = {}) {
  const headers = /** @type {Record<string, string>} */ ({ accept: 'application/json', 'accept-language': 'fr' });
  if (options.auth !== false) {
    const session = currentSession();
    if (!session) {
      void signIn();
      throw new SignInRequired();
    }
    headers.authorization = `Bearer ${session.token}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    return { status: 0, body: { error: { code: 'network', message: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.' } } };
  }
  const body = await response.json().catch(() => null);
  if (response.status === 401 && options.auth !== false) {
    void signIn();
    throw new SignInRequired();
  }
  return { status: response.status, body };
}

/** The API's error sentence (in French, from Accept-Language), or a general one. @param {{ status: number, body: any }} answer */
export function errorText(answer) {
  const message = answer.body?.error?.message;
  if (typeof message === 'string' && message.trim() !== '') return message;
  if (answer.status === 503) return 'Ce service n’est pas encore disponible. Réessayez dans un moment.';
  return `Le serveur a répondu par une erreur (${answer.status}). Réessayez dans un moment.`;
}

// ── Page frame ───────────────────────────────────────────────────────────────────────────────────

/** The live region of the page: every action's result is read out from here. */
export function announce(text, kind = 'info') {
  const region = document.getElementById('console-status');
  if (!region) return;
  fill(region, text ? h('p', { class: kind === 'error' ? 'alert alert-error' : 'alert alert-success' }, text) : '');
}

/** Shows an error sentence inside `el` (role=alert so it is read at once). @param {HTMLElement} el @param {string} text */
export function showError(el, text) {
  return fill(el, h('p', { class: 'alert alert-error', role: 'alert' }, text));
}

/** Replaces the page with a clear sentence when the API answered 403 (or the token's groups do not fit). */
export function showForbidden(reason = 'Cette page est réservée à l’équipe de la CCI. Votre compte n’y a pas accès.') {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const title = main.querySelector('h1');
  if (title) title.textContent = 'Accès réservé';
  for (const lead of main.querySelectorAll('.lead')) lead.remove();
  fill(
    /** @type {HTMLElement} */ (document.getElementById('content')),
    h('div', { class: 'card' }, h('p', {}, reason), h('p', {}, h('a', { href: '/console/' }, 'Retour à l’accueil de la console'))),
  );
}

/**
 * Shows a failed read in place of the content: 403 as the reserved page, 404 as "not found",
 * anything else with the API's sentence.
 * @param {{ status: number, body: any }} answer
 */
export function showLoadError(answer) {
  if (answer.status === 403) return showForbidden();
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const text = answer.status === 404 ? 'Cette fiche n’existe pas ou n’est plus disponible.' : errorText(answer);
  showError(content, text);
}

/** A table in a horizontally scrollable, focusable region, with its caption. */
export function table({ caption, head, rows, empty }) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty ?? 'Aucune ligne.');
  const captionId = nextId('caption');
  return h(
    'div',
    { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
    h(
      'table',
      { class: 'data' },
      h('caption', { id: captionId }, caption),
      h('thead', {}, h('tr', {}, head.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))))),
    ),
  );
}

/** A definition list of facts: `[['Label', value], …]`. @param {Array<[string, unknown]>} pairs */
export const facts = (pairs) =>
  h('dl', { class: 'facts facts-grid' }, pairs.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value ?? '—'))));

/** A link to a page of the console by opaque id. @param {string} page @param {string} id @param {string} text */
export const linkTo = (page, id, text) => h('a', { href: `${page}?id=${encodeURIComponent(id)}` }, text);

/** The `id` query parameter (a UUID), or undefined. */
export function idParam() {
  const id = new URLSearchParams(location.search).get('id');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * A list that pages through the API's cursors: "Page suivante" asks for the next page and
 * replaces the rows, "Première page" starts again; the cursors never reach the address bar.
 * @param {HTMLElement} target
 * @param {(cursor: string | undefined) => Promise<{ status: number, body: any } | undefined>} load
 * @param {(items: any[]) => Node} render
 */
export async function pagedList(target, load, render) {
  let page = 1;
  /** @param {string | undefined} cursor */
  async function show(cursor, focus) {
    const answer = await load(cursor);
    if (!answer) return;
    if (answer.status !== 200) {
      if (answer.status === 403) return showForbidden();
      showError(target, errorText(answer));
      return;
    }
    const { items, nextCursor } = answer.body;
    const pager = h(
      'div',
      { class: 'pager' },
      page > 1 ? h('button', { type: 'button', class: 'button button-secondary', onclick: () => ((page = 1), show(undefined, true)) }, 'Première page') : null,
      nextCursor ? h('button', { type: 'button', class: 'button button-secondary', onclick: () => ((page += 1), show(nextCursor, true)) }, 'Page suivante') : null,
    );
    const status = h('p', { class: 'page-number' }, `Page ${page}`);
    fill(target, render(items), items.length > 0 || page > 1 ? status : null, pager);
    if (focus) {
      announce(`Page ${page} affichée.`);
      target.querySelector('.table-scroll, p')?.focus?.();
    }
  }
  await show(undefined, false);
}

// ── Form pieces ──────────────────────────────────────────────────────────────────────────────────

/**
 * A labelled text input, select or textarea in a `.field` box named for error placement.
 * @param {{ name: string, label: string, type?: string, value?: string, options?: Array<[string, string]>, required?: boolean, hint?: string, textarea?: boolean, attrs?: Record<string, unknown> }} spec
 */
export function field(spec) {
  const id = nextId(spec.name);
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const common = { id, name: spec.name, class: 'input', 'aria-describedby': hintId, required: spec.required, ...(spec.attrs ?? {}) };
  let control;
  if (spec.options) {
    control = h('select', common, spec.options.map(([value, text]) => h('option', { value, selected: value === (spec.value ?? '') }, text)));
  } else if (spec.textarea) {
    control = h('textarea', { ...common, rows: 4 }, spec.value ?? '');
  } else {
    control = h('input', { ...common, type: spec.type ?? 'text', value: spec.value ?? '' });
  }
  return h(
    'div',
    { class: 'field', dataset: { field: spec.name } },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : h('span', { class: 'opt' }, ' (facultatif)')),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    control,
  );
}

/**
 * A group of checkboxes (or radios) in a fieldset with its legend.
 * @param {{ name: string, legend: string, options: Array<[string, string]>, checked?: string[], type?: 'checkbox' | 'radio', hint?: string, required?: boolean, columns?: boolean }} spec
 */
export function choiceGroup(spec) {
  const hintId = spec.hint ? nextId(`${spec.name}-hint`) : undefined;
  const checked = new Set(spec.checked ?? []);
  return h(
    'fieldset',
    { class: 'field', dataset: { field: spec.name }, 'aria-describedby': hintId },
    h('legend', {}, spec.legend, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h(
      'div',
      { class: spec.columns === false ? 'options-inline' : 'options-columns' },
      spec.options.map(([value, text]) => {
        const id = nextId(`${spec.name}-${value}`);
        return h(
          'div',
          { class: 'option' },
          h('input', { type: spec.type ?? 'checkbox', id, name: spec.name, value, checked: checked.has(value) }),
          h('label', { for: id }, text),
        );
      }),
    ),
  );
}

/** The checked values of a group. @param {HTMLFormElement} form @param {string} name */
export const checkedValues = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((el) => /** @type {HTMLInputElement} */ (el).value);
/** The trimmed value of a control. @param {HTMLFormElement} form @param {string} name */
export const valueOf = (form, name) => /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${name}"]`))?.value.trim() ?? '';

/** Removes every error shown in a form. @param {HTMLElement} form */
export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const box of form.querySelectorAll('.has-error')) box.classList.remove('has-error');
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-error'));
    if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Shows each error next to its field (`fields` of the API's answer, keyed by dot path, or the
 * console's own checks) and focuses the first field in error. Returns how many were placed.
 * @param {HTMLElement} form @param {Record<string, string>} fields
 */
export function showFieldErrors(form, fields) {
  clearFieldErrors(form);
  let first;
  let placed = 0;
  for (const [path, text] of Object.entries(fields ?? {})) {
    const name = path.split('.')[0];
    const box = form.querySelector(`[data-field="${name}"]`);
    if (!box || box.querySelector('.field-error')) continue;
    const errorId = nextId(`${name}-error`);
    box.classList.add('has-error');
    const anchor = box.querySelector('legend, label');
    anchor?.after(h('p', { class: 'field-error', id: errorId }, text));
    const controls = box.tagName === 'FIELDSET' ? [box] : [...box.querySelectorAll('input, select, textarea')];
    for (const control of controls) {
      if (box.tagName !== 'FIELDSET') control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
    }
    first ??= box.querySelector('input, select, textarea');
    placed += 1;
  }
  /** @type {HTMLElement | undefined} */ (first)?.focus();
  return placed;
}

/**
 * Sends a form's request with its button busy, then shows the result: the API's error sentence in
 * the live region and `fields` next to their controls, or `onSuccess`'s own sentence.
 * @param {HTMLButtonElement} button @param {() => Promise<{ status: number, body: any }>} send
 * @param {{ form?: HTMLElement, ok?: number[], onSuccess: (answer: { status: number, body: any }) => (string | void | Promise<string | void>) }} handlers
 */
export async function runAction(button, send, handlers) {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const answer = await send();
    if ((handlers.ok ?? [200, 201, 202]).includes(answer.status)) {
      if (handlers.form) clearFieldErrors(handlers.form);
      const text = await handlers.onSuccess(answer);
      if (text) announce(text);
      return answer;
    }
    if (answer.status === 403) {
      showForbidden();
      return answer;
    }
    announce(errorText(answer), 'error');
    if (handlers.form && answer.body?.error?.fields) showFieldErrors(handlers.form, answer.body.error.fields);
    return answer;
  } catch (error) {
    if (!(error instanceof SignInRequired)) announce('L’action n’a pas pu aboutir. Réessayez.', 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// ── Header and footer ───────────────────────────────────────────────────────────────────────────

const CCI_LINKS = [
  ['index.html', 'À traiter', 'home'],
  ['mentors.html', 'Mentors', 'mentors'],
  ['mentees.html', 'Personnes accompagnées', 'mentees'],
  ['tandems.html', 'Tandems', 'tandems'],
  ['cohorts.html', 'Cohortes', 'cohorts'],
  ['partners.html', 'Partenaires', 'partners'],
  ['rapports.html', 'Rapports', 'reports'],
  ['import.html', 'Import', 'import'],
];

/** @param {ReturnType<typeof currentSession>} session @param {string} page */
function renderHeader(session, page) {
  const nav = document.getElementById('console-nav');
  const who = document.getElementById('console-user');
  if (!nav || !who || !session) return;
  const section = { mentor: 'mentors', mentee: 'mentees', tandem: 'tandems', cohort: 'cohorts', 'espace-tandem': 'espace' }[page] ?? page;
  const links = session.isAdmin ? CCI_LINKS : [['espace.html', 'Espace partenaire', 'espace']];
  fill(
    nav,
    h(
      'ul',
      { class: 'console-nav-list' },
      links.map(([href, text, key]) => h('li', {}, h('a', { href, 'aria-current': key === section ? 'page' : undefined }, text))),
    ),
  );
  fill(
    who,
    h('span', { class: 'console-user-name' }, session.name, session.isAdmin ? ' (CCI)' : session.isPartner ? ' (partenaire)' : ''),
    h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => void signOut() }, 'Se déconnecter'),
  );
}

/** The operator's contact address in the footer, from the stage's `operator.json` (the HTML default otherwise). */
async function applyOperatorFile() {
  try {
    const response = await fetch('/assets/operator.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const operator = await response.json();
    const { applyOperator } = await import('./operator.js');
    if (typeof operator?.contactEmail === 'string' && typeof operator?.name === 'string' && typeof operator?.postalAddress === 'string') applyOperator(operator);
  } catch {
    // offline or no file: the defaults written in the page stay
  }
}

// ── Start ───────────────────────────────────────────────────────────────────────────────────────

/** Pages reserved to the CCI (group admin); `espace` and its tandem page are the partner adviser's. */
const PARTNER_PAGES = new Set(['espace', 'espace-tandem']);

async function start() {
  const page = document.body.dataset.page ?? '';
  void applyOperatorFile();
  if (page === 'callback') {
    const problem = await completeSignIn().catch(() => 'Le service de connexion ne répond pas. Réessayez.');
    if (problem) {
      showError(/** @type {HTMLElement} */ (document.getElementById('content')), problem);
      document.getElementById('content')?.append(h('p', {}, h('button', { type: 'button', class: 'button button-primary', onclick: () => void signIn('/console/') }, 'Se connecter à nouveau')));
    }
    return;
  }
  const session = currentSession();
  if (!session) return signIn();
  renderHeader(session, page);
  if (page === 'home' && !session.isAdmin && session.isPartner) return location.replace('espace.html');
  if (PARTNER_PAGES.has(page) ? !session.isPartner : !session.isAdmin) {
    return showForbidden(
      PARTNER_PAGES.has(page)
        ? 'Cette page est réservée aux conseillers et conseillères des structures partenaires.'
        : 'Cette page est réservée à l’équipe de la CCI. Votre compte n’y a pas accès.',
    );
  }
  const module = await import(`./console-${page}.js`);
  try {
    await module.init(session);
  } catch (error) {
    if (error instanceof SignInRequired) return;
    throw error;
  }
}

void start();
