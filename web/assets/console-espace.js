/**
 * The partner adviser's space: refer a person (the mentee sign-up's fields; the adviser attests
 * that the person agreed, and the person confirms the address by e-mail), then the partner's own
 * mentees with status and days waiting, and their tandems (each opens its follow-up page,
 * espace-tandem.html). The API scopes everything to the
 * adviser's partner: the page never sends a partner id.
 *
 * A form of its own rather than the public form's script: signup.js drives the static markup of
 * mentee.html (its ids, its i18n keys, its POST /api/mentees), while this one posts to another
 * route, has no partner choice and another consent wording.
 */
import {
  announce,
  api,
  checkedValues,
  choiceGroup,
  clearFieldErrors,
  codeLabel,
  field,
  fill,
  formatDate,
  formatDays,
  fullName,
  h,
  labelOf,
  linkTo,
  MENTEE_STATUS,
  pagedList,
  reference,
  runAction,
  showFieldErrors,
  table,
  TANDEM_STATUS,
  valueOf,
} from './console.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const ref = await reference();
  const options = (/** @type {string} */ list) => ref[list].map((/** @type {any} */ c) => [c.code, c.label.fr]);
  const mentees = h('div', {});
  const tandems = h('div', {});
  const form = referralForm(ref, options, () => void loadMentees());

  fill(
    content,
    form,
    h('section', { 'aria-labelledby': 'mentees-title' }, h('h2', { id: 'mentees-title' }, 'Les personnes de votre structure'), mentees),
    h('section', { 'aria-labelledby': 'tandems-title' }, h('h2', { id: 'tandems-title' }, 'Leurs tandems'), tandems),
  );

  const loadMentees = () =>
    pagedList(
      mentees,
      (cursor) => api(`/partner/mentees${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
      (items) =>
        table({
          caption: 'Personnes orientées par votre structure, les plus récentes d’abord',
          head: ['Personne', 'Statut', 'Parcours', 'Orientée le', 'Attente'],
          rows: items.map((/** @type {any} */ m) => [fullName(m), labelOf(MENTEE_STATUS, m.status), codeLabel(ref, 'tracks', m.track), formatDate(m.createdAt), formatDays(m.daysWaiting)]),
          empty: 'Aucune personne orientée pour l’instant.',
        }),
    );
  await Promise.all([
    loadMentees(),
    pagedList(
      tandems,
      (cursor) => api(`/partner/tandems${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
      (items) =>
        table({
          caption: 'Tandems des personnes de votre structure',
          head: ['Personne', 'Mentor', 'Parcours', 'Statut', 'Depuis le'],
          rows: items.map((/** @type {any} */ t) => [linkTo('espace-tandem.html', t.id, fullName(t.mentee)), fullName(t.mentor), codeLabel(ref, 'tracks', t.track), labelOf(TANDEM_STATUS, t.status), formatDate(t.startedAt)]),
          empty: 'Aucun tandem pour l’instant.',
        }),
    ),
  ]);
}

/**
 * @param {any} ref @param {(list: string) => Array<[string, string]>} options @param {() => void} onReferred
 */
function referralForm(ref, options, onReferred) {
  const communeBox = h('div', { hidden: true });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { novalidate: true, class: 'panel', 'aria-labelledby': 'refer-title' },
      h('h2', { id: 'refer-title', tabindex: '-1' }, 'Orienter une personne'),
      h('p', { class: 'required-note' }, 'Les champs marqués d’un astérisque (*) sont obligatoires. La personne reçoit un e‑mail pour confirmer son adresse\u00a0: sa recherche commence ensuite.'),
      h(
        'div',
        { class: 'two-columns' },
        field({ name: 'firstName', label: 'Prénom', required: true, attrs: { autocomplete: 'off', maxlength: 80 } }),
        field({ name: 'lastName', label: 'Nom', required: true, attrs: { autocomplete: 'off', maxlength: 80 } }),
        field({ name: 'email', label: 'E‑mail de la personne', type: 'email', required: true, attrs: { autocomplete: 'off', maxlength: 254 } }),
        field({ name: 'phone', label: 'Téléphone', type: 'tel', attrs: { autocomplete: 'off' } }),
      ),
      choiceGroup({ name: 'track', legend: 'Parcours', type: 'radio', options: options('tracks'), required: true, columns: false }),
      field({ name: 'sector', label: 'Secteur visé', required: true, options: [['', 'Choisissez un secteur'], ...options('sectors')] }),
      choiceGroup({ name: 'needs', legend: 'Besoins', hint: 'De 1 à 5.', options: options('expertise'), required: true }),
      choiceGroup({ name: 'languages', legend: 'Langues parlées', options: options('languages'), checked: ['fr'], required: true }),
      h(
        'div',
        { class: 'two-columns' },
        field({ name: 'postalCode', label: 'Code postal', required: true, hint: '5 chiffres.', attrs: { inputmode: 'numeric', maxlength: 5, autocomplete: 'off', class: 'input input-short' } }),
        communeBox,
      ),
      choiceGroup({ name: 'meetingModes', legend: 'Rencontres possibles', options: options('meetingModes'), required: true, columns: false }),
      field({ name: 'project', label: 'Projet en quelques mots', textarea: true, attrs: { maxlength: 1000 } }),
      h(
        'div',
        { class: 'field', dataset: { field: 'consent' } },
        h(
          'div',
          { class: 'option option-consent' },
          h('input', { type: 'checkbox', id: 'refer-consent', name: 'consent' }),
          h(
            'label',
            { for: 'refer-consent' },
            'J’atteste que la personne a accepté que la CCI utilise ces informations pour organiser son accompagnement dans le programme Tandem. Elle le confirmera elle-même par e‑mail.',
            h('span', { class: 'req', 'aria-hidden': 'true' }, ' *'),
          ),
        ),
      ),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Orienter cette personne'),
    )
  );

  /** @type {Array<{ code: string, name: string }>} */
  let communes = [];
  const postal = /** @type {HTMLInputElement} */ (form.querySelector('[name="postalCode"]'));
  postal.addEventListener('change', async () => {
    const code = postal.value.replace(/\s+/g, '');
    communes = [];
    fill(communeBox);
    communeBox.hidden = true;
    if (!/^\d{5}$/.test(code)) return;
    const answer = await api(`/reference/communes?postalCode=${code}`, { auth: false });
    if (answer.status !== 200) return;
    communes = answer.body.communes;
    if (communes.length > 1) {
      fill(communeBox, field({ name: 'communeCode', label: 'Commune', required: true, options: [['', 'Choisissez la commune'], ...communes.map((c) => [c.code, c.name])] }));
      communeBox.hidden = false;
    } else if (communes.length === 0) {
      showFieldErrors(form, { postalCode: 'Ce code postal est inconnu.' });
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      firstName: valueOf(form, 'firstName'),
      lastName: valueOf(form, 'lastName'),
      email: valueOf(form, 'email'),
      phone: valueOf(form, 'phone') || undefined,
      track: checkedValues(form, 'track')[0],
      sector: valueOf(form, 'sector') || undefined,
      needs: checkedValues(form, 'needs'),
      languages: checkedValues(form, 'languages'),
      postalCode: valueOf(form, 'postalCode').replace(/\s+/g, ''),
      communeCode: communes.length > 1 ? valueOf(form, 'communeCode') || undefined : communes[0]?.code,
      meetingModes: checkedValues(form, 'meetingModes'),
      project: valueOf(form, 'project') || undefined,
      consent: /** @type {HTMLInputElement} */ (form.querySelector('[name="consent"]')).checked,
    };
    const errors = check(body, communes.length);
    if (Object.keys(errors).length > 0) {
      showFieldErrors(form, errors);
      announce(`Le formulaire contient ${Object.keys(errors).length} erreur${Object.keys(errors).length > 1 ? 's' : ''}\u00a0: chacune est indiquée près de son champ.`, 'error');
      return;
    }
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    void runAction(button, () => api('/partner/mentees', { method: 'POST', body: { ...body, consent: true } }), {
      form,
      onSuccess: (answer) => {
        form.reset();
        clearFieldErrors(form);
        communes = [];
        fill(communeBox);
        communeBox.hidden = true;
        onReferred();
        form.querySelector('h2')?.focus();
        return `Orientation enregistrée pour ${body.firstName} ${body.lastName}. ${answer.body?.message ?? ''}`.trim();
      },
    });
  });
  return form;
}

/**
 * The console's own checks before sending (the server checks the same and answers `fields`).
 * @param {Record<string, any>} body @param {number} communeCount
 */
function check(body, communeCount) {
  /** @type {Record<string, string>} */
  const errors = {};
  if (!body.firstName) errors.firstName = 'Indiquez le prénom.';
  if (!body.lastName) errors.lastName = 'Indiquez le nom.';
  if (!body.email) errors.email = 'Indiquez l’adresse e‑mail de la personne.';
  else if (!EMAIL.test(body.email)) errors.email = 'Cette adresse e‑mail n’est pas valable.';
  if (!body.track) errors.track = 'Choisissez un parcours.';
  if (!body.sector) errors.sector = 'Choisissez un secteur.';
  if (body.needs.length < 1 || body.needs.length > 5) errors.needs = 'Choisissez de 1 à 5 besoins.';
  if (body.languages.length < 1) errors.languages = 'Choisissez au moins une langue.';
  if (!/^\d{5}$/.test(body.postalCode)) errors.postalCode = 'Indiquez un code postal à 5 chiffres.';
  else if (communeCount > 1 && !body.communeCode) errors.communeCode = 'Choisissez la commune.';
  if (body.meetingModes.length < 1) errors.meetingModes = 'Choisissez au moins une façon de se rencontrer.';
  if (!body.consent) errors.consent = 'L’attestation de l’accord de la personne est nécessaire.';
  return errors;
}
