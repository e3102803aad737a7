/**
 * Runs a zod schema with messages in the caller's language and turns failures into a
 * ValidationFailedError whose `fields` map dot paths to one message each.
 */
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import type { Locale } from './locale';
import { ValidationFailedError, type FieldErrors } from './errors';
import { isMessageKey, message, type MessageKey } from './messages';

const zodLocales = { fr: fr(), en: en() } as const;

function errorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    const key = issue.code === 'custom' ? issue.params?.key : undefined;
    if (isMessageKey(key)) return message(key, locale);
    // The form's wording for a text over its limit, the number written as the form writes it (web/assets/i18n.js `t`).
    if (issue.code === 'too_big' && issue.origin === 'string') {
      return message('too_long', locale).replace('{max}', new Intl.NumberFormat(locale).format(issue.maximum));
    }
    if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return message('required', locale);
    const text = zodLocales[locale].localeError(issue);
    return typeof text === 'string' && locale === 'fr' ? frenchTypography(text) : text;
  };
}

/**
 * zod's own French messages ("Trop petit : …") as the rest of the API writes French: a no-break
 * space before a colon, a narrow one before `; ! ?`, curly apostrophes.
 */
export function frenchTypography(text: string): string {
  return text.replace(/ :/g, '\u00a0:').replace(/ ([;!?])/g, '\u202f$1').replace(/'/g, '\u2019');
}

/** Friendlier words than "must match pattern" for the formats people type. */
const FORMAT_MESSAGES: Partial<Record<string, MessageKey>> = {
  email: 'invalid_email',
  postalCode: 'invalid_postal_code',
  communeCode: 'invalid_commune',
};

/**
 * One message per dot path, the first issue's. Collected in a Map, so that any name a client sends
 * is named, `__proto__`, `constructor` or `toString` included (a plain object would skip them).
 */
function fieldsOf(error: z.ZodError, locale: Locale): FieldErrors {
  const fields = new Map<string, string>();
  const put = (path: string, text: string) => {
    if (!fields.has(path)) fields.set(path, text);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) put([...issue.path, k].join('.'), message('unknown_field', locale));
      continue;
    }
    const path = issue.path.map(String).join('.') || '(body)';
    const formatKey = issue.code === 'invalid_format' && Object.hasOwn(FORMAT_MESSAGES, path) ? FORMAT_MESSAGES[path] : undefined;
    if (formatKey) {
      put(path, message(formatKey, locale));
      continue;
    }
    // Schema-level messages (e.g. consent) are message keys too.
    put(path, isMessageKey(issue.message) ? message(issue.message, locale) : issue.message);
  }
  // fromEntries defines own properties: a "__proto__" key stays a field, not a prototype.
  return Object.fromEntries(fields);
}

/** Parses `input`; throws ValidationFailedError (→ 400) with localized field messages. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, locale: Locale): z.infer<T> {
  const result = schema.safeParse(input, { error: errorMap(locale) });
  if (result.success) return result.data;
  throw new ValidationFailedError(message('validation_failed', locale), fieldsOf(result.error, locale));
}
