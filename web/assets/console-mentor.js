/**
 * A mentor's page: the profile, the status actions the status allows (validate, refuse with a
 * reason, pause, reactivate: POST …/status), the edit of what the CCI may change (PATCH), and the
 * personal data (consent, export, erasure). An erased mentor's page shows the erasure and nothing
 * to edit.
 */
import {
  announce,
  api,
  checkedValues,
  choiceGroup,
  codeLabel,
  codeLabels,
  facts,
  field,
  fill,
  formatDate,
  formatDateTime,
  fullName,
  h,
  idParam,
  labelOf,
  MENTOR_STATUS,
  reference,
  runAction,
  showFieldErrors,
  showLoadError,
  valueOf,
} from './console.js';
import { personalDataSection } from './console-follow-up.js';

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const [answer, ref, partners] = await Promise.all([api(`/admin/mentors/${id}`), reference(), api('/admin/partners')]);
  if (answer.status !== 200) return showLoadError(answer);
  const partnerList = partners.status === 200 ? partners.body.items : [];
  render(content, answer.body, ref, partnerList);
}

/** @param {HTMLElement} content @param {any} mentor @param {any} ref @param {any[]} partners */
function render(content, mentor, ref, partners) {
  const erased = Boolean(mentor.erasedAt) || mentor.status === 'erased';
  const name = erased || fullName(mentor).trim() === '' ? 'personne effacée' : fullName(mentor);
  const title = document.querySelector('main h1');
  if (title) title.textContent = `Mentor\u00a0: ${name}`;
  document.title = `Mentor\u00a0: ${name} — Console Tandem`;
  const rerender = (/** @type {any} */ next) => render(content, next, ref, partners);
  const reload = async () => {
    const again = await api(`/admin/mentors/${mentor.id}`);
    if (again.status === 200) rerender(again.body);
  };
  const partnerName = (/** @type {string} */ pid) => partners.find((p) => p.id === pid)?.name ?? pid;

  fill(
    content,
    h(
      'section',
      { 'aria-labelledby': 'profile-title', class: 'panel' },
      h('h2', { id: 'profile-title' }, 'Profil'),
      facts([
        ['Statut', h('span', { class: mentor.status === 'pending_validation' ? 'badge badge-warning' : 'badge' }, labelOf(MENTOR_STATUS, mentor.status))],
        ['E‑mail', mentor.email ? h('a', { href: `mailto:${mentor.email}` }, mentor.email) : '—'],
        ['Téléphone', mentor.phone ?? '—'],
        ['Profil', codeLabel(ref, 'profiles', mentor.profile)],
        ['Entreprise', mentor.company ?? '—'],
        ['Fonction', mentor.jobTitle ?? '—'],
        ['Parcours', codeLabels(ref, 'tracks', mentor.tracks)],
        ['Secteurs', codeLabels(ref, 'sectors', mentor.sectors)],
        ['Expertises', codeLabels(ref, 'expertise', mentor.expertise)],
        ['Langues', codeLabels(ref, 'languages', mentor.languages)],
        ['Rencontres', codeLabels(ref, 'meetingModes', mentor.meetingModes)],
        ['Code postal', mentor.postalCode],
        ['Places', `${mentor.activeMentees} accompagnement(s) en cours sur ${mentor.capacity}`],
        ['Viviers de partenaires', mentor.pools.length > 0 ? mentor.pools.map(partnerName).join(', ') : 'Aucun'],
        ['Présentation', mentor.bio ?? '—'],
        ['Inscription', formatDateTime(mentor.createdAt)],
        ['Adresse confirmée', formatDateTime(mentor.verifiedAt)],
        ...(mentor.refusal ? /** @type {Array<[string, unknown]>} */ ([['Refusé', `${formatDate(mentor.refusal.at)}\u00a0: ${mentor.refusal.reason}`]]) : []),
      ]),
    ),
    erased ? null : statusActions(mentor, rerender),
    erased ? null : editForm(mentor, ref, partners, rerender),
    personalDataSection({ role: 'mentor', person: mentor, reload }),
  );
}

/** @param {any} mentor @param {(m: any) => void} rerender */
function statusActions(mentor, rerender) {
  const panel = h('section', { 'aria-labelledby': 'status-title', class: 'panel' }, h('h2', { id: 'status-title', tabindex: '-1' }, 'Statut'));
  /** @param {'validate' | 'refuse' | 'pause' | 'reactivate'} action @param {HTMLButtonElement} button @param {string} done @param {HTMLFormElement} [form] */
  const send = (action, button, done, form) =>
    runAction(button, () => api(`/admin/mentors/${mentor.id}/status`, { method: 'POST', body: { action, ...(form ? { reason: valueOf(form, 'reason') } : {}) } }), {
      form,
      onSuccess: (answer) => {
        rerender(answer.body);
        document.getElementById('status-title')?.focus();
        return done;
      },
    });
  if (mentor.status === 'pending_validation') {
    const validate = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, 'Valider le profil'));
    validate.addEventListener('click', () => void send('validate', validate, 'Profil validé\u00a0: le mentor est prévenu par e‑mail et peut recevoir des propositions.'));
    const refuseForm = /** @type {HTMLFormElement} */ (
      h(
        'form',
        { novalidate: true, class: 'refuse-form' },
        field({ name: 'reason', label: 'Raison du refus', required: true, textarea: true, hint: 'Gardée par la CCI, jamais montrée au mentor. 500 caractères au plus.', attrs: { maxlength: 500 } }),
        h('button', { type: 'submit', class: 'button button-danger' }, 'Refuser le profil'),
      )
    );
    refuseForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (valueOf(refuseForm, 'reason') === '') {
        showFieldErrors(refuseForm, { reason: 'Indiquez la raison du refus.' });
        announce('Indiquez la raison du refus.', 'error');
        return;
      }
      const button = /** @type {HTMLButtonElement} */ (refuseForm.querySelector('button[type="submit"]'));
      void send('refuse', button, 'Profil refusé\u00a0: le mentor est prévenu par e‑mail.', refuseForm);
    });
    panel.append(h('p', {}, 'Ce profil attend votre validation.'), h('div', { class: 'inline-actions' }, validate), h('h3', {}, 'Ou refuser ce profil'), refuseForm);
  } else if (mentor.status === 'active') {
    const pause = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-secondary' }, 'Mettre en pause'));
    pause.addEventListener('click', () => void send('pause', pause, 'Mentor mis en pause\u00a0: il ne reçoit plus de propositions.'));
    panel.append(h('p', {}, 'Le mentor reçoit des propositions.'), pause);
  } else if (mentor.status === 'paused') {
    const reactivate = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, 'Réactiver'));
    reactivate.addEventListener('click', () => void send('reactivate', reactivate, 'Mentor réactivé\u00a0: il peut de nouveau recevoir des propositions.'));
    panel.append(h('p', {}, 'Le mentor est en pause et ne reçoit pas de propositions.'), reactivate);
  } else {
    panel.append(h('p', {}, mentor.status === 'inactive' ? 'Ce profil est inactif.' : 'Le mentor n’a pas encore confirmé son adresse e‑mail.'));
  }
  return panel;
}

/** @param {any} mentor @param {any} ref @param {any[]} partners @param {(m: any) => void} rerender */
function editForm(mentor, ref, partners, rerender) {
  const options = (/** @type {string} */ list) => ref[list].map((/** @type {any} */ c) => [c.code, c.label.fr]);
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { novalidate: true, class: 'panel', 'aria-labelledby': 'edit-title' },
      h('h2', { id: 'edit-title' }, 'Modifier le profil'),
      field({ name: 'capacity', label: 'Nombre de personnes à la fois', required: true, value: String(mentor.capacity), options: [1, 2, 3, 4, 5].map((n) => [String(n), String(n)]) }),
      field({ name: 'company', label: 'Entreprise', value: mentor.company ?? '', attrs: { maxlength: 120 } }),
      field({ name: 'jobTitle', label: 'Fonction', value: mentor.jobTitle ?? '', attrs: { maxlength: 120 } }),
      choiceGroup({ name: 'tracks', legend: 'Parcours', hint: '1 ou 2.', options: options('tracks'), checked: mentor.tracks, required: true }),
      choiceGroup({ name: 'sectors', legend: 'Secteurs', hint: 'De 1 à 5.', options: options('sectors'), checked: mentor.sectors, required: true }),
      choiceGroup({ name: 'expertise', legend: 'Expertises', hint: 'De 1 à 8.', options: options('expertise'), checked: mentor.expertise, required: true }),
      choiceGroup({ name: 'languages', legend: 'Langues', options: options('languages'), checked: mentor.languages, required: true }),
      choiceGroup({ name: 'meetingModes', legend: 'Rencontres', options: options('meetingModes'), checked: mentor.meetingModes, required: true }),
      choiceGroup({
        name: 'pools',
        legend: 'Viviers de partenaires',
        hint: 'Les personnes orientées par un partenaire à vivier dédié ne sont appariées qu’avec les mentors de son vivier.',
        options: partners.map((p) => [p.id, p.dedicatedPool ? `${p.name} (vivier dédié)` : p.name]),
        checked: mentor.pools,
      }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer les modifications'),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      capacity: Number(valueOf(form, 'capacity')),
      company: valueOf(form, 'company') || undefined,
      jobTitle: valueOf(form, 'jobTitle') || undefined,
      tracks: checkedValues(form, 'tracks'),
      sectors: checkedValues(form, 'sectors'),
      expertise: checkedValues(form, 'expertise'),
      languages: checkedValues(form, 'languages'),
      meetingModes: checkedValues(form, 'meetingModes'),
      pools: checkedValues(form, 'pools'),
    };
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    void runAction(button, () => api(`/admin/mentors/${mentor.id}`, { method: 'PATCH', body }), {
      form,
      onSuccess: (answer) => {
        rerender(answer.body);
        return 'Profil enregistré.';
      },
    });
  });
  return form;
}
