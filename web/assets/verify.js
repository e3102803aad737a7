/**
 * The page a verification e-mail links to (`verify.html#token=…`). The token sits in the fragment
 * so it never reaches a server log. Opening the page changes nothing — mail scanners follow links —
 * and only the button POSTs the token.
 */
import { NetworkError, postJson } from './api.js';
import { setText } from './i18n.js';

/** The token from `#token=…`, or null. */
function readToken() {
  const value = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return value && value.trim() ? value.trim() : null;
}

export function initVerify() {
  const intro = /** @type {HTMLElement} */ (document.getElementById('verify-intro'));
  const alertBox = /** @type {HTMLElement} */ (document.getElementById('verify-alert'));
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('verify-button'));
  const result = /** @type {HTMLElement} */ (document.getElementById('verify-result'));
  const again = /** @type {HTMLElement} */ (document.getElementById('verify-again'));
  let sending = false;

  /** A final answer: the button goes away and the result takes focus. */
  function finish(kind, titleKey, textKey, offerSignUp = false) {
    intro.hidden = true;
    result.dataset.result = kind;
    setText(/** @type {HTMLElement} */ (document.getElementById('verify-result-title')), titleKey);
    setText(/** @type {HTMLElement} */ (document.getElementById('verify-result-text')), textKey);
    again.hidden = !offerSignUp;
    result.hidden = false;
    result.focus();
  }

  /** A passing problem: the button stays so the person can try again. */
  function retryLater(key) {
    setText(alertBox, key);
    alertBox.hidden = false;
    alertBox.focus();
  }

  if (!readToken()) {
    finish('invalid', 'verify.invalidTitle', 'verify.invalidText', true);
    return;
  }

  button.addEventListener('click', async () => {
    const token = readToken();
    if (!token) return finish('invalid', 'verify.invalidTitle', 'verify.invalidText', true);
    if (sending) return;
    sending = true;
    button.disabled = true;
    setText(/** @type {HTMLElement} */ (button.querySelector('span')), 'verify.sending');
    alertBox.hidden = true;
    let response;
    try {
      response = await postJson('/verifications', { token });
    } catch (error) {
      response = null;
      if (!(error instanceof NetworkError)) throw error;
    } finally {
      sending = false;
      button.disabled = false;
      setText(/** @type {HTMLElement} */ (button.querySelector('span')), 'verify.button');
    }
    if (!response) return retryLater('verify.network');
    const { status, body } = response;
    const code = body?.error?.code;
    if (status === 200 && body?.status === 'verified') {
      return finish('verified', 'verify.okTitle', body.role === 'mentor' ? 'verify.okMentor' : 'verify.okMentee');
    }
    // The server could not check the link (e.g. its signing keys were unreadable): the link is not
    // at fault, so the button stays and the person is told to try again, never to sign up again.
    if (code === 'service_unavailable' || status === 502 || status === 503 || status === 504) return retryLater('verify.unavailable');
    if (status === 409 || code === 'link_used') return finish('used', 'verify.usedTitle', 'verify.usedText');
    if (status === 410 || code === 'link_expired') return finish('expired', 'verify.expiredTitle', 'verify.expiredText', true);
    if (status === 400 || status === 404 || code === 'link_invalid') {
      return finish('invalid', 'verify.invalidTitle', 'verify.invalidText', true);
    }
    if (status === 429) return retryLater('verify.rateLimited');
    return retryLater('verify.server');
  });
}
