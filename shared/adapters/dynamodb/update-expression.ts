/** Builds an UpdateExpression from attribute changes, with placeholders for every name and value. */
export function updateExpression(changes: { set: Record<string, unknown>; remove?: readonly string[] }) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  let n = 0;
  for (const [attribute, value] of Object.entries(changes.set)) {
    const i = n++;
    names[`#u${i}`] = attribute;
    values[`:u${i}`] = value;
    sets.push(`#u${i} = :u${i}`);
  }
  for (const attribute of changes.remove ?? []) {
    if (attribute in changes.set) continue;
    const i = n++;
    names[`#u${i}`] = attribute;
    removes.push(`#u${i}`);
  }
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
}
