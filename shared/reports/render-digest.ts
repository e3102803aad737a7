/**
 * The Monday digest to the CCI (docs/reports.md « When »), in French: alerts only — mentees
 * waiting more than DIGEST_WAITING_DAYS days, proposals with no answer, tandems asking for help or
 * silent — each a count and a list linking to the console's page of the person or tandem. A
 * WeeklyDigest holds ids and dates only, so the mail shows short ids, never a name: the console,
 * behind its sign-in, shows who they are. A week with nothing to report reads « rien à signaler ».
 *
 * Same shell as the report mail (render-mail.ts): inline styles, a table layout at most 640px wide,
 * `lang="fr"`, captions and `th scope`, every interpolated string escaped. Pure: no clock, no I/O.
 */
import { ALERT_KINDS, type AlertKind } from '../domain/follow-up';
import { DIGEST_WAITING_DAYS, type WeeklyDigest } from '../domain/report';
import { escapeHtml } from '../mail/templates';
import { formatDayFr, periodLabel, plural, shortId } from './format';
import { consolePage, htmlButton, htmlDocument, htmlHeading, htmlLink, htmlParagraph, MAIL_COLOURS, type RenderedReportMail, type ReportMailOptions } from './render-mail';

const NBSP = '\u00a0';

/** At most this many lines per list; the rest is counted and left to the console. */
export const DIGEST_LIST_LIMIT = 20;

/** What an alert's kind reads (web/assets/console-follow-up.js says the same). */
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  help_requested: 'Demande d’aide',
  not_a_good_fit: 'Le binôme ne fonctionne pas',
  silent: 'Silencieux depuis deux mois',
};
const alertLabel = (kind: string): string => ((ALERT_KINDS as readonly string[]).includes(kind) ? ALERT_KIND_LABELS[kind as AlertKind] : kind);

interface Cell {
  text: string;
  /** A console page: the cell is a link. */
  href?: string;
  align?: 'right';
}

interface Section {
  title: string;
  /** « 3 personnes attendent un tandem depuis plus de 14 jours. » */
  summary: string;
  caption: string;
  head: Cell[];
  rows: Cell[][];
  /** The console's list page for the whole of it. */
  more: { href: string; text: string };
}

const days = (n: number): string => plural(n, 'jour', 'jours');

function sections(digest: WeeklyDigest, consoleUrl: string): Section[] {
  const page = (name: string, id: string) => consolePage(consoleUrl, name, { id });
  const out: Section[] = [];
  if (digest.menteesWaiting.length > 0) {
    const n = digest.menteesWaiting.length;
    out.push({
      title: 'Personnes en attente d’un tandem',
      summary: `${plural(n, 'personne attend', 'personnes attendent')} un tandem depuis plus de ${DIGEST_WAITING_DAYS}${NBSP}jours.`,
      caption: `Personnes en attente depuis plus de ${DIGEST_WAITING_DAYS}${NBSP}jours, la plus ancienne d’abord`,
      head: [{ text: 'Personne accompagnée' }, { text: 'Inscrite le' }, { text: 'Attente', align: 'right' }],
      rows: [...digest.menteesWaiting]
        .sort((a, b) => b.days - a.days)
        .map((m) => [
          { text: shortId(m.id), href: page('mentee.html', m.id) },
          { text: formatDayFr(m.since) },
          { text: days(m.days), align: 'right' as const },
        ]),
      more: { href: consolePage(consoleUrl, 'mentees.html', { status: 'awaiting_match' }), text: 'Voir les personnes en attente dans la console' },
    });
  }
  if (digest.proposalsUnanswered.length > 0) {
    const n = digest.proposalsUnanswered.length;
    out.push({
      title: 'Propositions sans réponse',
      summary: `${plural(n, 'proposition attend', 'propositions attendent')} la réponse du mentor.`,
      caption: 'Propositions sans réponse, la plus ancienne d’abord',
      // Three columns (the days say when): the table fits a phone's width.
      head: [{ text: 'Personne accompagnée' }, { text: 'Mentor' }, { text: 'Sans réponse depuis', align: 'right' }],
      rows: [...digest.proposalsUnanswered]
        .sort((a, b) => b.days - a.days)
        .map((p) => [
          { text: shortId(p.menteeId), href: page('mentee.html', p.menteeId) },
          { text: shortId(p.mentorId), href: page('mentor.html', p.mentorId) },
          { text: days(p.days), align: 'right' as const },
        ]),
      more: { href: consolePage(consoleUrl, 'index.html'), text: 'Voir la page « À traiter » de la console' },
    });
  }
  if (digest.tandemAlerts.length > 0) {
    const n = digest.tandemAlerts.length;
    out.push({
      title: 'Tandems à suivre',
      summary: `${plural(n, 'tandem demande', 'tandems demandent')} l’attention de la CCI (demande d’aide, binôme qui ne fonctionne pas, silence).`,
      caption: 'Alertes ouvertes sur les tandems, la plus ancienne d’abord',
      head: [{ text: 'Tandem' }, { text: 'Alerte' }, { text: 'Depuis le' }],
      rows: [...digest.tandemAlerts]
        .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
        .map((a) => [{ text: shortId(a.tandemId), href: page('tandem.html', a.tandemId) }, { text: alertLabel(a.kind) }, { text: formatDayFr(a.raisedAt) }]),
      more: { href: consolePage(consoleUrl, 'index.html'), text: 'Voir la page « À traiter » de la console' },
    });
  }
  return out;
}

function tableHtml(section: Section): string {
  const c = MAIL_COLOURS;
  const align = (cell: Cell) => (cell.align === 'right' ? 'right' : 'left');
  const shown = section.rows.slice(0, DIGEST_LIST_LIMIT);
  const head = section.head
    .map((h) => `<th scope="col" style="padding:6px 6px;text-align:${align(h)};font-size:13px;color:${c.inkSoft};border-bottom:1px solid ${c.lineSoft}">${escapeHtml(h.text)}</th>`)
    .join('');
  const rows = shown.map(
    (cells) =>
      `<tr>${cells
        .map((cell, i) => {
          const content = cell.href ? htmlLink(cell.href, cell.text) : escapeHtml(cell.text);
          const style = `padding:6px 6px;text-align:${align(cell)};font-size:14px;${cell.align === 'right' ? 'white-space:nowrap;' : ''}border-bottom:1px solid ${c.lineSoft}`;
          return i === 0 ? `<th scope="row" style="${style};font-weight:normal;font-family:monospace">${content}</th>` : `<td style="${style}">${content}</td>`;
        })
        .join('')}</tr>`,
  );
  const hidden = section.rows.length - shown.length;
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 10px">
<caption style="caption-side:top;text-align:left;padding:0 0 6px;font-size:14px;color:${c.inkSoft}">${escapeHtml(section.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${hidden > 0 ? htmlParagraph(`Et ${plural(hidden, 'autre', 'autres')}, dans la console.`, `font-size:14px;color:${c.inkSoft}`) : ''}
<p style="margin:0 0 18px;font-size:14px">${htmlLink(section.more.href, section.more.text)}</p>`;
}

/** The subject: « Tandem — semaine 49 de 2026 : 3 en attente, 2 propositions, 2 tandems à suivre », or « … : rien à signaler ». */
export function digestSubject(digest: WeeklyDigest): string {
  const week = periodLabel(digest.week);
  const parts = [
    digest.menteesWaiting.length > 0 ? `${digest.menteesWaiting.length} en attente` : undefined,
    digest.proposalsUnanswered.length > 0 ? plural(digest.proposalsUnanswered.length, 'proposition sans réponse', 'propositions sans réponse') : undefined,
    digest.tandemAlerts.length > 0 ? plural(digest.tandemAlerts.length, 'tandem à suivre', 'tandems à suivre') : undefined,
  ].filter((p): p is string => p !== undefined);
  return `Tandem — ${week}${NBSP}: ${parts.length > 0 ? parts.join(', ') : 'rien à signaler'}`;
}

/** The weekly digest mail: subject, text and HTML (the « rien à signaler » version when every list is empty). */
export function renderDigestMail(digest: WeeklyDigest, options: ReportMailOptions): RenderedReportMail {
  const week = periodLabel(digest.week);
  const subject = digestSubject(digest);
  const list = sections(digest, options.consoleUrl);
  const home = consolePage(options.consoleUrl, 'index.html');
  const intro =
    list.length > 0
      ? `Ce qui demande l’attention de l’équipe du programme cette semaine (${week}), au ${formatDayFr(digest.generatedAt)}. Les identifiants renvoient aux pages de la console, où figurent les détails.`
      : `Rien à signaler cette semaine (${week})${NBSP}: aucune personne n’attend un tandem depuis plus de ${DIGEST_WAITING_DAYS}${NBSP}jours, aucune proposition n’attend de réponse, aucun tandem n’a d’alerte ouverte.`;
  const footer = [
    `Point hebdomadaire produit le ${formatDayFr(digest.generatedAt)} par Tandem, la plateforme de mentorat de la ${options.operatorName}.`,
    'Vous recevez ce message parce que votre adresse est sur la liste de diffusion du programme. Il ne contient que des alertes. Les chiffres du programme sont dans le rapport mensuel.',
  ];
  const title = list.length > 0 ? `Point de la semaine${NBSP}: à traiter` : `Point de la semaine${NBSP}: rien à signaler`;

  const body = [
    htmlParagraph(intro),
    ...list.flatMap((s) => [htmlHeading(`${s.title} (${s.rows.length})`), htmlParagraph(s.summary), tableHtml(s)]),
    htmlButton(home, 'Ouvrir la console'),
  ].join('\n');
  const html = htmlDocument({ title, preheader: subject.replace(/^Tandem — /, ''), body, footer });

  const text = [
    title,
    intro,
    ...list.map((s) =>
      [
        `${s.title.toUpperCase()} (${s.rows.length})`,
        s.summary,
        ...s.rows.slice(0, DIGEST_LIST_LIMIT).map((cells) => `- ${cells.map((cell, i) => `${s.head[i]?.text ?? ''}${NBSP}: ${cell.text}`).join(' · ')}${cells[0]?.href ? `\n  ${cells[0].href}` : ''}`),
        ...(s.rows.length > DIGEST_LIST_LIMIT ? [`Et ${plural(s.rows.length - DIGEST_LIST_LIMIT, 'autre', 'autres')}, dans la console.`] : []),
        `${s.more.text}${NBSP}: ${s.more.href}`,
      ].join('\n'),
    ),
    `La console${NBSP}: ${home}`,
    ['-'.repeat(24), ...footer].join('\n'),
  ].join('\n\n');

  return { subject, text: `${text}\n`, html };
}
