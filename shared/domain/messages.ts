/**
 * User-facing messages of the API, French first. Keys are stable; e-mails have their own
 * templates in shared/mail/.
 */
import type { Locale } from './locale';

const MESSAGES = {
  validation_failed: { fr: 'Certains champs sont à corriger.', en: 'Some fields need correcting.' },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  unknown_field: { fr: 'Ce champ n’est pas accepté.', en: 'This field is not accepted.' },
  duplicate_values: { fr: 'Une même valeur est choisie deux fois.', en: 'The same value is chosen twice.' },
  invalid_email: { fr: 'Saisissez une adresse e\u2011mail valide, par exemple nom@exemple.fr.', en: 'Enter a valid e\u2011mail address, such as name@example.com.' },
  invalid_postal_code: { fr: 'Le code postal doit comporter 5 chiffres.', en: 'The postal code must have 5 digits.' },
  invalid_commune: { fr: 'Code de commune invalide.', en: 'Invalid municipality code.' },
  unknown_postal_code: { fr: 'Nous ne connaissons pas ce code postal. Vérifiez-le.', en: 'We do not know this postal code. Please check it.' },
  commune_mismatch: { fr: "Cette commune ne correspond pas au code postal.", en: 'This municipality does not match the postal code.' },
  commune_required: { fr: 'Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.', en: 'Choose your town: this postal code serves several.' },
  unknown_partner: { fr: 'Partenaire inconnu ou inactif.', en: 'Unknown or inactive partner.' },
  consent_required: { fr: 'Vous devez accepter l’utilisation de vos données pour vous inscrire.', en: 'You must agree to the use of your data to sign up.' },
  invalid_phone: { fr: 'Saisissez un numéro de téléphone valide (chiffres, espaces, + . - ( )\u202f; 6 à 20 caractères).', en: 'Enter a valid phone number (digits, spaces, + . - ( ); 6 to 20 characters).' },
  invalid_characters: { fr: 'Les caractères < et > ne sont pas acceptés.', en: 'The characters < and > are not accepted.' },
  invisible_characters: {
    fr: 'Ce champ contient des caractères invisibles ou de contrôle (par exemple une marque de sens d’écriture ou un espace sans largeur). Retapez-le plutôt que de le coller.',
    en: 'This field contains invisible or control characters (such as a text-direction mark or a zero-width space). Type it rather than pasting it.',
  },
  too_long: { fr: '{max} caractères au plus.', en: 'At most {max} characters.' },
  malformed_json: { fr: 'Le corps de la requête n’est pas un JSON valide.', en: 'The request body is not valid JSON.' },
  payload_too_large: { fr: 'La requête est trop volumineuse (16 Ko au plus).', en: 'The request is too large (16 KB at most).' },
  unsupported_media_type: { fr: 'Le corps doit être envoyé en application/json.', en: 'The body must be sent as application/json.' },
  link_invalid: { fr: 'Ce lien n’est pas valide.', en: 'This link is not valid.' },
  link_expired: { fr: 'Ce lien a expiré. Merci de vous inscrire à nouveau.', en: 'This link has expired. Please sign up again.' },
  link_used: { fr: 'Ce lien a déjà été utilisé\u00a0: votre adresse est confirmée.', en: 'This link has already been used: your address is confirmed.' },
  service_unavailable: { fr: 'Service momentanément indisponible. Merci de réessayer dans quelques instants.', en: 'Service temporarily unavailable. Please try again in a moment.' },
  internal_error: { fr: 'Une erreur inattendue est survenue. Merci de réessayer plus tard.', en: 'An unexpected error occurred. Please try again later.' },
  not_found: { fr: 'Ressource introuvable.', en: 'Resource not found.' },
  unauthorized: { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' },
  forbidden: { fr: 'Votre compte n’a pas accès à cette fonction.', en: 'Your account does not have access to this function.' },
  invalid_transition: { fr: 'Ce changement n’est pas possible dans l’état actuel.', en: 'This change is not possible in the current state.' },
  stale_version: {
    fr: 'Ce brouillon a été modifié entre-temps. Rechargez-le puis recommencez.',
    en: 'This draft was changed in the meantime. Reload it and try again.',
  },
  already_published: { fr: 'Ce brouillon est déjà publié.', en: 'This draft is already published.' },
  not_compatible: { fr: 'Ce mentor ne peut pas être proposé à cette personne.', en: 'This mentor cannot be proposed to this person.' },
  not_waiting: { fr: 'Cette personne n’attend pas de mentor.', en: 'This person is not waiting for a mentor.' },
  invalid_cursor: { fr: 'Le curseur de pagination n’est pas valide.', en: 'The pagination cursor is not valid.' },
  verification_sent: {
    fr: 'Merci\u202f! Un e\u2011mail de confirmation vient d’être envoyé. Cliquez sur le lien qu’il contient pour finaliser votre inscription.',
    en: 'Thank you! A confirmation e\u2011mail has just been sent. Click the link it contains to complete your sign-up.',
  },
  verification_resent: {
    fr: 'Si cette adresse correspond à une inscription, un nouvel e\u2011mail vient d’y être envoyé.',
    en: 'If this address matches a sign-up, a new e\u2011mail has just been sent to it.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** Every key, e.g. for a test that reads every message. */
export const MESSAGE_KEYS = Object.keys(MESSAGES) as MessageKey[];

export function message(key: MessageKey, locale: Locale): string {
  return MESSAGES[key][locale];
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value);
}
