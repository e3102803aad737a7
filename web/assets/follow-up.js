/**
 * The page the check-in and outcome mails' links open (`follow-up.html#token=…`). One page for
 * both: the view call says which form to show (a first or monthly check-in for mentor or mentee,
 * the outcome at 3, 6 or 12 months for the mentee or the referring partner). The token sits in the
 * fragment and leaves the address bar at once (proposal.js `takeToken`). Opening the page changes
 * nothing — mail scanners follow links —: only the button POSTs the answer. French first; this
 * page's texts are added to the site's dictionary here (i18n.js), so the language switch covers them.
 */
import { NetworkError, postJson } from './api.js';
import { MESSAGES, initLanguageSwitch, onLanguageChange, setLanguage, setText } from './i18n.js';
import { initOperator } from './operator.js';
import { takeToken } from './proposal.js';

/** @type {Record<'fr' | 'en', Record<string, string>>} */
export const FOLLOW_UP_MESSAGES = {
  fr: {
    'title.followUp': 'Votre suivi — Tandem',
    'fu.loading': 'Chargement du formulaire…',
    'fu.summary': 'Le formulaire contient des erreurs',
    'fu.title.first': 'Votre premier point sur le tandem',
    'fu.title.monthly': 'Votre point du mois',
    'fu.title.outcome': 'Le point à {months} mois',
    'fu.intro.checkIn': 'Bonjour {name}, quelques questions sur votre tandem avec {other}. Une minute suffit.',
    'fu.intro.outcomeMentee': 'Bonjour {name}, {months} mois après le début de votre tandem, où en êtes-vous\u202f? Votre réponse aide la CCI à mesurer ce que le programme apporte.',
    'fu.intro.outcomePartner': '{months} mois après le début de son tandem, où en est {name}, que votre structure a orienté vers Tandem\u202f? Votre réponse aide la CCI à mesurer ce que le programme apporte.',
    'fu.met': 'Votre première rencontre a-t-elle eu lieu\u202f?',
    'fu.yes': 'Oui',
    'fu.no': 'Non',
    'fu.fit': 'Le binôme vous convient-il\u202f?',
    'fu.fit.good': 'Oui',
    'fu.fit.too_early': 'Trop tôt pour le dire',
    'fu.fit.not_a_good_fit': 'Non, ça ne fonctionne pas',
    'fu.meetings': 'Combien de fois vous êtes-vous vus depuis le dernier point\u202f?',
    'fu.meetingsHint': 'En personne, en visio ou au téléphone.',
    'fu.satisfaction': 'Votre satisfaction, de 1 à 5',
    'fu.satisfactionHint': '1\u00a0: pas du tout satisfait, 5\u00a0: tout à fait satisfait.',
    'fu.progress': 'Les progrès depuis le dernier point, en une phrase',
    'fu.progressHint': 'La CCI et, le cas échéant, la structure qui a orienté le bénéficiaire peuvent la lire.',
    'fu.help': 'J’ai besoin de l’aide de la CCI',
    'fu.helpHint': 'La CCI vous recontactera rapidement.',
    'fu.note': 'Note pour la CCI (confidentielle)',
    'fu.noteHint': 'Seule l’équipe de la CCI la lit\u00a0: ni l’autre membre du tandem ni la structure partenaire ne la voient.',
    'fu.job.legendMentee': 'Votre situation aujourd’hui',
    'fu.job.legendPartner': 'La situation de {name} aujourd’hui',
    'fu.job.permanent_contract': 'En CDI',
    'fu.job.fixed_term_6m_plus': 'En CDD de 6 mois ou plus',
    'fu.job.work_study': 'En contrat en alternance',
    'fu.job.training': 'En formation qualifiante de plus de 6 mois',
    'fu.job.none': 'Pas encore',
    'fu.biz.legendMentee': 'Votre entreprise est-elle créée\u202f?',
    'fu.biz.legendPartner': 'L’entreprise de {name} est-elle créée\u202f?',
    'fu.biz.company_created': 'Oui, l’entreprise est créée',
    'fu.biz.none': 'Pas encore',
    'fu.biz.date': 'Date de création',
    'fu.biz.siren': 'Numéro SIREN',
    'fu.biz.sirenHint': '9 chiffres, sur l’avis de situation Insee ou l’extrait Kbis.',
    'fu.biz.active': 'L’entreprise est-elle toujours en activité\u202f?',
    'fu.submit': 'Envoyer ma réponse',
    'fu.sending': 'Envoi de votre réponse…',
    'fu.err.choose': 'Choisissez une réponse.',
    'fu.err.meetings': 'Indiquez un nombre entre 0 et 31.',
    'fu.err.date': 'Indiquez la date de création, au plus tard aujourd’hui.',
    'fu.err.siren': 'Un numéro SIREN compte 9 chiffres.',
    'fu.err.rejected': 'Une réponse n’a pas été acceptée. Vérifiez le formulaire puis réessayez.',
    'fu.recordedTitle': 'Merci\u202f! Votre réponse est enregistrée',
    'fu.recordedCheckIn': 'Grâce à vous, la CCI suit votre tandem. Le prochain point vous arrivera par e\u2011mail.',
    'fu.recordedHelp': 'La CCI a bien reçu votre demande d’aide et vous recontactera rapidement.',
    'fu.recordedOutcome': 'Votre réponse aide la CCI à mesurer ce que le programme apporte.',
    'fu.alreadyTitle': 'Vous avez déjà répondu',
    'fu.alreadyText': 'Votre réponse est enregistrée\u00a0: on ne répond qu’une fois. Pour ajouter quelque chose, écrivez à la CCI.',
    'fu.closedTitle': 'Ce tandem est terminé',
    'fu.closedText': 'Il n’y a plus de point à remplir. Merci pour votre engagement\u202f; pour toute question, écrivez à la CCI.',
    'fu.expiredTitle': 'Ce lien a expiré',
    'fu.expiredText': 'Le délai pour répondre est passé. Pour toute question, écrivez à la CCI.',
  },
  en: {
    'title.followUp': 'Your follow-up — Tandem',
    'fu.loading': 'Loading the form…',
    'fu.summary': 'The form has errors',
    'fu.title.first': 'Your first tandem check-in',
    'fu.title.monthly': 'Your monthly check-in',
    'fu.title.outcome': 'The {months}-month update',
    'fu.intro.checkIn': 'Hello {name}, a few questions about your tandem with {other}. It takes a minute.',
    'fu.intro.outcomeMentee': 'Hello {name}, {months} months after your tandem began, where do you stand? Your answer helps the CCI measure what the programme brings.',
    'fu.intro.outcomePartner': '{months} months after the tandem began, where does {name}, whom your organisation referred to Tandem, stand? Your answer helps the CCI measure what the programme brings.',
    'fu.met': 'Has your first meeting taken place?',
    'fu.yes': 'Yes',
    'fu.no': 'No',
    'fu.fit': 'Does the pairing suit you?',
    'fu.fit.good': 'Yes',
    'fu.fit.too_early': 'Too early to say',
    'fu.fit.not_a_good_fit': 'No, it does not work',
    'fu.meetings': 'How many times have you met since the last check-in?',
    'fu.meetingsHint': 'In person, by video or by phone.',
    'fu.satisfaction': 'Your satisfaction, from 1 to 5',
    'fu.satisfactionHint': '1: not satisfied at all, 5: fully satisfied.',
    'fu.progress': 'Progress since the last check-in, in one sentence',
    'fu.progressHint': 'The CCI and, where there is one, the organisation that referred the beneficiary can read it.',
    'fu.help': 'I need the CCI’s help',
    'fu.helpHint': 'The CCI will get back to you quickly.',
    'fu.note': 'Note for the CCI (confidential)',
    'fu.noteHint': 'Only the CCI team reads it: neither the other member of the tandem nor the partner organisation sees it.',
    'fu.job.legendMentee': 'Your situation today',
    'fu.job.legendPartner': '{name}’s situation today',
    'fu.job.permanent_contract': 'On a permanent contract (CDI)',
    'fu.job.fixed_term_6m_plus': 'On a fixed-term contract of 6 months or more (CDD)',
    'fu.job.work_study': 'On a work-study contract',
    'fu.job.training': 'In qualifying training of more than 6 months',
    'fu.job.none': 'Not yet',
    'fu.biz.legendMentee': 'Has your company been created?',
    'fu.biz.legendPartner': 'Has {name}’s company been created?',
    'fu.biz.company_created': 'Yes, the company exists',
    'fu.biz.none': 'Not yet',
    'fu.biz.date': 'Date of creation',
    'fu.biz.siren': 'SIREN number',
    'fu.biz.sirenHint': '9 digits, on the Insee notice or the Kbis extract.',
    'fu.biz.active': 'Is the company still trading?',
    'fu.submit': 'Send my answer',
    'fu.sending': 'Sending your answer…',
    'fu.err.choose': 'Choose an answer.',
    'fu.err.meetings': 'Enter a number from 0 to 31.',
    'fu.err.date': 'Enter the date of creation, today at the latest.',
    'fu.err.siren': 'A SIREN number has 9 digits.',
    'fu.err.rejected': 'An answer was not accepted. Check the form and try again.',
    'fu.recordedTitle': 'Thank you! Your answer is recorded',
    'fu.recordedCheckIn': 'Thanks to you, the CCI follows your tandem. The next check-in will come by e\u2011mail.',
    'fu.recordedHelp': 'The CCI has received your request for help and will get back to you quickly.',
    'fu.recordedOutcome': 'Your answer helps the CCI measure what the programme brings.',
    'fu.alreadyTitle': 'You have already answered',
    'fu.alreadyText': 'Your answer is recorded: each form is answered once. To add something, write to the CCI.',
    'fu.closedTitle': 'This tandem has ended',
    'fu.closedText': 'There is no check-in left to fill in. Thank you for taking part; for any question, write to the CCI.',
    'fu.expiredTitle': 'This link has expired',
    'fu.expiredText': 'The time to answer has passed. For any question, write to the CCI.',
  },
};
Object.assign(MESSAGES.fr, FOLLOW_UP_MESSAGES.fr);
Object.assign(MESSAGES.en, FOLLOW_UP_MESSAGES.en);

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} name */
const checked = (name) => /** @type {HTMLInputElement | null} */ (document.querySelector(`input[name="${name}"]:checked`))?.value ?? '';
/** @param {string} id */
const valueOf = (id) => /** @type {HTMLInputElement | HTMLTextAreaElement} */ (byId(id)).value.trim();

/** True when the person chose a language on this site (or in the address): the link's language then does not override it. */
function languageChosen() {
  if (new URLSearchParams(location.search).has('lang')) return true;
  try {
    return localStorage.getItem('tandem.lang') !== null;
  } catch {
    return false;
  }
}

export function initFollowUp() {
  const loading = byId('fu-loading');
  const alertBox = byId('fu-alert');
  const retry = /** @type {HTMLButtonElement} */ (byId('fu-retry'));
  const form = /** @type {HTMLFormElement} */ (byId('fu-form'));
  const submit = /** @type {HTMLButtonElement} */ (byId('fu-submit'));
  const summary = byId('fu-summary');
  const result = byId('fu-result');
  const token = takeToken('follow-up');
  /** @type {any} */
  let view = null;
  let sending = false;
  let again = load;

  /** A final state: everything else goes away and the result takes focus. */
  function finish(kind, titleKey, textKey, moreKey) {
    loading.hidden = true;
    alertBox.hidden = true;
    form.hidden = true;
    result.dataset.result = kind;
    setText(byId('fu-result-title'), titleKey);
    setText(byId('fu-result-text'), textKey);
    const more = byId('fu-result-more');
    more.hidden = !moreKey;
    if (moreKey) setText(more, moreKey);
    result.hidden = false;
    result.focus();
  }

  /** A passing problem: the person can try again. */
  function problem(key, retryWith) {
    loading.hidden = true;
    setText(byId('fu-alert-text'), key);
    again = retryWith;
    retry.hidden = false;
    alertBox.hidden = false;
    alertBox.focus();
  }

  /** Answers both calls share: the link's problems end the page, the service's can be retried. */
  function failed(response, retryWith) {
    if (!response) return problem('proposal.network', retryWith);
    const { status, body } = response;
    const code = body?.error?.code;
    if (code === 'service_unavailable' || status === 502 || status === 503 || status === 504) return problem('proposal.unavailable', retryWith);
    if (status === 410 || code === 'link_expired') return finish('expired', 'fu.expiredTitle', 'fu.expiredText');
    if (code === 'validation_failed' && view) return showErrors([{ field: null, key: 'fu.err.rejected' }]);
    if (status === 400 || status === 404 || code === 'link_invalid') return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');
    if (status === 429) return problem('proposal.rateLimited', retryWith);
    return problem('proposal.server', retryWith);
  }

  /** Which blocks of the form this link shows. */
  function layout() {
    const outcome = view.purpose === 'outcome';
    byId('fu-first').hidden = outcome || view.kind !== 'first';
    byId('fu-monthly').hidden = outcome || view.kind !== 'monthly';
    byId('fu-checkin-common').hidden = outcome;
    byId('fu-job').hidden = !outcome || view.track !== 'job_search';
    byId('fu-biz').hidden = !outcome || view.track !== 'business_creation';
    const title = byId('fu-title');
    const intro = byId('fu-intro');
    if (!outcome) {
      setText(title, view.kind === 'first' ? 'fu.title.first' : 'fu.title.monthly');
      setText(intro, 'fu.intro.checkIn', { name: view.firstName, other: view.otherFirstName });
      return;
    }
    const partner = view.respondent === 'partner';
    const params = { name: view.menteeFirstName, months: view.milestone };
    setText(title, 'fu.title.outcome', params);
    setText(intro, partner ? 'fu.intro.outcomePartner' : 'fu.intro.outcomeMentee', params);
    setText(byId('jobSituation-legend'), partner ? 'fu.job.legendPartner' : 'fu.job.legendMentee', params);
    setText(byId('bizSituation-legend'), partner ? 'fu.biz.legendPartner' : 'fu.biz.legendMentee', params);
  }

  async function load() {
    alertBox.hidden = true;
    loading.hidden = false;
    let response = null;
    try {
      response = await postJson('/follow-up/view', { token });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    }
    if (!response || response.status !== 200) return failed(response, load);
    view = response.body;
    if (!languageChosen() && (view.locale === 'fr' || view.locale === 'en')) setLanguage(view.locale);
    if (view.status === 'answered') return finish('already', 'fu.alreadyTitle', 'fu.alreadyText');
    if (view.status === 'closed') return finish('closed', 'fu.closedTitle', 'fu.closedText');
    layout();
    loading.hidden = true;
    form.hidden = false;
    byId('fu-title').focus();
  }

  // ── Errors: each beside its field (announced through aria-describedby), listed in the summary ──

  /** @param {string} field */
  function fieldBox(field) {
    return byId(`${field}-field`);
  }
  /** The control an error link moves focus to. @param {string} field */
  function control(field) {
    return /** @type {HTMLElement | null} */ (fieldBox(field)?.querySelector('input, textarea'));
  }

  function clearErrors() {
    summary.hidden = true;
    byId('fu-summary-list').replaceChildren();
    for (const box of form.querySelectorAll('.has-error')) box.classList.remove('has-error');
    for (const error of form.querySelectorAll('.field-error')) {
      error.hidden = true;
      error.textContent = '';
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /** @param {Array<{ field: string | null, key: string }>} errors */
  function showErrors(errors) {
    clearErrors();
    const list = byId('fu-summary-list');
    for (const { field, key } of errors) {
      const li = document.createElement('li');
      if (field) {
        const box = fieldBox(field);
        box.classList.add('has-error');
        setText(byId(`${field}-error`), key);
        byId(`${field}-error`).hidden = false;
        for (const input of box.querySelectorAll('input, textarea')) input.setAttribute('aria-invalid', 'true');
        const link = document.createElement('a');
        link.href = `#${control(field)?.id ?? field}`;
        setText(link, key);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          control(field)?.focus();
        });
        li.append(link);
      } else {
        setText(li, key);
      }
      list.append(li);
    }
    summary.hidden = false;
    summary.focus();
  }

  /** The answer the form gives, or the errors that keep it from being sent. */
  function answer() {
    /** @type {Array<{ field: string, key: string }>} */
    const errors = [];
    const text = (id) => valueOf(id) || undefined;
    if (view.purpose === 'check_in') {
      const needsHelp = /** @type {HTMLInputElement} */ (byId('needsHelp')).checked;
      const privateNote = text('privateNote');
      if (view.kind === 'first') {
        const met = checked('firstMeetingHeld');
        const fit = checked('fit');
        if (!met) errors.push({ field: 'firstMeetingHeld', key: 'fu.err.choose' });
        if (!fit) errors.push({ field: 'fit', key: 'fu.err.choose' });
        return { errors, body: { kind: 'first', firstMeetingHeld: met === 'yes', fit, needsHelp, ...(privateNote ? { privateNote } : {}) } };
      }
      const meetings = valueOf('meetingsSince');
      const satisfaction = checked('satisfaction');
      if (!/^\d{1,2}$/.test(meetings) || Number(meetings) > 31) errors.push({ field: 'meetingsSince', key: 'fu.err.meetings' });
      if (!satisfaction) errors.push({ field: 'satisfaction', key: 'fu.err.choose' });
      const progress = text('progress');
      return {
        errors,
        body: { kind: 'monthly', meetingsSince: Number(meetings), satisfaction: Number(satisfaction), needsHelp, ...(progress ? { progress } : {}), ...(privateNote ? { privateNote } : {}) },
      };
    }
    if (view.track === 'job_search') {
      const situation = checked('jobSituation');
      if (!situation) errors.push({ field: 'jobSituation', key: 'fu.err.choose' });
      return { errors, body: { track: 'job_search', situation } };
    }
    const situation = checked('bizSituation');
    if (!situation) errors.push({ field: 'bizSituation', key: 'fu.err.choose' });
    if (situation !== 'company_created') return { errors, body: { track: 'business_creation', situation } };
    const date = valueOf('companyCreatedOn');
    const today = new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today) errors.push({ field: 'companyCreatedOn', key: 'fu.err.date' });
    const siren = valueOf('siren').replace(/\s/g, '');
    if (siren && !/^\d{9}$/.test(siren)) errors.push({ field: 'siren', key: 'fu.err.siren' });
    const active = checked('stillActive');
    return {
      errors,
      body: { track: 'business_creation', situation, companyCreatedOn: date, ...(siren ? { siren } : {}), ...(active ? { stillActive: active === 'yes' } : {}) },
    };
  }

  async function send() {
    if (sending || !view) return;
    const { errors, body } = answer();
    if (errors.length > 0) return showErrors(errors);
    clearErrors();
    sending = true;
    submit.disabled = true;
    setText(byId('fu-submit-text'), 'fu.sending');
    alertBox.hidden = true;
    let response = null;
    try {
      response = await postJson('/follow-up/answer', { token, answer: body });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    } finally {
      sending = false;
      submit.disabled = false;
      setText(byId('fu-submit-text'), 'fu.submit');
    }
    if (!response || response.status !== 200) return failed(response, send);
    const status = response.body?.status;
    if (status === 'recorded') {
      if (view.purpose === 'outcome') return finish('recorded', 'fu.recordedTitle', 'fu.recordedOutcome');
      return finish('recorded', 'fu.recordedTitle', 'fu.recordedCheckIn', body.needsHelp ? 'fu.recordedHelp' : undefined);
    }
    if (status === 'already_answered') return finish('already', 'fu.alreadyTitle', 'fu.alreadyText');
    return finish('closed', 'fu.closedTitle', 'fu.closedText');
  }

  for (const input of form.querySelectorAll('input[name="bizSituation"]')) {
    input.addEventListener('change', () => {
      byId('fu-biz-created').hidden = checked('bizSituation') !== 'company_created';
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  retry.addEventListener('click', () => {
    retry.hidden = true;
    void again();
  });
  onLanguageChange(() => {
    if (view && !form.hidden) layout();
  });

  if (!token) return finish('invalid', 'proposal.invalidTitle', 'proposal.invalidText');
  void load();
}

if (typeof document !== 'undefined' && document.body?.dataset.page === 'follow-up') {
  initLanguageSwitch();
  void initOperator();
  initFollowUp();
}
