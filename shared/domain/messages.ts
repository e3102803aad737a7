/**
 * User-facing messages of the API, French first. Keys are stable; e-mails have their own
 * templates in shared/mail/.
 */
import type { Locale } from './locale';

const MESSAGES = {
  validation_failed: { fr: 'Certains champs sont à corriger.', en: 'Some fields need correcting.' },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  unknown_field: { fr: "Ce champ n'est pas accepté.", en: 'This field is not accepted.' },
  duplicate_values: { fr: 'Une même valeur est choisie deux fois.', en: 'The same value is chosen twice.' },
  invalid_email: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  invalid_postal_code: { fr: 'Le code postal compte 5 chiffres.', en: 'A postal code has 5 digits.' },
  invalid_commune: { fr: 'Code de commune invalide.', en: 'Invalid municipality code.' },
  unknown_postal_code: { fr: 'Code postal inconnu.', en: 'Unknown postal code.' },
  commune_mismatch: { fr: "Cette commune ne correspond pas au code postal.", en: 'This municipality does not match the postal code.' },
  unknown_partner: { fr: 'Partenaire inconnu ou inactif.', en: 'Unknown or inactive partner.' },
  consent_required: { fr: 'Votre accord est nécessaire pour vous inscrire.', en: 'Your consent is needed to sign up.' },
  invalid_phone: { fr: 'Numéro de téléphone invalide.', en: 'Invalid phone number.' },
  invalid_characters: { fr: 'Ce champ contient des caractères non autorisés.', en: 'This field contains characters that are not allowed.' },
  malformed_json: { fr: "Le corps de la requête n'est pas un JSON valide.", en: 'The request body is not valid JSON.' },
  payload_too_large: { fr: 'La requête est trop volumineuse (16 Ko au plus).', en: 'The request is too large (16 KB at most).' },
  unsupported_media_type: { fr: 'Le corps doit être envoyé en application/json.', en: 'The body must be sent as application/json.' },
  link_invalid: { fr: "Ce lien n'est pas valide.", en: 'This link is not valid.' },
  link_expired: { fr: 'Ce lien a expiré. Merci de vous inscrire à nouveau.', en: 'This link has expired. Please sign up again.' },
  link_used: { fr: 'Ce lien a déjà été utilisé : votre adresse est confirmée.', en: 'This link has already been used: your address is confirmed.' },
  service_unavailable: { fr: 'Service momentanément indisponible. Merci de réessayer dans quelques instants.', en: 'Service temporarily unavailable. Please try again in a moment.' },
  internal_error: { fr: 'Une erreur inattendue est survenue. Merci de réessayer plus tard.', en: 'An unexpected error occurred. Please try again later.' },
  not_found: { fr: 'Ressource introuvable.', en: 'Resource not found.' },
  verification_sent: {
    fr: "Merci ! Un e-mail de confirmation vient d'être envoyé. Cliquez sur le lien qu'il contient pour finaliser votre inscription.",
    en: 'Thank you! A confirmation e-mail has just been sent. Click the link it contains to complete your sign-up.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale): string {
  return MESSAGES[key][locale];
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value);
}
