/**
 * The mentor and mentee sign-up forms: code lists from the API, postal code → commune lookup,
 * client checks that mirror the server's (never relied on: the server's 400 is mapped onto the
 * same fields), an error summary that takes focus, and a success view.
 */
import { getJson, postJson, NetworkError } from './api.js';
import { MESSAGES, applyTranslations, getLanguage, onLanguageChange, setLiteral, setText } from './i18n.js';

/**
 * @typedef {{ key: string, params?: Record<string, string | number> } | { text: string }} Message
 * @typedef {{ name: string, kind: 'text' | 'email' | 'phone' | 'textarea' | 'radio' | 'checkboxes' | 'select' | 'postalCode' | 'consent',
 *   required?: boolean, max?: number, min?: number, number?: boolean }} FieldSpec
 */

const identity = /** @type {FieldSpec[]} */ ([
  { name: 'firstName', kind: 'text', required: true, max: 80 },
  { name: 'lastName', kind: 'text', required: true, max: 80 },
  { name: 'email', kind: 'email', required: true, max: 254 },
  { name: 'phone', kind: 'phone' },
]);

/** Field order is the order of the form and of the error summary; names are the API's keys. */
const FORMS = {
  mentor: {
    endpoint: '/mentors',
    fields: /** @type {FieldSpec[]} */ ([
      ...identity,
      { name: 'company', kind: 'text', max: 120 },
      { name: 'jobTitle', kind: 'text', max: 120 },
      { name: 'profile', kind: 'radio', required: true },
      { name: 'tracks', kind: 'checkboxes', min: 1, max: 2 },
      { name: 'sectors', kind: 'checkboxes', min: 1, max: 5 },
      { name: 'expertise', kind: 'checkboxes', min: 1, max: 8 },
      { name: 'languages', kind: 'checkboxes', min: 1 },
      { name: 'capacity', kind: 'radio', required: true, number: true },
      { name: 'bio', kind: 'textarea', max: 1000 },
      { name: 'postalCode', kind: 'postalCode', required: true },
      { name: 'communeCode', kind: 'select' },
      { name: 'meetingModes', kind: 'checkboxes', min: 1, max: 2 },
      { name: 'consent', kind: 'consent', required: true },
    ]),
  },
  mentee: {
    endpoint: '/mentees',
    fields: /** @type {FieldSpec[]} */ ([
      ...identity,
      { name: 'track', kind: 'radio', required: true },
      { name: 'sector', kind: 'select', required: true },
      { name: 'needs', kind: 'checkboxes', min: 1, max: 5 },
      { name: 'languages', kind: 'checkboxes', min: 1 },
      { name: 'partnerId', kind: 'select' },
      { name: 'project', kind: 'textarea', max: 1000 },
      { name: 'postalCode', kind: 'postalCode', required: true },
      { name: 'communeCode', kind: 'select' },
      { name: 'meetingModes', kind: 'checkboxes', min: 1, max: 2 },
      { name: 'consent', kind: 'consent', required: true },
    ]),
  },
};

// Same rules as shared/domain/sign-up-fields.ts: invisible characters (controls, bidi controls,
// zero-width characters, line and paragraph separators, lone surrogates), then angle brackets.
const INVISIBLE_IN_LINE = /[\u0000-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]/u;
const INVISIBLE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]/u;
const ANGLE_BRACKETS = /[<>]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .\-()]{6,20}$/;
const POSTAL_CODE = /^\d{5}$/;

/** @param {string} key @param {Record<string, string | number>} [params] @returns {Message} */
const msg = (key, params) => (params ? { key, params } : { key });

/** @param {string} name */
const requiredMessage = (name) => msg(`err.required.${name}` in MESSAGES.fr ? `err.required.${name}` : 'err.required');

/** @param {HTMLElement} el @param {Message} message */
function render(el, message) {
  if ('text' in message) setLiteral(el, message.text);
  else setText(el, message.key, message.params);
}

/** @param {string} role 'mentor' | 'mentee' */
export function initSignUp(role) {
  const spec = FORMS[/** @type {'mentor' | 'mentee'} */ (role)];
  const form = /** @type {HTMLFormElement} */ (document.getElementById('signup-form'));
  if (!spec || !form) return;

  const summary = /** @type {HTMLElement} */ (document.getElementById('error-summary'));
  const summaryList = /** @type {HTMLUListElement} */ (summary.querySelector('ul'));
  const alertBox = /** @type {HTMLElement} */ (document.getElementById('form-alert'));
  const submit = /** @type {HTMLButtonElement} */ (document.getElementById('submit'));
  const loadStatus = /** @type {HTMLElement} */ (document.getElementById('load-status'));
  /** Known answers of the commune lookup, by postal code (an empty list: unknown code). */
  const communesByPostalCode = new Map();
  /** Fields currently showing an error, so they re-check as the person fixes them. */
  const invalid = new Set();
  let sending = false;

  /** @param {string} name */
  const controls = (name) => /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll(`[name="${name}"]`)]);
  /** @param {string} name */
  const fieldBox = (name) => document.getElementById(`${name}-field`);
  /** The control an error link moves focus to: the field itself or the first option of a group. */
  const focusTarget = (name) => controls(name)[0];

  // ---------- reading values ----------

  /** @param {FieldSpec} field */
  function valueOf(field) {
    const els = controls(field.name);
    switch (field.kind) {
      case 'checkboxes':
        return els.filter((el) => el.checked).map((el) => el.value);
      case 'radio': {
        const chosen = els.find((el) => el.checked)?.value ?? '';
        return field.number && chosen !== '' ? Number(chosen) : chosen;
      }
      case 'consent':
        return els[0]?.checked === true;
      default: {
        const el = els[0];
        if (!el) return '';
        // NFC, as the server stores it, so lengths are counted the same way
        return field.kind === 'postalCode' ? el.value.replace(/\s+/g, '') : el.value.trim().normalize('NFC');
      }
    }
  }

  /** Exactly the keys the API accepts; empty optional fields are left out (the server is strict). */
  function body() {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const field of spec.fields) {
      if (field.name === 'communeCode' && fieldBox('communeCode')?.hidden) continue;
      if (field.name === 'partnerId' && fieldBox('partnerId')?.hidden) continue;
      const value = valueOf(field);
      if (value === '' || (Array.isArray(value) && value.length === 0 && !field.min)) continue;
      out[field.name] = value;
    }
    return out;
  }

  // ---------- client checks (a mirror of the server's) ----------

  /** @param {FieldSpec} field @returns {Message | null} */
  function check(field) {
    const value = valueOf(field);
    switch (field.kind) {
      case 'text':
      case 'email':
      case 'phone':
      case 'textarea': {
        const text = /** @type {string} */ (value);
        if (text === '') return field.required ? requiredMessage(field.name) : null;
        if (field.max && text.length > field.max) return msg('err.tooLong', { max: field.max });
        if (field.kind === 'email') return EMAIL.test(text) ? null : msg('err.email');
        if (field.kind === 'phone') return PHONE.test(text) ? null : msg('err.phone');
        if ((field.kind === 'textarea' ? INVISIBLE_IN_TEXT : INVISIBLE_IN_LINE).test(text)) return msg('err.invisible');
        return field.kind === 'text' && ANGLE_BRACKETS.test(text) ? msg('err.characters') : null;
      }
      case 'postalCode': {
        const code = /** @type {string} */ (value);
        if (code === '') return requiredMessage(field.name);
        if (!POSTAL_CODE.test(code)) return msg('err.postalCode');
        return communesByPostalCode.get(code)?.length === 0 ? msg('commune.none') : null;
      }
      case 'radio':
      case 'select':
        if (field.name === 'communeCode') return value === '' && communesOfTypedCode().length > 1 ? msg('err.commune') : null;
        return field.required && value === '' ? requiredMessage(field.name) : null;
      case 'checkboxes': {
        const count = /** @type {string[]} */ (value).length;
        const tooFew = field.min !== undefined && count < field.min;
        const tooMany = field.max !== undefined && count > field.max;
        if (!tooFew && !tooMany) return null;
        if (`err.group.${field.name}` in MESSAGES.fr) return msg(`err.group.${field.name}`);
        return field.max ? msg('err.chooseRange', { min: field.min ?? 0, max: field.max }) : msg('err.chooseAtLeast');
      }
      case 'consent':
        return value === true ? null : msg('err.consent');
    }
    return null;
  }

  /** The communes of the postal code as typed, once looked up (empty before, or when unknown). */
  function communesOfTypedCode() {
    const postalCode = /** @type {HTMLInputElement | null} */ (document.getElementById('postalCode'));
    return communesByPostalCode.get(postalCode?.value.replace(/\s+/g, '') ?? '') ?? [];
  }

  // ---------- showing errors ----------

  /** @param {string} name */
  function errorElement(name) {
    const id = `${name}-error`;
    let el = document.getElementById(id);
    if (!el) {
      const box = fieldBox(name);
      if (!box) return null;
      el = document.createElement('p');
      el.id = id;
      el.className = 'field-error';
      el.hidden = true;
      el.innerHTML = '<span class="sr-only" data-i18n="common.errorPrefix"></span> <span class="field-error-text"></span>';
      applyTranslations(el);
      const anchor = box.querySelector(':scope > .input, :scope > .options, :scope > .option-consent');
      box.insertBefore(el, anchor);
    }
    return el;
  }

  /** Adds or removes one id in an element's aria-describedby, keeping the others (hints, counters). */
  function describedBy(el, id, on) {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
    if (on) ids.unshift(id);
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  /** @param {string} name @param {Message | null} message */
  function showFieldError(name, message) {
    const box = fieldBox(name);
    const el = errorElement(name);
    if (!box || !el) return false;
    const on = message !== null;
    if (on) {
      render(/** @type {HTMLElement} */ (el.querySelector('.field-error-text')), message);
      box.hidden = false;
      invalid.add(name);
    } else {
      invalid.delete(name);
    }
    el.hidden = !on;
    box.classList.toggle('has-error', on);
    const isGroup = box.tagName === 'FIELDSET';
    if (isGroup) describedBy(box, el.id, on);
    for (const control of controls(name)) {
      if (on) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      if (!isGroup) describedBy(control, el.id, on);
    }
    return true;
  }

  /** @param {{ name: string | null, message: Message }[]} errors */
  function showSummary(errors) {
    summaryList.replaceChildren();
    for (const { name, message } of errors) {
      const li = document.createElement('li');
      const target = name ? focusTarget(name) : undefined;
      const holder = target ? document.createElement('a') : li;
      if (target) {
        holder.setAttribute('href', `#${target.id}`);
        holder.dataset.field = /** @type {string} */ (name);
        li.append(holder);
      }
      render(/** @type {HTMLElement} */ (holder), message);
      summaryList.append(li);
    }
    summary.hidden = false;
    summary.focus();
  }

  function clearAll() {
    for (const name of [...invalid]) showFieldError(name, null);
    summary.hidden = true;
    summaryList.replaceChildren();
    alertBox.hidden = true;
  }

  /** A message about the whole form (network, rate limit, server): keeps every answer in place. */
  function showAlert(message) {
    render(alertBox, message);
    alertBox.hidden = false;
    alertBox.focus();
  }

  summary.addEventListener('click', (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest('a[data-field]');
    if (!link) return;
    event.preventDefault(); // focus the control itself; a fragment jump would not focus a group
    const target = focusTarget(/** @type {string} */ (link.getAttribute('data-field')));
    const box = target && fieldBox(/** @type {string} */ (link.getAttribute('data-field')));
    box?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  });

  /** Once a field shows an error, re-check it as the person fixes it; drop it from the summary. */
  function recheck(name) {
    if (!invalid.has(name)) return;
    const field = spec.fields.find((f) => f.name === name);
    if (!field) return;
    const message = check(field);
    if (message) return; // keep the current message until it is fixed
    showFieldError(name, null);
    summaryList.querySelector(`a[data-field="${name}"]`)?.closest('li')?.remove();
    if (!summaryList.children.length) summary.hidden = true;
  }
  form.addEventListener('input', (event) => recheck(/** @type {HTMLInputElement} */ (event.target).name));
  form.addEventListener('change', (event) => recheck(/** @type {HTMLInputElement} */ (event.target).name));

  // ---------- code lists, partners ----------

  /** The heading of the rare codes of each list (sectors and languages rare in the programme). */
  const MORE_OPTIONS_OF = {
    sectors: { fr: 'Autres secteurs', en: 'Other sectors' },
    languages: { fr: 'Autres langues', en: 'Other languages' },
  };
  const MORE_OPTIONS_DEFAULT = { fr: 'Autres choix', en: 'Other choices' };
  const moreOptions = (list) => MORE_OPTIONS_OF[list] ?? MORE_OPTIONS_DEFAULT;

  /** @param {{ label: { fr: string, en: string } }} item @param {HTMLElement} el */
  function labelled(item, el) {
    el.dataset.labelFr = item.label.fr;
    el.dataset.labelEn = item.label.en;
    return el;
  }

  function renderLists(reference) {
    for (const box of form.querySelectorAll('.options[data-list]')) {
      const container = /** @type {HTMLElement} */ (box);
      const items = reference[container.dataset.list ?? ''] ?? [];
      const name = /** @type {string} */ (container.dataset.name);
      const type = container.dataset.type === 'radio' ? 'radio' : 'checkbox';
      const checked = new Set((container.dataset.checked ?? '').split(' ').filter(Boolean));
      const option = (item) => {
        const label = document.createElement('label');
        label.className = 'option';
        const input = document.createElement('input');
        input.type = type;
        input.name = name;
        input.value = item.code;
        input.id = `${name}-${item.code}`;
        input.checked = checked.has(item.code);
        label.htmlFor = input.id;
        label.append(input, labelled(item, document.createElement('span')));
        return label;
      };
      // Rare codes (a few sectors) sit in a disclosure, so the list a person reads stays short.
      const rare = items.filter((item) => item.rare);
      const children = items.filter((item) => !item.rare).map(option);
      if (rare.length > 0) {
        const more = document.createElement('details');
        more.className = 'more-options';
        more.open = rare.some((item) => checked.has(item.code));
        const summary = labelled({ label: moreOptions(container.dataset.list) }, document.createElement('summary'));
        const inner = document.createElement('div');
        inner.className = container.className;
        inner.append(...rare.map(option));
        more.append(summary, inner);
        children.push(more);
      }
      container.replaceChildren(...children);
    }
    for (const select of form.querySelectorAll('select[data-list]')) {
      const el = /** @type {HTMLSelectElement} */ (select);
      const placeholder = document.createElement('option');
      placeholder.value = '';
      setText(placeholder, el.dataset.placeholder ?? 'err.required');
      const items = reference[el.dataset.list ?? ''] ?? [];
      const option = (item) => {
        const opt = labelled(item, document.createElement('option'));
        /** @type {HTMLOptionElement} */ (opt).value = item.code;
        return opt;
      };
      const rare = items.filter((item) => item.rare);
      const group = document.createElement('optgroup');
      group.className = 'more-options-group';
      group.dataset.list = el.dataset.list ?? '';
      group.label = moreOptions(el.dataset.list)[getLanguage() === 'en' ? 'en' : 'fr'];
      group.append(...rare.map(option));
      el.replaceChildren(placeholder, ...items.filter((item) => !item.rare).map(option), ...(rare.length > 0 ? [group] : []));
    }
  }

  function renderPartners(partners) {
    const select = /** @type {HTMLSelectElement | null} */ (document.getElementById('partnerId'));
    const box = fieldBox('partnerId');
    if (!select || !box) return;
    if (!partners.length) {
      box.hidden = true; // nothing to choose from: the optional question is left out
      return;
    }
    const none = document.createElement('option');
    none.value = '';
    setText(none, 'f.partnerNone');
    select.replaceChildren(none, ...partners.map((p) => {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.name;
      return option;
    }));
    box.hidden = false;
  }

  async function load() {
    loadStatus.hidden = false;
    render(/** @type {HTMLElement} */ (loadStatus.querySelector('p')), msg('common.loading'));
    loadStatus.querySelector('button')?.remove();
    try {
      const [reference, partners] = await Promise.all([
        getJson('/reference'),
        role === 'mentee'
          ? getJson('/partners').catch(() => ({ status: 0, body: null }))
          : Promise.resolve({ status: 0, body: null }),
      ]);
      if (reference.status !== 200 || !reference.body) throw new Error('reference');
      renderLists(reference.body);
      renderPartners(partners.status === 200 && Array.isArray(partners.body?.partners) ? partners.body.partners : []);
      applyTranslations(form);
      loadStatus.hidden = true;
      form.hidden = false;
    } catch {
      render(/** @type {HTMLElement} */ (loadStatus.querySelector('p')), msg('common.loadFailed'));
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'button button-secondary';
      setText(retry, 'common.retry');
      retry.addEventListener('click', load);
      loadStatus.append(retry);
    }
  }

  // ---------- postal code → commune ----------

  const postalInput = /** @type {HTMLInputElement} */ (document.getElementById('postalCode'));
  const postalStatus = /** @type {HTMLElement} */ (document.getElementById('postalCode-status'));
  const communeSelect = /** @type {HTMLSelectElement} */ (document.getElementById('communeCode'));
  const communeBox = /** @type {HTMLElement} */ (fieldBox('communeCode'));
  const communeRequired = document.getElementById('communeCode-req');

  /** A choice is required exactly when the postal code serves several communes (as the server checks). */
  function markCommuneRequired(on) {
    if (communeRequired) communeRequired.hidden = !on;
    if (on) communeSelect.setAttribute('aria-required', 'true');
    else communeSelect.removeAttribute('aria-required');
  }
  /** @type {AbortController | null} */
  let lookup = null;

  /** @param {{ code: string, name: string }[]} communes */
  function showCommunes(communes) {
    postalStatus.classList.toggle('status-warning', communes.length === 0);
    if (communes.length === 0) {
      communeBox.hidden = true;
      communeSelect.replaceChildren();
      markCommuneRequired(false);
      recheck('communeCode');
      setText(postalStatus, 'commune.none');
      return;
    }
    const options = communes.map((c) => {
      const option = document.createElement('option');
      option.value = c.code;
      option.textContent = c.name;
      return option;
    });
    if (communes.length === 1) {
      communeSelect.replaceChildren(...options);
      communeSelect.value = communes[0].code;
      setText(postalStatus, 'commune.one', { name: communes[0].name });
      markCommuneRequired(false);
    } else {
      const choose = document.createElement('option');
      choose.value = '';
      setText(choose, 'f.communeChoose');
      communeSelect.replaceChildren(choose, ...options);
      setText(postalStatus, 'commune.many', { n: communes.length });
      markCommuneRequired(true);
    }
    communeBox.hidden = false;
    recheck('postalCode');
    recheck('communeCode');
  }

  function resetCommunes() {
    lookup?.abort();
    lookup = null;
    communeBox.hidden = true;
    communeSelect.replaceChildren();
    markCommuneRequired(false);
    recheck('communeCode');
    postalStatus.classList.remove('status-warning');
    setLiteral(postalStatus, '');
  }

  async function onPostalCode() {
    const code = postalInput.value.replace(/\s+/g, '');
    if (!POSTAL_CODE.test(code)) return resetCommunes();
    const known = communesByPostalCode.get(code);
    if (known) return showCommunes(known);
    resetCommunes();
    setText(postalStatus, 'commune.searching');
    const controller = new AbortController();
    lookup = controller;
    try {
      const { status, body: answer } = await getJson(`/reference/communes?postalCode=${encodeURIComponent(code)}`, controller.signal);
      if (lookup !== controller) return;
      if (status === 200 && Array.isArray(answer?.communes)) {
        communesByPostalCode.set(code, answer.communes);
        showCommunes(answer.communes);
      } else if (status === 400) {
        communesByPostalCode.set(code, []);
        showCommunes([]);
      } else {
        setText(postalStatus, 'commune.failed');
      }
    } catch {
      if (lookup === controller) setText(postalStatus, 'commune.failed'); // aborted or offline: the commune stays optional
    }
  }
  postalInput.addEventListener('input', () => void onPostalCode());

  // ---------- character counters ----------

  for (const area of form.querySelectorAll('textarea[data-max]')) {
    const textarea = /** @type {HTMLTextAreaElement} */ (area);
    const max = Number(textarea.dataset.max);
    const counter = /** @type {HTMLElement} */ (document.getElementById(`${textarea.id}-count`));
    // A polite live region, updated after typing pauses, so a screen reader is not flooded.
    const live = document.createElement('p');
    live.className = 'sr-only';
    live.setAttribute('aria-live', 'polite');
    counter.after(live);
    let timer = 0;
    const update = () => {
      const left = max - textarea.value.length;
      const key = left >= 0 ? 'counter.remaining' : 'counter.over';
      setText(counter, key, { n: Math.abs(left) });
      counter.classList.toggle('counter-over', left < 0);
      clearTimeout(timer);
      timer = window.setTimeout(() => setText(live, key, { n: Math.abs(left) }), 900);
    };
    textarea.addEventListener('input', update);
    update();
    live.textContent = '';
  }

  // ---------- submit ----------

  /** Maps the server's 400 `fields` (dot paths: `sectors.0` → `sectors`) onto the form. */
  function showServerErrors(fields) {
    /** @type {Map<string | null, Message>} */
    const byField = new Map();
    for (const [path, text] of Object.entries(fields)) {
      const top = path.split('.')[0] ?? '';
      // A commune the lookup could not offer (it failed): the postal code is where to act.
      const name = top === 'communeCode' && fieldBox(top)?.hidden ? 'postalCode' : top;
      const known = spec.fields.some((f) => f.name === name) && fieldBox(name);
      const key = known ? name : null;
      if (!byField.has(key) || key === null) byField.set(key, { text: String(text) });
    }
    const ordered = [...spec.fields.map((f) => f.name), null]
      .filter((name) => byField.has(name))
      .map((name) => ({ name, message: /** @type {Message} */ (byField.get(name)) }));
    for (const { name, message } of ordered) if (name) showFieldError(name, message);
    showSummary(ordered);
  }

  function setSending(on) {
    sending = on;
    submit.disabled = on;
    submit.setAttribute('aria-busy', String(on));
    setText(/** @type {HTMLElement} */ (submit.querySelector('span')), on ? 'f.sending' : 'f.submit');
  }

  // ---------- success view: the address used, send again, correct it ----------

  /** How long "send again" rests after a click: the API remembers the same request for a minute. */
  const RESEND_PAUSE_MS = 60_000;
  const resendButton = /** @type {HTMLButtonElement | null} */ (document.getElementById('resend-email'));
  const resendStatus = /** @type {HTMLElement | null} */ (document.getElementById('resend-status'));
  /** The address of the accepted sign-up, as it was sent. */
  let sentTo = '';
  let resendTimer = 0;

  /** Paused, the button stays focusable (aria-disabled, not disabled) so focus is not lost. */
  function pauseResend(on) {
    window.clearTimeout(resendTimer);
    resendTimer = 0;
    if (!resendButton) return;
    if (on) {
      resendButton.setAttribute('aria-disabled', 'true');
      resendTimer = window.setTimeout(() => pauseResend(false), RESEND_PAUSE_MS);
    } else {
      resendButton.removeAttribute('aria-disabled');
    }
  }

  /** @param {string} email */
  function showSuccess(email) {
    const signup = /** @type {HTMLElement} */ (document.getElementById('signup'));
    const success = /** @type {HTMLElement} */ (document.getElementById('success'));
    const text = document.getElementById('success-text');
    if (email !== sentTo) pauseResend(false); // another address: it may be asked for at once
    sentTo = email;
    // The person's own input, shown only to them: set as text, never as HTML.
    if (text) setText(text, 'success.sentTo', { email });
    if (resendStatus) setLiteral(resendStatus, '');
    signup.hidden = true;
    success.hidden = false;
    window.scrollTo(0, 0);
    success.focus();
  }

  resendButton?.addEventListener('click', async () => {
    if (!resendStatus || !sentTo) return;
    if (resendButton.getAttribute('aria-disabled') === 'true') {
      setText(resendStatus, 'success.resendWait');
      return;
    }
    pauseResend(true);
    setLiteral(resendStatus, '');
    try {
      // Whatever the answer (always 202 for a valid request), the page says the same.
      await postJson('/verifications/resend', { role, email: sentTo });
    } catch {
      // No answer at all (NetworkError): the request did not leave; say so, and allow a retry.
      pauseResend(false);
      setText(resendStatus, 'success.resendNetwork');
      return;
    }
    setText(resendStatus, 'success.resent', { email: sentTo });
  });

  document.getElementById('edit-email')?.addEventListener('click', () => {
    if (resendStatus) setLiteral(resendStatus, '');
    /** @type {HTMLElement} */ (document.getElementById('success')).hidden = true;
    /** @type {HTMLElement} */ (document.getElementById('signup')).hidden = false;
    const email = /** @type {HTMLInputElement} */ (document.getElementById('email'));
    email.scrollIntoView({ block: 'center' });
    email.focus({ preventScroll: true });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return; // a double click sends once
    clearAll();
    const errors = spec.fields
      .map((field) => ({ name: field.name, message: check(field) }))
      .filter((e) => e.message !== null && fieldBox(e.name) && !fieldBox(e.name)?.hidden);
    if (errors.length) {
      for (const { name, message } of errors) showFieldError(name, message);
      showSummary(/** @type {{ name: string, message: Message }[]} */ (errors));
      return;
    }
    setSending(true);
    const payload = body();
    let response;
    try {
      response = await postJson(spec.endpoint, payload);
    } catch (error) {
      setSending(false);
      showAlert(msg(error instanceof NetworkError ? 'err.network' : 'err.server'));
      return;
    }
    setSending(false);
    const { status, body: answer } = response;
    if (status >= 200 && status < 300) return showSuccess(String(payload.email ?? ''));
    if ((status === 400 || status === 422) && answer?.error?.fields && Object.keys(answer.error.fields).length) {
      return showServerErrors(answer.error.fields);
    }
    if (status === 400 || status === 422) {
      return showAlert(typeof answer?.error?.message === 'string' ? { text: answer.error.message } : msg('err.invalid'));
    }
    if (status === 413) return showAlert(msg('err.tooLarge'));
    if (status === 415) return showAlert(msg('err.unsupported'));
    if (status === 429) return showAlert(msg('err.rateLimited'));
    return showAlert(msg('err.server'));
  });

  onLanguageChange(() => {
    applyTranslations();
    for (const group of form.querySelectorAll('optgroup.more-options-group')) {
      /** @type {HTMLOptGroupElement} */ (group).label = moreOptions(/** @type {HTMLElement} */ (group).dataset.list)[getLanguage() === 'en' ? 'en' : 'fr'];
    }
  });
  void load();
}
