/**
 * Every visible string of the site, French first, English second, and the language switch.
 *
 * Pages carry French text in their HTML (no flash, readable before scripts run) plus a
 * `data-i18n` key; `applyTranslations()` rewrites every keyed element in the chosen language.
 * Elements built at run time use `setText()`, so they follow a later switch too.
 */

const STORAGE_KEY = 'tandem.lang';
/** @type {readonly ('fr' | 'en')[]} */
export const LANGUAGES = ['fr', 'en'];

/** @type {Record<'fr' | 'en', Record<string, string>>} */
export const MESSAGES = {
  fr: {
    'common.skip': 'Aller au contenu principal',
    'common.brand': 'Tandem',
    'common.tagline': 'le mentorat de la CCI',
    'common.switch': 'English',
    'common.switchLabel': 'Read this site in English',
    'common.home': 'Accueil',
    'common.back': 'Retour à l’accueil',
    'common.required': 'obligatoire',
    'common.requiredNote': 'Les champs marqués d’un astérisque (*) sont obligatoires.',
    'common.optional': 'facultatif',
    'common.footer': 'Tandem est le programme de mentorat bénévole et gratuit de la Chambre de commerce et d’industrie.',
    'common.noscript': 'Ce formulaire a besoin de JavaScript. Activez-le ou contactez la CCI. / This form needs JavaScript.',
    'common.loading': 'Chargement du formulaire…',
    'common.loadFailed': 'Le formulaire n’a pas pu se charger. Vérifiez votre connexion puis réessayez.',
    'common.retry': 'Réessayer',
    'common.errorPrefix': 'Erreur\u00a0:',

    'title.home': 'Tandem — le mentorat de la CCI',
    'title.mentor': 'Devenir mentor — Tandem',
    'title.mentee': 'Trouver un mentor — Tandem',
    'title.verify': 'Confirmer votre adresse e\u2011mail — Tandem',
    'title.privacy': 'Politique de confidentialité — Tandem',
    'title.legal': 'Mentions légales — Tandem',
    'title.accessibility': 'Déclaration d’accessibilité — Tandem',
    'footer.nav': 'Informations légales et contact',
    'footer.legal': 'Mentions légales',
    'footer.privacy': 'Confidentialité',
    'footer.accessibility': 'Accessibilité\u00a0: partiellement conforme',
    'footer.contact': 'Contact',

    'home.title': 'Avancer à deux, c’est plus facile',
    'home.lead': 'Tandem met en relation des personnes qui cherchent un emploi ou qui lancent leur entreprise avec des mentors bénévoles\u00a0: chef·fes d’entreprise, cadres et salarié·es qui ont envie de transmettre.',
    'home.free': 'Gratuit, près de chez vous, suivi par la CCI.',
    'home.mentor.title': 'Vous avez de l’expérience à partager',
    'home.mentor.text': 'Donnez quelques heures par mois pour aider une personne à retrouver un emploi ou à faire grandir sa jeune entreprise. Vous choisissez combien de personnes vous accompagnez.',
    'home.mentor.cta': 'Devenir mentor',
    'home.mentee.title': 'Vous cherchez un coup de pouce',
    'home.mentee.text': 'Vous cherchez un emploi, ou votre entreprise a moins de trois ans\u202f? Un mentor bénévole de votre secteur vous accompagne pendant plusieurs mois.',
    'home.mentee.cta': 'Trouver un mentor',
    'home.how.title': 'Comment ça marche',
    'home.how.1': 'Vous vous inscrivez en cinq minutes et confirmez votre adresse e\u2011mail.',
    'home.how.2': 'Nous cherchons le bon binôme\u00a0: secteur, besoins, langues, lieu et disponibilités.',
    'home.how.3': 'Le mentor accepte, vous vous rencontrez, et la CCI suit votre tandem jusqu’au résultat.',

    'mentor.title': 'Devenir mentor',
    'mentor.lead': 'Merci de donner de votre temps. Dites-nous ce que vous savez faire et combien de personnes vous pouvez accompagner\u00a0: nous vous proposerons des personnes à accompagner qui vous correspondent, et vous resterez libre d’accepter.',
    'mentee.title': 'Trouver un mentor',
    'mentee.lead': 'Dites-nous où vous en êtes et ce dont vous avez besoin\u00a0: nous chercherons le mentor bénévole qui vous correspond. C’est gratuit.',

    'section.you': 'Vous',
    'section.mentorSkills': 'Ce que vous pouvez apporter',
    'section.menteeProject': 'Votre projet',
    'section.place': 'Où et comment se rencontrer',
    'section.consent': 'Vos données',

    'f.firstName': 'Prénom',
    'f.lastName': 'Nom',
    'f.email': 'Adresse e\u2011mail',
    'h.email': 'Nous vous enverrons un lien pour la confirmer.',
    'f.phone': 'Téléphone',
    'h.phone': 'Par exemple 06 12 34 56 78.',
    'f.company': 'Entreprise ou organisation',
    'f.jobTitle': 'Fonction',
    'f.profile': 'Vous êtes',
    'f.tracks': 'Qui souhaitez-vous accompagner\u202f?',
    'h.tracks': 'Une ou deux réponses.',
    'f.sectors': 'Secteurs d’activité que vous connaissez bien',
    'h.sectors': 'De 1 à 5 secteurs.',
    'f.expertise': 'Vos domaines de compétence',
    'h.expertise': 'De 1 à 8 domaines.',
    'f.languages': 'Langues parlées',
    'h.languages': 'Au moins une langue.',
    'f.postalCode': 'Code postal',
    'h.postalCodeMentor': 'Celui du lieu où vous pouvez rencontrer les personnes que vous accompagnez. 5 chiffres.',
    'h.postalCodeMentee': 'Celui de votre domicile ou de votre entreprise. 5 chiffres.',
    'f.communeCode': 'Commune',
    'f.communeChoose': 'Choisissez votre commune',
    'f.meetingModes': 'Rencontres possibles',
    'h.meetingModes': 'Une ou deux réponses.',
    'f.capacity': 'Combien de personnes pouvez-vous accompagner en même temps\u202f?',
    'h.capacity': 'De 1 à 5. Vous pourrez le changer plus tard.',
    'f.bio': 'Quelques mots sur votre parcours',
    'h.bio': 'Ce que vous aimeriez transmettre, votre expérience. 1 000 caractères au plus.',
    'f.track': 'Votre situation',
    'f.sector': 'Votre secteur d’activité',
    'h.sector': 'Celui de l’emploi que vous cherchez ou de votre entreprise.',
    'f.sectorChoose': 'Choisissez un secteur',
    'f.needs': 'Sur quoi aimeriez-vous de l’aide\u202f?',
    'h.needs': 'De 1 à 5 sujets.',
    'f.partnerId': 'Structure qui vous oriente',
    'h.partnerId': 'La structure qui vous a parlé de Tandem, s’il y en a une.',
    'f.partnerNone': 'Personne, je viens de moi-même',
    'f.project': 'Votre projet en quelques mots',
    'h.project': 'Le métier que vous visez, votre activité, vos questions. 1 000 caractères au plus.',
    'f.consent': 'J’accepte que la CCI utilise ces informations pour organiser mon accompagnement dans le programme Tandem.',
    'f.submit': 'Envoyer mon inscription',
    'f.sending': 'Envoi en cours…',

    'counter.remaining': 'Il reste {n} caractères.',
    'counter.over': '{n} caractères en trop.',

    'commune.searching': 'Recherche de la commune…',
    'commune.one': 'Commune trouvée\u00a0: {name}.',
    'commune.many': '{n} communes ont ce code postal\u00a0: choisissez la vôtre.',
    'commune.none': 'Nous ne connaissons pas ce code postal. Vérifiez-le.',
    'commune.failed': 'La commune n’a pas pu être recherchée. Vous pouvez tout de même envoyer le formulaire.',

    'summary.title': 'Le formulaire contient des erreurs',
    'err.required.firstName': 'Indiquez votre prénom.',
    'err.required.lastName': 'Indiquez votre nom.',
    'err.required.email': 'Indiquez votre adresse e\u2011mail.',
    'err.required.profile': 'Indiquez votre profil.',
    'err.required.track': 'Indiquez votre situation.',
    'err.required.sector': 'Choisissez votre secteur d’activité.',
    'err.required.postalCode': 'Indiquez votre code postal.',
    'err.required.capacity': 'Indiquez combien de personnes vous pouvez accompagner.',
    'err.required': 'Ce champ est obligatoire.',
    'err.group.tracks': 'Choisissez qui vous souhaitez accompagner\u00a0: une ou deux réponses.',
    'err.group.sectors': 'Choisissez de 1 à 5 secteurs d’activité.',
    'err.group.expertise': 'Choisissez de 1 à 8 domaines de compétence.',
    'err.group.needs': 'Choisissez de 1 à 5 sujets sur lesquels vous aimeriez de l’aide.',
    'err.group.languages': 'Choisissez au moins une langue.',
    'err.group.meetingModes': 'Choisissez comment vous pouvez vous rencontrer\u00a0: une ou deux réponses.',
    'err.tooLong': '{max} caractères au plus.',
    'err.characters': 'Les caractères < et > ne sont pas acceptés.',
    'err.invisible': 'Ce champ contient des caractères invisibles ou de contrôle (par exemple une marque de sens d’écriture ou un espace sans largeur). Retapez-le plutôt que de le coller.',
    'err.commune': 'Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.',
    'err.email': 'Saisissez une adresse e\u2011mail valide, par exemple nom@exemple.fr.',
    'err.phone': 'Saisissez un numéro de téléphone valide (chiffres, espaces, + . - ( )\u202f; 6 à 20 caractères).',
    'err.postalCode': 'Le code postal doit comporter 5 chiffres.',
    'err.chooseRange': 'Choisissez de {min} à {max} réponses.',
    'err.chooseAtLeast': 'Choisissez au moins une réponse.',
    'err.capacity': 'Choisissez un nombre de 1 à 5.',
    'err.consent': 'Vous devez accepter l’utilisation de vos données pour vous inscrire.',
    'err.network': 'Connexion impossible\u00a0: votre inscription n’est pas partie. Vos réponses sont conservées\u202f; vérifiez votre connexion et réessayez.',
    'err.tooLarge': 'Votre inscription est trop longue. Raccourcissez les textes libres et réessayez.',
    'err.unsupported': 'Votre navigateur a envoyé une demande que nous ne comprenons pas. Rechargez la page et réessayez.',
    'err.rateLimited': 'Trop de demandes en peu de temps. Patientez quelques minutes puis réessayez.',
    'err.server': 'Un problème technique nous empêche d’enregistrer votre inscription. Vos réponses sont conservées\u202f; réessayez dans quelques minutes.',
    'err.invalid': 'Certaines réponses ne sont pas acceptées. Vérifiez le formulaire.',

    'success.title': 'Vérifiez votre boîte mail',
    'success.text': 'Nous venons de vous envoyer un e\u2011mail. Cliquez sur le lien qu’il contient pour confirmer votre adresse et finaliser votre inscription.',
    'success.expiry': 'Le lien est valable 48 heures.',
    'success.spam': 'Rien reçu d’ici quelques minutes\u202f? Regardez dans vos courriers indésirables (spam).',
    'success.edit': 'Corriger mon adresse',
    'success.sentTo': 'Un e\u2011mail vient d’être envoyé à {email}. Cliquez sur le lien qu’il contient pour confirmer votre adresse et finaliser votre inscription.',
    'success.resend': 'Renvoyer l’e\u2011mail',
    'success.resent': 'E\u2011mail renvoyé à {email}. S’il n’arrive pas d’ici quelques minutes, regardez dans vos courriers indésirables et vérifiez l’adresse.',
    'success.resendWait': 'Vous pourrez redemander l’e\u2011mail dans une minute.',
    'success.resendNetwork': 'Connexion impossible\u00a0: la demande n’est pas partie. Vérifiez votre connexion et réessayez.',

    'verify.title': 'Confirmez votre adresse e\u2011mail',
    'verify.text': 'Merci pour votre inscription à Tandem. Pour la finaliser, confirmez que cette adresse e\u2011mail est bien la vôtre.',
    'verify.button': 'Confirmer mon adresse e\u2011mail',
    'verify.sending': 'Confirmation en cours…',
    'verify.okTitle': 'Adresse e\u2011mail confirmée, merci\u202f!',
    'verify.okMentor': 'La CCI va valider votre profil de mentor. Vous recevrez ensuite un e\u2011mail chaque fois qu’une personne pourra profiter de votre expérience\u202f; vous resterez libre d’accepter.',
    'verify.okMentee': 'Nous recherchons le mentor qui vous correspond. Vous recevrez un e\u2011mail dès qu’un mentor aura accepté de vous accompagner.',
    'verify.usedTitle': 'Adresse déjà confirmée',
    'verify.usedText': 'Votre adresse e\u2011mail a déjà été confirmée\u00a0: vous n’avez rien d’autre à faire. Nous vous écrirons dès qu’il y aura du nouveau.',
    'verify.expiredTitle': 'Ce lien a expiré',
    'verify.expiredText': 'Les liens de confirmation sont valables 48 heures. Inscrivez-vous à nouveau pour en recevoir un nouveau.',
    'verify.invalidTitle': 'Ce lien n’est pas valide',
    'verify.invalidText': 'Vérifiez que vous avez ouvert le lien complet reçu par e\u2011mail. Sinon, inscrivez-vous à nouveau.',
    'verify.again': 'Vous pouvez vous inscrire à nouveau\u00a0:',
    'verify.network': 'Connexion impossible. Vérifiez votre connexion puis réessayez.',
    'verify.rateLimited': 'Trop de tentatives. Patientez quelques minutes puis réessayez.',
    'verify.server': 'Un problème technique empêche la confirmation. Réessayez dans quelques minutes.',
    'verify.unavailable': 'Le service est momentanément indisponible. Réessayez dans quelques instants\u00a0: inutile de vous réinscrire.',

    'title.proposal': 'Proposition de mentorat — Tandem',
    'title.reactivate': 'Réactiver mes disponibilités — Tandem',
    'proposal.loading': 'Chargement de la proposition…',
    'proposal.title': 'Une proposition de mentorat',
    'proposal.intro': '{name} cherche un mentor. Voici ce que nous savons de son projet.',
    'proposal.track': 'Parcours',
    'proposal.sector': 'Secteur',
    'proposal.needs': 'Besoins',
    'proposal.place': 'Lieu',
    'proposal.modes': 'Rencontres',
    'proposal.languages': 'Langues',
    'proposal.why': 'Pourquoi nous pensons à vous',
    'proposal.deadline': 'Merci de répondre avant le {date} (heure de Paris).',
    'proposal.accept.title': 'Accepter',
    'proposal.accept.text': 'En acceptant, vous recevrez par e\u2011mail les coordonnées de {name}, qui recevra les vôtres. Prévoyez quelques heures par mois pendant plusieurs mois.',
    'proposal.accept.button': 'J’accepte d’accompagner {name}',
    'proposal.decline.title': 'Décliner',
    'proposal.decline.text': 'Aucun souci\u00a0: nous proposerons {name} à un autre mentor. Vous continuerez à recevoir d’autres propositions.',
    'proposal.decline.button': 'Décliner la proposition',
    'proposal.pause.title': 'Décliner et suspendre mes disponibilités',
    'proposal.pause.text': 'Nous proposerons {name} à un autre mentor, et vous ne recevrez plus de propositions tant que vous n’aurez pas réactivé vos disponibilités\u00a0: avec le lien «\u00a0Réactiver mes disponibilités\u00a0» de notre e\u2011mail, ou en écrivant à la CCI. Les tandems que vous accompagnez déjà continuent.',
    'proposal.pause.button': 'Décliner et suspendre mes disponibilités',
    'proposal.reasonLabel': 'Pourquoi déclinez-vous\u202f?',
    'proposal.reasonHint': 'Votre réponse aide la CCI à mieux proposer. Elle n’est jamais communiquée à la personne.',
    'proposal.reasonNone': 'Je préfère ne pas le dire',
    'proposal.reason.no_time': 'Je n’ai pas le temps en ce moment',
    'proposal.reason.not_my_field': 'Ce n’est pas mon domaine',
    'proposal.reason.too_far': 'C’est trop loin de chez moi',
    'proposal.reason.know_the_person': 'Je connais cette personne',
    'proposal.reason.other': 'Une autre raison',
    'proposal.sending': 'Envoi de votre réponse…',
    'proposal.acceptedTitle': 'Merci\u202f! Votre tandem commence',
    'proposal.acceptedText': 'Les e\u2011mails de présentation sont en route\u00a0: vous allez recevoir les coordonnées de {name}, qui reçoit les vôtres. La CCI suivra votre tandem.',
    'proposal.declinedTitle': 'Merci pour votre réponse',
    'proposal.declinedText': 'Nous proposons {name} à un autre mentor. Nous vous écrirons quand une autre personne pourra profiter de votre expérience.',
    'proposal.pausedTitle': 'Merci, vos disponibilités sont suspendues',
    'proposal.pausedText': 'Nous proposons {name} à un autre mentor et ne vous enverrons plus de propositions. Pour revenir, ouvrez le lien «\u00a0Réactiver mes disponibilités\u00a0» de notre e\u2011mail ou écrivez à la CCI.',
    'proposal.alreadyTitle': 'Vous avez déjà répondu',
    'proposal.already.accept': 'Vous avez accepté d’accompagner {name}\u00a0: les e\u2011mails de présentation sont partis ou en route. Rien d’autre à faire.',
    'proposal.already.decline': 'Vous avez décliné cette proposition. Nous la proposons à un autre mentor.',
    'proposal.already.decline_and_pause': 'Vous avez décliné cette proposition et suspendu vos disponibilités.',
    'proposal.closedTitle': 'Cette proposition est close',
    'proposal.closedText': 'Le délai de réponse est passé, ou {name} a trouvé un autre mentor. Merci de votre disponibilité\u202f; nous vous écrirons pour une autre personne.',
    'proposal.expiredTitle': 'Ce lien a expiré',
    'proposal.expiredText': 'Le délai de réponse à cette proposition est passé. Merci de votre disponibilité\u202f; nous vous écrirons pour une autre personne.',
    'proposal.invalidTitle': 'Ce lien n’est pas valide',
    'proposal.invalidText': 'Vérifiez que vous avez ouvert le lien complet reçu par e\u2011mail. S’il ne fonctionne toujours pas, écrivez à la CCI.',
    'proposal.network': 'Connexion impossible. Vérifiez votre connexion puis réessayez.',
    'proposal.rateLimited': 'Trop de tentatives. Patientez quelques minutes puis réessayez.',
    'proposal.server': 'Un problème technique nous empêche de répondre. Réessayez dans quelques minutes.',
    'proposal.unavailable': 'Le service est momentanément indisponible. Réessayez dans quelques instants\u00a0: votre lien reste valable.',
    'reactivate.title': 'Réactiver mes disponibilités',
    'reactivate.text': 'Vous aviez suspendu vos disponibilités de mentor. En les réactivant, vous recevrez à nouveau des propositions de mentorat, que vous resterez libre d’accepter.',
    'reactivate.button': 'Réactiver mes disponibilités',
    'reactivate.sending': 'Réactivation en cours…',
    'reactivate.okTitle': 'Vos disponibilités sont réactivées',
    'reactivate.okText': 'Merci\u202f! Nous vous écrirons dès qu’une personne pourra profiter de votre expérience.',
    'reactivate.alreadyTitle': 'Vous êtes déjà disponible',
    'reactivate.alreadyText': 'Vos disponibilités sont actives\u00a0: vous n’avez rien d’autre à faire.',
    'reactivate.notPausedTitle': 'Nous ne pouvons pas réactiver ce profil',
    'reactivate.notPausedText': 'Votre profil de mentor n’est pas suspendu (il attend peut-être la validation de la CCI). Écrivez à la CCI pour en savoir plus.',
    'reactivate.expiredTitle': 'Ce lien a expiré',
    'reactivate.expiredText': 'Les liens de réactivation sont valables 90 jours. Écrivez à la CCI pour réactiver vos disponibilités.',
  },
  en: {
    'common.skip': 'Skip to main content',
    'common.brand': 'Tandem',
    'common.tagline': 'CCI mentoring',
    'common.switch': 'Français',
    'common.switchLabel': 'Lire ce site en français',
    'common.home': 'Home',
    'common.back': 'Back to home',
    'common.required': 'required',
    'common.requiredNote': 'Fields marked with an asterisk (*) are required.',
    'common.optional': 'optional',
    'common.footer': 'Tandem is the free volunteer mentoring programme of the Chamber of Commerce and Industry.',
    'common.noscript': 'Ce formulaire a besoin de JavaScript. Activez-le ou contactez la CCI. / This form needs JavaScript.',
    'common.loading': 'Loading the form…',
    'common.loadFailed': 'The form could not be loaded. Check your connection and try again.',
    'common.retry': 'Try again',
    'common.errorPrefix': 'Error:',

    'title.home': 'Tandem — CCI mentoring',
    'title.mentor': 'Become a mentor — Tandem',
    'title.mentee': 'Find a mentor — Tandem',
    'title.verify': 'Confirm your e\u2011mail address — Tandem',
    'title.privacy': 'Privacy policy — Tandem',
    'title.legal': 'Legal notice — Tandem',
    'title.accessibility': 'Accessibility statement — Tandem',
    'footer.nav': 'Legal information and contact',
    'footer.legal': 'Legal notice',
    'footer.privacy': 'Privacy',
    'footer.accessibility': 'Accessibility: partially compliant',
    'footer.contact': 'Contact',

    'home.title': 'Moving forward is easier together',
    'home.lead': 'Tandem pairs people looking for a job or starting a business with volunteer mentors: business owners, executives and employees who want to pass on what they know.',
    'home.free': 'Free, close to you, followed up by the CCI.',
    'home.mentor.title': 'You have experience to share',
    'home.mentor.text': 'Give a few hours a month to help someone find a job or grow a young business. You choose how many people you mentor.',
    'home.mentor.cta': 'Become a mentor',
    'home.mentee.title': 'You could use a helping hand',
    'home.mentee.text': 'Looking for a job, or is your business less than three years old? A volunteer mentor from your field supports you for several months.',
    'home.mentee.cta': 'Find a mentor',
    'home.how.title': 'How it works',
    'home.how.1': 'Sign up in five minutes and confirm your e\u2011mail address.',
    'home.how.2': 'We look for the right match: sector, needs, languages, place and availability.',
    'home.how.3': 'The mentor accepts, you meet, and the CCI follows your tandem through to the outcome.',

    'mentor.title': 'Become a mentor',
    'mentor.lead': 'Thank you for giving your time. Tell us what you know and how many people you can mentor: we will suggest mentees who fit, and you remain free to accept.',
    'mentee.title': 'Find a mentor',
    'mentee.lead': 'Tell us where you stand and what you need: we will look for the volunteer mentor who fits you. It is free.',

    'section.you': 'About you',
    'section.mentorSkills': 'What you can offer',
    'section.menteeProject': 'Your project',
    'section.place': 'Where and how to meet',
    'section.consent': 'Your data',

    'f.firstName': 'First name',
    'f.lastName': 'Last name',
    'f.email': 'E\u2011mail address',
    'h.email': 'We will send you a link to confirm it.',
    'f.phone': 'Phone',
    'h.phone': 'For example 06 12 34 56 78.',
    'f.company': 'Company or organisation',
    'f.jobTitle': 'Job title',
    'f.profile': 'You are',
    'f.tracks': 'Who would you like to mentor?',
    'h.tracks': 'One or two answers.',
    'f.sectors': 'Sectors you know well',
    'h.sectors': '1 to 5 sectors.',
    'f.expertise': 'Your areas of expertise',
    'h.expertise': '1 to 8 areas.',
    'f.languages': 'Languages spoken',
    'h.languages': 'At least one language.',
    'f.postalCode': 'Postal code',
    'h.postalCodeMentor': 'Where you can meet your mentees. 5 digits.',
    'h.postalCodeMentee': 'Of your home or your business. 5 digits.',
    'f.communeCode': 'Town',
    'f.communeChoose': 'Choose your town',
    'f.meetingModes': 'How you can meet',
    'h.meetingModes': 'One or two answers.',
    'f.capacity': 'How many people can you mentor at the same time?',
    'h.capacity': '1 to 5. You can change it later.',
    'f.bio': 'A few words about your background',
    'h.bio': 'What you would like to pass on, your experience. At most 1,000 characters.',
    'f.track': 'Your situation',
    'f.sector': 'Your sector',
    'h.sector': 'Of the job you are looking for, or of your business.',
    'f.sectorChoose': 'Choose a sector',
    'f.needs': 'What would you like help with?',
    'h.needs': '1 to 5 topics.',
    'f.partnerId': 'Referred by',
    'h.partnerId': 'The organisation that told you about Tandem, if any.',
    'f.partnerNone': 'Nobody, I came on my own',
    'f.project': 'Your project in a few words',
    'h.project': 'The job you are aiming for, your business, your questions. At most 1,000 characters.',
    'f.consent': 'I agree that the CCI uses this information to organise my mentoring in the Tandem programme.',
    'f.submit': 'Send my sign-up',
    'f.sending': 'Sending…',

    'counter.remaining': '{n} characters left.',
    'counter.over': '{n} characters too many.',

    'commune.searching': 'Looking up the town…',
    'commune.one': 'Town found: {name}.',
    'commune.many': '{n} towns share this postal code: choose yours.',
    'commune.none': 'We do not know this postal code. Please check it.',
    'commune.failed': 'The town could not be looked up. You can still send the form.',

    'summary.title': 'There is a problem with the form',
    'err.required.firstName': 'Enter your first name.',
    'err.required.lastName': 'Enter your last name.',
    'err.required.email': 'Enter your e\u2011mail address.',
    'err.required.profile': 'Tell us your profile.',
    'err.required.track': 'Tell us your situation.',
    'err.required.sector': 'Choose your sector.',
    'err.required.postalCode': 'Enter your postal code.',
    'err.required.capacity': 'Tell us how many people you can mentor.',
    'err.required': 'This field is required.',
    'err.group.tracks': 'Choose who you would like to mentor: one or two answers.',
    'err.group.sectors': 'Choose 1 to 5 sectors.',
    'err.group.expertise': 'Choose 1 to 8 areas of expertise.',
    'err.group.needs': 'Choose 1 to 5 topics you would like help with.',
    'err.group.languages': 'Choose at least one language.',
    'err.group.meetingModes': 'Choose how you can meet: one or two answers.',
    'err.tooLong': 'At most {max} characters.',
    'err.characters': 'The characters < and > are not accepted.',
    'err.invisible': 'This field contains invisible or control characters (such as a text-direction mark or a zero-width space). Type it rather than pasting it.',
    'err.commune': 'Choose your town: this postal code serves several.',
    'err.email': 'Enter a valid e\u2011mail address, such as name@example.com.',
    'err.phone': 'Enter a valid phone number (digits, spaces, + . - ( ); 6 to 20 characters).',
    'err.postalCode': 'The postal code must have 5 digits.',
    'err.chooseRange': 'Choose {min} to {max} answers.',
    'err.chooseAtLeast': 'Choose at least one answer.',
    'err.capacity': 'Choose a number from 1 to 5.',
    'err.consent': 'You must agree to the use of your data to sign up.',
    'err.network': 'No connection: your sign-up was not sent. Your answers are kept; check your connection and try again.',
    'err.tooLarge': 'Your sign-up is too long. Shorten the free-text answers and try again.',
    'err.unsupported': 'Your browser sent a request we do not understand. Reload the page and try again.',
    'err.rateLimited': 'Too many requests in a short time. Wait a few minutes and try again.',
    'err.server': 'A technical problem prevents us from saving your sign-up. Your answers are kept; try again in a few minutes.',
    'err.invalid': 'Some answers are not accepted. Please check the form.',

    'success.title': 'Check your inbox',
    'success.text': 'We have just sent you an e\u2011mail. Click the link inside to confirm your address and complete your sign-up.',
    'success.expiry': 'The link is valid for 48 hours.',
    'success.spam': 'Nothing after a few minutes? Look in your junk mail (spam) folder.',
    'success.edit': 'Correct my address',
    'success.sentTo': 'An e\u2011mail has just been sent to {email}. Click the link inside to confirm your address and complete your sign-up.',
    'success.resend': 'Send the e\u2011mail again',
    'success.resent': 'E\u2011mail sent again to {email}. If it has not arrived within a few minutes, look in your junk mail and check the address.',
    'success.resendWait': 'You can ask for the e\u2011mail again in a minute.',
    'success.resendNetwork': 'No connection: the request was not sent. Check your connection and try again.',

    'verify.title': 'Confirm your e\u2011mail address',
    'verify.text': 'Thank you for signing up to Tandem. To complete it, confirm that this e\u2011mail address is yours.',
    'verify.button': 'Confirm my e\u2011mail address',
    'verify.sending': 'Confirming…',
    'verify.okTitle': 'E\u2011mail address confirmed, thank you!',
    'verify.okMentor': 'The CCI will now validate your mentor profile. You will then receive an e\u2011mail whenever someone could benefit from your experience; you remain free to accept.',
    'verify.okMentee': 'We are looking for the mentor who fits you. You will receive an e\u2011mail as soon as a mentor has agreed to support you.',
    'verify.usedTitle': 'Address already confirmed',
    'verify.usedText': 'Your e\u2011mail address has already been confirmed: there is nothing else to do. We will write to you as soon as there is news.',
    'verify.expiredTitle': 'This link has expired',
    'verify.expiredText': 'Confirmation links are valid for 48 hours. Sign up again to receive a new one.',
    'verify.invalidTitle': 'This link is not valid',
    'verify.invalidText': 'Check that you opened the whole link received by e\u2011mail. Otherwise, sign up again.',
    'verify.again': 'You can sign up again:',
    'verify.network': 'No connection. Check your connection and try again.',
    'verify.rateLimited': 'Too many attempts. Wait a few minutes and try again.',
    'verify.server': 'A technical problem prevents the confirmation. Try again in a few minutes.',
    'verify.unavailable': 'The service is briefly unavailable. Try again in a few moments: there is no need to sign up again.',

    'title.proposal': 'Mentoring proposal — Tandem',
    'title.reactivate': 'Reactivate my availability — Tandem',
    'proposal.loading': 'Loading the proposal…',
    'proposal.title': 'A mentoring proposal',
    'proposal.intro': '{name} is looking for a mentor. Here is what we know of their plans.',
    'proposal.track': 'Track',
    'proposal.sector': 'Sector',
    'proposal.needs': 'Needs',
    'proposal.place': 'Place',
    'proposal.modes': 'Meetings',
    'proposal.languages': 'Languages',
    'proposal.why': 'Why we thought of you',
    'proposal.deadline': 'Please answer by {date} (Paris time).',
    'proposal.accept.title': 'Accept',
    'proposal.accept.text': 'If you accept, you will receive {name}’s contact details by e\u2011mail, and {name} will receive yours. Plan a few hours a month for several months.',
    'proposal.accept.button': 'I agree to support {name}',
    'proposal.decline.title': 'Decline',
    'proposal.decline.text': 'No problem: we will propose {name} to another mentor. You will keep receiving other proposals.',
    'proposal.decline.button': 'Decline the proposal',
    'proposal.pause.title': 'Decline and pause my availability',
    'proposal.pause.text': 'We will propose {name} to another mentor, and you will receive no more proposals until you reactivate your availability: with the “Reactivate my availability” link of our e\u2011mail, or by writing to the CCI. The tandems you already support go on.',
    'proposal.pause.button': 'Decline and pause my availability',
    'proposal.reasonLabel': 'Why do you decline?',
    'proposal.reasonHint': 'Your answer helps the CCI make better proposals. It is never passed on to the person.',
    'proposal.reasonNone': 'I would rather not say',
    'proposal.reason.no_time': 'I do not have the time at the moment',
    'proposal.reason.not_my_field': 'It is not my field',
    'proposal.reason.too_far': 'It is too far from me',
    'proposal.reason.know_the_person': 'I know this person',
    'proposal.reason.other': 'Another reason',
    'proposal.sending': 'Sending your answer…',
    'proposal.acceptedTitle': 'Thank you! Your tandem starts',
    'proposal.acceptedText': 'The introduction e\u2011mails are on their way: you will receive {name}’s contact details, and {name} yours. The CCI will follow your tandem.',
    'proposal.declinedTitle': 'Thank you for your answer',
    'proposal.declinedText': 'We are proposing {name} to another mentor. We will write to you when someone else could benefit from your experience.',
    'proposal.pausedTitle': 'Thank you, your availability is paused',
    'proposal.pausedText': 'We are proposing {name} to another mentor and will send you no more proposals. To come back, open the “Reactivate my availability” link of our e\u2011mail or write to the CCI.',
    'proposal.alreadyTitle': 'You have already answered',
    'proposal.already.accept': 'You agreed to support {name}: the introduction e\u2011mails have been sent or are on their way. There is nothing else to do.',
    'proposal.already.decline': 'You declined this proposal. We are proposing it to another mentor.',
    'proposal.already.decline_and_pause': 'You declined this proposal and paused your availability.',
    'proposal.closedTitle': 'This proposal is closed',
    'proposal.closedText': 'The time to answer has passed, or {name} has found another mentor. Thank you for being available; we will write to you for someone else.',
    'proposal.expiredTitle': 'This link has expired',
    'proposal.expiredText': 'The time to answer this proposal has passed. Thank you for being available; we will write to you for someone else.',
    'proposal.invalidTitle': 'This link is not valid',
    'proposal.invalidText': 'Check that you opened the whole link received by e\u2011mail. If it still does not work, write to the CCI.',
    'proposal.network': 'No connection. Check your connection and try again.',
    'proposal.rateLimited': 'Too many attempts. Wait a few minutes and try again.',
    'proposal.server': 'A technical problem prevents us from answering. Try again in a few minutes.',
    'proposal.unavailable': 'The service is briefly unavailable. Try again in a few moments: your link is still valid.',
    'reactivate.title': 'Reactivate my availability',
    'reactivate.text': 'You had paused your availability as a mentor. Once reactivated, you will receive mentoring proposals again, which you remain free to accept.',
    'reactivate.button': 'Reactivate my availability',
    'reactivate.sending': 'Reactivating…',
    'reactivate.okTitle': 'Your availability is reactivated',
    'reactivate.okText': 'Thank you! We will write to you as soon as someone could benefit from your experience.',
    'reactivate.alreadyTitle': 'You are already available',
    'reactivate.alreadyText': 'Your availability is active: there is nothing else to do.',
    'reactivate.notPausedTitle': 'We cannot reactivate this profile',
    'reactivate.notPausedText': 'Your mentor profile is not paused (it may be waiting for the CCI’s validation). Write to the CCI to find out more.',
    'reactivate.expiredTitle': 'This link has expired',
    'reactivate.expiredText': 'Reactivation links are valid for 90 days. Write to the CCI to reactivate your availability.',
  },
};

/** @param {unknown} value @returns {value is 'fr' | 'en'} */
const isLanguage = (value) => value === 'fr' || value === 'en';

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, strict settings): French by default
  }
}

function store(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* the choice then lasts for this page only */
  }
}

/** `?lang=en` wins (and is remembered), then the stored choice, then French. */
function initialLanguage() {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (isLanguage(fromQuery)) {
    store(fromQuery);
    return fromQuery;
  }
  const stored = readStored();
  return isLanguage(stored) ? stored : 'fr';
}

let current = initialLanguage();
/** @type {Set<(lang: 'fr' | 'en') => void>} */
const listeners = new Set();

/** The language the person chose; also sent as `Accept-Language` so server messages match. */
export const getLanguage = () => current;

/**
 * Translates a key, replacing `{name}` placeholders. A missing key shows the key itself, which a
 * test catches, rather than an empty string nobody notices.
 * @param {string} key @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  const template = MESSAGES[current][key] ?? MESSAGES.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) => {
    if (!(name in params)) return match;
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat(current).format(value) : String(value);
  });
}

/**
 * Sets an element's text from a key and keeps the key, so a later language switch re-renders it.
 * @param {HTMLElement} el @param {string} key @param {Record<string, string | number>} [params]
 */
export function setText(el, key, params) {
  el.dataset.i18n = key;
  if (params) el.dataset.i18nParams = JSON.stringify(params);
  else delete el.dataset.i18nParams;
  el.textContent = t(key, params);
}

/**
 * Sets literal text (e.g. a message the server wrote in the request's language): it is not
 * re-translated on a switch.
 * @param {HTMLElement} el @param {string} text
 */
export function setLiteral(el, text) {
  delete el.dataset.i18n;
  delete el.dataset.i18nParams;
  el.textContent = text;
}

/** Rewrites every keyed element, code-list label and attribute under `root` in the current language. */
export function applyTranslations(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const params = el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : undefined;
    el.textContent = t(el.dataset.i18n, params);
  }
  for (const el of root.querySelectorAll('[data-label-fr]')) {
    el.textContent = current === 'en' ? el.dataset.labelEn : el.dataset.labelFr;
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  // Long texts (the legal pages) are written whole in each language: one block per language, the other hidden.
  for (const el of root.querySelectorAll('[data-lang-block]')) {
    el.hidden = el.dataset.langBlock !== current;
  }
}

/** @param {(lang: 'fr' | 'en') => void} listener */
export const onLanguageChange = (listener) => listeners.add(listener);

/** @param {'fr' | 'en'} lang */
export function setLanguage(lang) {
  if (!isLanguage(lang)) return;
  current = lang;
  store(lang);
  applyTranslations();
  for (const listener of listeners) listener(lang);
}

/** Wires the header button: it names the other language, in that language. */
export function initLanguageSwitch() {
  const button = document.getElementById('lang-switch');
  const sync = () => {
    if (!button) return;
    button.setAttribute('lang', current === 'fr' ? 'en' : 'fr');
  };
  button?.addEventListener('click', () => {
    setLanguage(current === 'fr' ? 'en' : 'fr');
    sync();
  });
  applyTranslations();
  sync();
}
