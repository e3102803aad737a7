/**
 * The page a proposal mail's links open (`proposal.html#token=…`): one link per answer (accept,
 * decline, decline and pause). The token sits in the fragment so it never reaches a server log;
 * the page takes it out of the address bar at once (kept for this tab only, so a reload still
 * works). Opening the page changes nothing — mail scanners follow links —: it shows the proposal,
 * and only the button POSTs the answer. French first, like every page.
 */
import { NetworkError, getJson, postJson } from './api.js';
import { getLanguage, onLanguageChange, setText } from './i18n.js';

const STORAGE_KEY = 'tandem.linkToken';

/**
 * The token from `#token=…` (then removed from the address bar and kept for this tab), or the one
 * kept by an earlier load of the same page. Shared by the proposal and reactivation pages.
 * @param {string} page
 */
export function takeToken(page) {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')?.trim();
  const key = `${STORAGE_KEY}.${page}`;
  if (fromHash) {
    try {
      window.sessionStorage.setItem(key, fromHash);
    } catch {
      /* the token then lives in this page only */
    }
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** What each link's action shows: its section's keys, and whether a reason may be given. */
const ACTIONS = {
  accept: { title: 'proposal.accept.title', text: 'proposal.accept.text', button: 'proposal.accept.button', reason: false, primary: true },
  decline: { title: 'proposal.decline.title', text: 'proposal.decline.text', button: 'proposal.decline.button', reason: true, primary: false },
  decline_and_pause: { title: 'proposal.pause.title', text: 'proposal.pause.text', button: 'proposal.pause.button', reason: true, primary: false },
};

/**
 * French and English typography of our own labels (the reference lists and the match's reasons are
 * written with straight apostrophes and plain spaces): as `typeset` of shared/mail/templates.ts.
 * @param {'fr' | 'en'} lang @param {string} value
 */
export function typeset(lang, value) {
  const common = value.replace(/'/g, '\u2019');
  return lang === 'fr'
    ? common.replace(/[ \u00a0\u202f]*:/g, '\u00a0:').replace(/[ \u00a0\u202f]*([;!?])/g, '\u202f$1')
    : common.replace(/[ \u00a0\u202f]+([:;!?])/g, '$1');
}

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

export function initProposal() {
  const loading = byId('proposal-loading');
  const alertBox = byId('proposal-alert');
  const alertText = byId('proposal-alert-text');
  const retry = /** @type {HTMLButtonElement} */ (byId('proposal-retry'));
  const card = byId('proposal');
  const button = /** @type {HTMLButtonElement} */ (byId('proposal-button'));
  const buttonText = byId('proposal-button-text');
  const reason = /** @type {HTMLSelectElement} */ (byId('proposal-reason'));
  const result = byId('proposal-result');
  const token = takeToken('proposal');
  /** @type {any} */
  let view = null;
  /** @type {any} */
  let reference = null;
  let sending = false;
  /** What to do again when the person presses "Try again". */
  let again = load;

  const name = () => ({ name: view?.mentee.firstName ?? '' });

  /** A final answer: everything else goes away and the result takes focus. */
  function finish(kind, titleKey, textKey) {
    loading.hidden = true;
    alertBox.hidden = true;
    card.hidden = true;
    result.dataset.result = kind;
    setText(byId('proposal-result-title'), titleKey, name());
    setText(byId('proposal-result-text'), textKey, name());
    result.hidden = false;
    result.focus();
  }

  /** A passing problem: the person can try again. */
  function problem(key, retryWith) {
    loading.hidden = true;
    setText(alertText, key);
    again = retryWith;
    retry.hidden = false;
    alertBox.hidden = false;
    alertBox.focus();
  }

  /** Shared answers of both calls: the link's problems end the page, the service's can be retried. */
  function failed(response, retryWith) {
    if (!response) return problem('proposal.network', retryWith);
    const { status, body } = response;
    const code = body?.error?.code;
    if (code === 'service_unavailable' || status === 502 || status === 503 || status === 504) return problem('proposal.unavailable', retryWith);
    if (status === 410 || code === 'link_expired') return finish('expired', 'proposal.expiredTitle', 'proposal.expiredText');
    if (status === 400 || status === 404 || code === 'link_invalid') return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');
    if (status === 429) return problem('proposal.rateLimited', retryWith);
    return problem('proposal.server', retryWith);
  }

  /** A code's label from the reference lists, in both languages (the switch re-renders it). */
  function label(list, code) {
    const item = reference?.[list]?.find((x) => x.code === code);
    return item ? { fr: typeset('fr', item.label.fr), en: typeset('en', item.label.en) } : { fr: code, en: code };
  }

  /** The proposal's details in the current language. */
  function render() {
    if (!view) return;
    const lang = getLanguage();
    const m = view.mentee;
    const join = (labels) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(labels);
    setText(byId('proposal-intro'), 'proposal.intro', name());
    byId('proposal-track').textContent = label('tracks', m.track)[lang];
    byId('proposal-sector').textContent = label('sectors', m.sector)[lang];
    byId('proposal-needs').textContent = join(m.needs.map((c) => label('expertise', c)[lang]));
    byId('proposal-place').textContent = m.postalCode;
    byId('proposal-modes').textContent = join(m.meetingModes.map((c) => label('meetingModes', c)[lang]));
    byId('proposal-languages').textContent = join(m.languages.map((c) => label('languages', c)[lang]));
    const reasons = byId('proposal-reasons');
    reasons.replaceChildren(
      ...view.reasons.map((r) => {
        const li = document.createElement('li');
        li.textContent = typeset(lang, r[lang]);
        return li;
      }),
    );
    byId('proposal-why').hidden = view.reasons.length === 0;
    const date = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(view.expiresAt));
    setText(byId('proposal-deadline'), 'proposal.deadline', { date });
    const action = ACTIONS[view.action];
    setText(byId('proposal-answer-title'), action.title);
    setText(byId('proposal-answer-text'), action.text, name());
    setText(buttonText, sending ? 'proposal.sending' : action.button, name());
  }

  function showAlready(decision) {
    finish('already', 'proposal.alreadyTitle', `proposal.already.${decision}`);
  }

  async function load() {
    alertBox.hidden = true;
    loading.hidden = false;
    let response = null;
    try {
      const [viewed, ref] = await Promise.all([postJson('/proposals/view', { token }), reference ? { status: 200, body: reference } : getJson('/reference')]);
      response = viewed;
      if (ref.status === 200) reference = ref.body;
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    }
    if (!response || response.status !== 200) return failed(response, load);
    view = response.body;
    if (view.decision) return showAlready(view.decision);
    if (view.status !== 'pending') return finish('closed', 'proposal.closedTitle', 'proposal.closedText');
    const action = ACTIONS[view.action];
    byId('proposal-reason-field').hidden = !action.reason;
    button.className = `button ${action.primary ? 'button-primary' : 'button-accent'}`;
    loading.hidden = true;
    card.hidden = false;
    render();
    byId('proposal-title').focus();
  }

  async function decide() {
    if (sending || !view) return;
    sending = true;
    button.disabled = true;
    render();
    alertBox.hidden = true;
    const body = { token, decision: view.action, ...(ACTIONS[view.action].reason && reason.value ? { reason: reason.value } : {}) };
    let response = null;
    try {
      response = await postJson('/proposals/decide', body);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    } finally {
      sending = false;
      button.disabled = false;
      render();
    }
    if (!response || response.status !== 200) return failed(response, decide);
    const answer = response.body;
    if (answer.status === 'recorded') {
      if (answer.decision === 'accept') return finish('accepted', 'proposal.acceptedTitle', 'proposal.acceptedText');
      if (answer.decision === 'decline_and_pause') return finish('paused', 'proposal.pausedTitle', 'proposal.pausedText');
      return finish('declined', 'proposal.declinedTitle', 'proposal.declinedText');
    }
    if (answer.status === 'already_decided') return showAlready(answer.decision);
    return finish('closed', 'proposal.closedTitle', 'proposal.closedText');
  }

  retry.addEventListener('click', () => {
    retry.hidden = true;
    void again();
  });
  button.addEventListener('click', () => void decide());
  onLanguageChange(render);

  if (!token) return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');
  void load();
}

export function initReactivate() {
  const intro = byId('reactivate-intro');
  const alertBox = byId('reactivate-alert');
  const button = /** @type {HTMLButtonElement} */ (byId('reactivate-button'));
  const result = byId('reactivate-result');
  const token = takeToken('reactivate');
  let sending = false;

  function finish(kind, titleKey, textKey) {
    intro.hidden = true;
    result.dataset.result = kind;
    setText(byId('reactivate-result-title'), titleKey);
    setText(byId('reactivate-result-text'), textKey);
    result.hidden = false;
    result.focus();
  }
  function retryLater(key) {
    setText(alertBox, key);
    alertBox.hidden = false;
    alertBox.focus();
  }

  if (!token) return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');

  button.addEventListener('click', async () => {
    if (sending) return;
    sending = true;
    button.disabled = true;
    setText(/** @type {HTMLElement} */ (button.querySelector('span')), 'reactivate.sending');
    alertBox.hidden = true;
    let response = null;
    try {
      response = await postJson('/mentors/reactivate', { token });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    } finally {
      sending = false;
      button.disabled = false;
      setText(/** @type {HTMLElement} */ (button.querySelector('span')), 'reactivate.button');
    }
    if (!response) return retryLater('proposal.network');
    const { status, body } = response;
    const code = body?.error?.code;
    if (status === 200 && body?.status === 'reactivated') return finish('reactivated', 'reactivate.okTitle', 'reactivate.okText');
    if (status === 200 && body?.status === 'already_active') return finish('already', 'reactivate.alreadyTitle', 'reactivate.alreadyText');
    if (status === 200) return finish('not_paused', 'reactivate.notPausedTitle', 'reactivate.notPausedText');
    if (code === 'service_unavailable' || status === 502 || status === 503 || status === 504) return retryLater('proposal.unavailable');
    if (status === 410 || code === 'link_expired') return finish('expired', 'reactivate.expiredTitle', 'reactivate.expiredText');
    if (status === 400 || status === 404 || code === 'link_invalid') return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');
    if (status === 429) return retryLater('proposal.rateLimited');
    return retryLater('proposal.server');
  });
}

