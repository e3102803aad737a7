/**
 * Partners: the list (active and inactive), a form that creates one or edits the one chosen
 * ("Modifier"), and deactivate / reactivate per row (PATCH status). Each result is said in words.
 */
import { announce, api, choiceGroup, clearFieldErrors, field, fill, formatDate, h, labelOf, PARTNER_KIND, runAction, showLoadError, table, valueOf } from './console.js';

const KINDS = ['employment_agency', 'youth_mission', 'business_support', 'association', 'school', 'other'];

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const listBox = h('div', { id: 'partner-list' });
  /** @type {any} */
  let editing;
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true, class: 'panel', 'aria-labelledby': 'partner-form-title' }));

  function renderForm() {
    const p = editing;
    const kinds = KINDS.includes(p?.kind ?? 'other') ? KINDS : [...KINDS, p.kind];
    fill(
      form,
      h('h2', { id: 'partner-form-title', tabindex: '-1' }, p ? `Modifier ${p.name}` : 'Ajouter un partenaire'),
      field({ name: 'name', label: 'Nom', required: true, value: p?.name ?? '', attrs: { maxlength: 120 } }),
      field({ name: 'kind', label: 'Type de structure', required: true, value: p?.kind ?? 'association', options: kinds.map((k) => [k, labelOf(PARTNER_KIND, k)]) }),
      field({ name: 'contactEmail', label: 'E‑mail de contact', type: 'email', value: p?.contactEmail ?? '', attrs: { autocomplete: 'off', maxlength: 254 } }),
      choiceGroup({
        name: 'dedicatedPool',
        legend: 'Vivier de mentors',
        hint: 'Avec un vivier dédié, les personnes orientées par ce partenaire ne sont appariées qu’avec les mentors de son vivier.',
        options: [['yes', 'Vivier dédié']],
        checked: p?.dedicatedPool ? ['yes'] : [],
        columns: false,
      }),
      h(
        'div',
        { class: 'inline-actions' },
        h('button', { type: 'submit', class: 'button button-primary' }, p ? 'Enregistrer les modifications' : 'Ajouter le partenaire'),
        p ? h('button', { type: 'button', class: 'button button-secondary', onclick: () => ((editing = undefined), renderForm(), form.querySelector('h2')?.focus()) }, 'Annuler') : null,
      ),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = valueOf(form, 'contactEmail');
    const common = {
      name: valueOf(form, 'name'),
      kind: valueOf(form, 'kind'),
      dedicatedPool: /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="dedicatedPool"]'))?.checked === true,
    };
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    const wasEditing = editing;
    void runAction(
      button,
      () =>
        wasEditing
          ? api(`/admin/partners/${encodeURIComponent(wasEditing.id)}`, {
              method: 'PATCH',
              // A kind from before the current list is sent only when the officer changes it.
              body: { ...common, kind: common.kind === wasEditing.kind ? undefined : common.kind, contactEmail: email === '' ? null : email },
            })
          : api('/admin/partners', { method: 'POST', body: { ...common, ...(email ? { contactEmail: email } : {}) } }),
      {
        form,
        onSuccess: async (answer) => {
          editing = undefined;
          renderForm();
          clearFieldErrors(form);
          await loadList();
          return wasEditing ? `Partenaire ${answer.body.name} enregistré.` : `Partenaire ${answer.body.name} ajouté.`;
        },
      },
    );
  });

  async function loadList() {
    const answer = await api('/admin/partners');
    if (answer.status !== 200) return showLoadError(answer);
    fill(
      listBox,
      table({
        caption: 'Partenaires, par nom',
        head: ['Partenaire', 'Type', 'Statut', 'Vivier dédié', 'Contact', 'Depuis le', 'Actions'],
        rows: answer.body.items.map((/** @type {any} */ p) => {
          const toggle = /** @type {HTMLButtonElement} */ (
            h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `${p.status === 'active' ? 'Désactiver' : 'Réactiver'} ${p.name}` }, p.status === 'active' ? 'Désactiver' : 'Réactiver')
          );
          toggle.addEventListener('click', () => {
            const status = p.status === 'active' ? 'inactive' : 'active';
            void runAction(toggle, () => api(`/admin/partners/${encodeURIComponent(p.id)}`, { method: 'PATCH', body: { status } }), {
              onSuccess: async () => {
                await loadList();
                return status === 'inactive' ? `${p.name} est désactivé\u00a0: il n’est plus proposé sur le formulaire, ses personnes restent suivies.` : `${p.name} est réactivé.`;
              },
            });
          });
          const edit = h(
            'button',
            {
              type: 'button',
              class: 'button button-secondary button-small',
              'aria-label': `Modifier ${p.name}`,
              onclick: () => {
                editing = p;
                renderForm();
                form.querySelector('h2')?.focus();
                announce(`Modification de ${p.name}.`);
              },
            },
            'Modifier',
          );
          return [p.name, labelOf(PARTNER_KIND, p.kind), p.status === 'active' ? 'Actif' : 'Inactif', p.dedicatedPool ? 'Oui' : 'Non', p.contactEmail ?? '—', formatDate(p.createdAt), h('div', { class: 'row-actions' }, edit, toggle)];
        }),
        empty: 'Aucun partenaire.',
      }),
    );
  }

  renderForm();
  fill(content, form, h('section', { 'aria-labelledby': 'partners-title' }, h('h2', { id: 'partners-title' }, 'Tous les partenaires'), listBox));
  await loadList();
}
