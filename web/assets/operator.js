/**
 * Who runs this hub, from `assets/operator.json` (written per stage at deploy time, served by the
 * local site from the local stack's operator). Pages carry the default operator in their HTML,
 * on elements marked `data-operator="name|contactEmail|postalAddress"`; this fills them with the
 * stage's values, and points every `a[data-operator-mailto]` at its contact address. Without the
 * file (or offline) the HTML defaults stay.
 */

const FIELDS = ['name', 'contactEmail', 'postalAddress'];

/** @param {unknown} value @returns {value is Record<string, string>} */
const isOperator = (value) =>
  typeof value === 'object' && value !== null && FIELDS.every((field) => typeof value[field] === 'string' && value[field].trim() !== '');

/** @param {Record<string, string>} operator @param {ParentNode} [root] */
export function applyOperator(operator, root = document) {
  for (const el of root.querySelectorAll('[data-operator]')) {
    const field = el.dataset.operator;
    if (FIELDS.includes(field)) el.textContent = operator[field];
  }
  for (const link of root.querySelectorAll('a[data-operator-mailto]')) {
    link.setAttribute('href', `mailto:${operator.contactEmail}`);
  }
}

export async function initOperator() {
  if (!document.querySelector('[data-operator], [data-operator-mailto]')) return;
  try {
    const response = await fetch('assets/operator.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const operator = await response.json();
    if (isOperator(operator)) applyOperator(operator);
  } catch {
    // Offline or no file: the default operator written in the page stays.
  }
}
