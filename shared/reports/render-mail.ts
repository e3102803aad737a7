/**
 * The monthly report mail to the CCI (docs/reports.md « Outputs »), in French: the headline
 * figures first, then charts as HTML bars in tables — a coloured cell whose width is the value's
 * share, no script, no SVG, no image, so that every mail client shows them — and a link to the
 * console's « Rapports » page for the period. The files are not linked here: the console hands out
 * short-lived links, a link in a mail would outlive its signature or travel with a forward.
 *
 * The HTML is a table layout at most 640px wide with inline styles only, `lang="fr"`, headings and
 * data tables with captions and `th scope`; every interpolated string is escaped (partner names
 * come from data). The text alternative carries the same figures. Pure: no clock, no I/O.
 */
import { KPI_DEFINITIONS, MIN_SIGNIFICANT_CASES, NO_BREAKDOWN_KEY, isSignificant, type KpiId, type KpiReport, type KpiSet, type Rate } from '../domain/report';
import { escapeHtml } from '../mail/templates';
import { departementScopes, formatCount, formatDayFr, formatMedian, formatRate, ofPeriod, partnerScopes, periodLabel, plural, rateShare, sinceStartLabel } from './format';

const NBSP = '\u00a0';

/** What a report mail needs besides the report: the site's origin and the operator's name. */
export interface ReportMailOptions {
  /** The site's public origin (the console is under `/console/`). */
  consoleUrl: string;
  /** The operator, written after « la » (« la CCI Aix-Marseille-Provence »). */
  operatorName: string;
}

/** A rendered mail, before its addresses. */
export interface RenderedReportMail {
  subject: string;
  text: string;
  html: string;
}

// ── Shared with the digest: colours, links, the page shell ─────────────────────────────────────

/** The site's palette (web/assets/styles.css), as the other mails use it. */
export const MAIL_COLOURS = {
  ink: '#1c2430',
  inkSoft: '#4a5565',
  paper: '#fbf8f3',
  card: '#ffffff',
  lineSoft: '#dfe3e8',
  primary: '#0b5d66',
  primarySoft: '#e6f0f1',
  /** A bar under the minimum of cases: grey, so that it does not read as a result. */
  muted: '#b8c0c8',
  accent: '#b23c0a',
} as const;
export const MAIL_FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
/** The layout's width: the mail's tables never grow wider. */
export const MAIL_WIDTH = 640;

/** A console page (`rapports.html`, `mentee.html`…) with its query, on the site's origin. */
export function consolePage(consoleUrl: string, page: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${consoleUrl.replace(/\/+$/, '')}/console/${page}${search ? `?${search}` : ''}`;
}

/** The console's « Rapports » page for a period (the mail's one link). */
export const reportsPageUrl = (consoleUrl: string, periodId: string): string => consolePage(consoleUrl, 'rapports.html', { period: periodId });

/** A link (href and text escaped). */
export const htmlLink = (href: string, text: string): string =>
  `<a href="${escapeHtml(href)}" style="color:${MAIL_COLOURS.primary};text-decoration:underline">${escapeHtml(text)}</a>`;

/** A button-like link (a table cell with a background: Outlook keeps it). */
export function htmlButton(href: string, text: string): string {
  const c = MAIL_COLOURS;
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;border-collapse:separate"><tr><td bgcolor="${c.primary}" style="background-color:${c.primary};border-radius:8px"><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 22px;color:#ffffff;font-weight:bold;text-decoration:none;font-family:${MAIL_FONT}">${escapeHtml(text)}</a></td></tr></table>`;
}

/** A paragraph of our own text (escaped). */
export const htmlParagraph = (text: string, style = ''): string => `<p style="margin:0 0 14px;${style}">${escapeHtml(text)}</p>`;

/** A section heading (h2). */
export const htmlHeading = (text: string): string =>
  `<h2 style="margin:28px 0 12px;font-size:18px;line-height:1.3;color:${MAIL_COLOURS.primary};font-family:${MAIL_FONT}">${escapeHtml(text)}</h2>`;

/**
 * The whole document: `lang="fr"`, a centred column of MAIL_WIDTH px at most, a title (h1), the
 * body (already HTML) and a footer of short paragraphs. `title` and `footer` are escaped here.
 */
export function htmlDocument(input: { title: string; preheader: string; body: string; footer: string[] }): string {
  const c = MAIL_COLOURS;
  return `<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:${c.paper};color:${c.ink};font-family:${MAIL_FONT};font-size:16px;line-height:1.5">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(input.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${c.paper}" style="background-color:${c.paper}">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="${MAIL_WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${MAIL_WIDTH}px;background-color:${c.card};border:1px solid ${c.lineSoft};border-radius:12px">
<tr><td style="padding:28px 28px 8px;font-family:${MAIL_FONT};color:${c.ink}">
<main>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;color:${c.ink};font-family:${MAIL_FONT}">${escapeHtml(input.title)}</h1>
${input.body}
</main>
</td></tr>
<tr><td style="padding:16px 28px 28px;border-top:1px solid ${c.lineSoft};font-family:${MAIL_FONT};font-size:13px;line-height:1.5;color:${c.inkSoft}">
<footer>
${input.footer.map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`).join('\n')}
</footer>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

// ── Headline figures ─────────────────────────────────────────────────────────────────────────────

const label = (id: KpiId): string => KPI_DEFINITIONS.find((kpi) => kpi.id === id)!.label.fr;

interface Headline {
  label: string;
  /** The period's figure, in words (« 12 », « 70 % (7/10) », « 9,5 jours (12 cas) »). */
  value: string;
  /** A line under it: the ended-early count, the programme-to-date figure, the snapshot's moment. */
  notes: string[];
}

/** The mail's headline figures, in the order they are read (the text version lists the same). */
export function reportHeadlines(report: KpiReport): Headline[] {
  const o = report.overall;
  const s = report.since_start;
  const since = sinceStartLabel(report);
  const days = (set: KpiSet) => formatMedian(set.median_days_to_match, 'jours');
  const count = (n: number | null) => (n === null ? '—' : formatCount(n));
  return [
    { label: label('tandems_started'), value: formatCount(o.tandems_started), notes: [`${since}${NBSP}: ${formatCount(s.tandems_started)}`] },
    { label: label('tandems_active_end'), value: formatCount(o.tandems_active_end), notes: [] },
    {
      label: 'Tandems terminés',
      value: formatCount(o.tandems_completed),
      notes: [`et ${plural(o.tandems_ended_early, 'arrêté', 'arrêtés')} avant terme`, `${since}${NBSP}: ${plural(s.tandems_completed, 'terminé', 'terminés')}, ${plural(s.tandems_ended_early, 'arrêté', 'arrêtés')} avant terme`],
    },
    { label: label('median_days_to_match'), value: days(o), notes: [`${since}${NBSP}: ${days(s)}`] },
    { label: label('job_search_positive_exit'), value: formatRate(o.job_search_positive_exit), notes: [`${since}${NBSP}: ${formatRate(s.job_search_positive_exit)}`] },
    { label: label('business_created'), value: formatRate(o.business_created), notes: [`${since}${NBSP}: ${formatRate(s.business_created)}`] },
    { label: label('mentors_new'), value: count(o.mentors_new), notes: [`${since}${NBSP}: ${count(s.mentors_new)}`] },
    { label: label('mentees_waiting'), value: formatCount(o.mentees_waiting), notes: ['en fin de période, sans tandem'] },
  ];
}

function headlinesHtml(headlines: Headline[]): string {
  const c = MAIL_COLOURS;
  // The card is the cell itself (border-spacing between cells): the two cards of a row are as tall as each other.
  const card = (h: Headline) =>
    `<td width="50%" valign="top" style="width:50%;padding:12px 14px;border:1px solid ${c.lineSoft};border-radius:10px;background-color:${c.card}">
<h3 style="margin:0 0 4px;font-size:13px;line-height:1.35;font-weight:normal;color:${c.inkSoft};font-family:${MAIL_FONT}">${escapeHtml(h.label)}</h3>
<p style="margin:0 0 4px;font-size:${h.value.length > 14 ? 18 : 22}px;line-height:1.25;font-weight:bold;color:${c.ink}">${escapeHtml(h.value)}</p>
${h.notes.map((note) => `<p style="margin:0;font-size:13px;line-height:1.4;color:${c.inkSoft}">${escapeHtml(note)}</p>`).join('\n')}
</td>`;
  const rows: string[] = [];
  for (let i = 0; i < headlines.length; i += 2) {
    const pair = headlines.slice(i, i + 2);
    rows.push(`<tr>\n${pair.map(card).join('\n')}${pair.length < 2 ? '\n<td width="50%" style="width:50%"></td>' : ''}\n</tr>`);
  }
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="8" border="0" style="width:100%;margin:0 0 8px;border-collapse:separate;border-spacing:8px">\n${rows.join('\n')}\n</table>`;
}

// ── Charts: HTML bars in tables ─────────────────────────────────────────────────────────────────

/** One bar: a scope's name, the bar's width in % of the track (0–100), the figure in words, and whether it is a result to read. */
export interface Bar {
  name: string;
  width: number;
  value: string;
  significant: boolean;
}

export interface Chart {
  title: string;
  /** The header of the scope column and of the figure column. */
  scopeHeader: string;
  valueHeader: string;
  bars: Bar[];
  /** A sentence under the chart (e.g. what the scale is). */
  note?: string;
}

/** The width of a bar, in % with one decimal: `value / max` (0 when max is 0). */
export const barWidth = (value: number, max: number): number => (max > 0 ? Math.round((value / max) * 1000) / 10 : 0);

/** Counts: the longest bar is the largest count. */
function countBars(scopes: Array<{ name: string; n: number }>): Bar[] {
  const max = Math.max(0, ...scopes.map((s) => s.n));
  return scopes.map((s) => ({ name: s.name, width: barWidth(s.n, max), value: formatCount(s.n), significant: true }));
}

/** Rates: on a 0–100 % scale; under the minimum of cases the bar is grey and reads « non significatif ». */
function rateBars(scopes: Array<{ name: string; rate: Rate }>): Bar[] {
  return scopes.map(({ name, rate }) => ({
    name,
    width: barWidth(rateShare(rate), 1),
    value: rate.den === 0 ? 'aucun cas' : formatRate(rate),
    significant: isSignificant(rate),
  }));
}

/** The charts of the mail: tandems started by partner, positive exits by partner, tandems started and mentees waiting by département. */
export function reportCharts(report: KpiReport): Chart[] {
  const period = periodLabel(report.period.id);
  // Partners by size (tandems started), « Sans partenaire » last: both partner charts in one order.
  const partners = partnerScopes(report)
    .map((scope, index) => ({ ...scope, index }))
    .sort((a, b) => (a.key === NO_BREAKDOWN_KEY ? 1 : b.key === NO_BREAKDOWN_KEY ? -1 : b.set.tandems_started - a.set.tandems_started || a.index - b.index));
  const departements = departementScopes(report);
  return [
    {
      title: `Tandems démarrés par partenaire, ${period}`,
      scopeHeader: 'Partenaire',
      valueHeader: 'Tandems démarrés',
      bars: countBars(partners.map(({ name, set }) => ({ name, n: set.tandems_started }))),
      note: 'Le partenaire d’un tandem est celui qui a orienté la personne accompagnée.',
    },
    {
      title: `Sorties positives (recherche d’emploi) par partenaire, ${period}`,
      scopeHeader: 'Partenaire',
      valueHeader: 'Sorties positives',
      bars: rateBars(partners.map(({ name, set }) => ({ name, rate: set.job_search_positive_exit }))),
      note: `Parmi les tandems « recherche d’emploi » terminés dans la période, échelle de 0 à 100${NBSP}%. En gris${NBSP}: moins de ${MIN_SIGNIFICANT_CASES}${NBSP}cas, non significatif.`,
    },
    {
      title: `Tandems démarrés par département, ${period}`,
      scopeHeader: 'Département',
      valueHeader: 'Tandems démarrés',
      bars: countBars(departements.map(({ name, set }) => ({ name, n: set.tandems_started }))),
    },
    {
      title: `Mentorés en attente par département, à la fin ${ofPeriod(report.period.id)}`,
      scopeHeader: 'Département',
      valueHeader: 'Mentorés en attente',
      bars: countBars(departements.map(({ name, set }) => ({ name, n: set.mentees_waiting }))),
    },
  ];
}

/** A chart as a data table: a row per scope, the bar a nested table whose coloured cell is `width` % wide. */
export function chartHtml(chart: Chart): string {
  const c = MAIL_COLOURS;
  const th = `style="padding:6px 8px 6px 0;text-align:left;font-size:13px;color:${c.inkSoft};font-weight:bold;border-bottom:1px solid ${c.lineSoft}"`;
  const bar = (b: Bar) => {
    const colour = b.significant ? c.primary : c.muted;
    const filled =
      b.width > 0
        ? `<td width="${b.width}%" height="14" bgcolor="${colour}" style="width:${b.width}%;height:14px;background-color:${colour};font-size:0;line-height:0">&nbsp;</td>`
        : '';
    const rest = b.width < 100 ? `<td height="14" style="height:14px;font-size:0;line-height:0">&nbsp;</td>` : '';
    return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${c.primarySoft}" style="width:100%;background-color:${c.primarySoft};border-collapse:collapse"><tr>${filled}${rest}</tr></table>`;
  };
  const rows = chart.bars.map(
    (b) => `<tr>
<th scope="row" style="padding:6px 8px 6px 0;text-align:left;font-size:14px;font-weight:normal;color:${c.ink};width:34%">${escapeHtml(b.name)}</th>
<td style="padding:6px 8px 6px 0;width:38%">${bar(b)}</td>
<td style="padding:6px 0;text-align:right;font-size:14px;color:${b.significant ? c.ink : c.inkSoft};${b.significant ? '' : 'font-style:italic;'}">${escapeHtml(b.value)}</td>
</tr>`,
  );
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 6px">
<caption style="caption-side:top;text-align:left;padding:0 0 8px;font-size:16px;font-weight:bold;color:${c.ink}">${escapeHtml(chart.title)}</caption>
<thead><tr><th scope="col" ${th}>${escapeHtml(chart.scopeHeader)}</th><th scope="col" ${th}><span style="font-weight:normal">Graphique</span></th><th scope="col" ${th.replace('text-align:left', 'text-align:right')}>${escapeHtml(chart.valueHeader)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${chart.note ? `<p style="margin:0 0 22px;font-size:13px;color:${c.inkSoft}">${escapeHtml(chart.note)}</p>` : '<div style="height:16px;line-height:16px;font-size:0">&nbsp;</div>'}`;
}

// ── The mail ─────────────────────────────────────────────────────────────────────────────────────

/** The subject: « Tandem — rapport d’octobre 2026 ». */
export const reportMailSubject = (report: Pick<KpiReport, 'period'>): string => `Tandem — rapport ${ofPeriod(report.period.id)}`;

/** The monthly (or yearly) report mail: subject, text and HTML. */
export function renderReportMail(report: KpiReport, options: ReportMailOptions): RenderedReportMail {
  const id = report.period.id;
  const subject = reportMailSubject(report);
  const link = reportsPageUrl(options.consoleUrl, id);
  const headlines = reportHeadlines(report);
  const charts = reportCharts(report);
  const intro = `Voici les chiffres du programme de mentorat Tandem de la ${options.operatorName} pour ${periodLabel(id)} (heure de Paris), avec, pour comparaison, les chiffres depuis le début du programme (${periodLabel(report.programmeStart)}).`;
  const rule = `Chaque taux est donné avec ses effectifs${NBSP}: « 72${NBSP}% (18/25) » se lit 18 cas sur 25. Un taux calculé sur moins de ${MIN_SIGNIFICANT_CASES}${NBSP}cas est marqué « non significatif ».`;
  const consoleSentence = `Tous les indicateurs, par partenaire et par département, et les fichiers du rapport (classeur Excel, fichiers CSV, report.json) sont sur la page « Rapports » de la console. Les fichiers se téléchargent par des liens valables quelques minutes, après connexion.`;
  const footer = [
    `Rapport ${ofPeriod(id)} produit le ${formatDayFr(report.generatedAt)} par Tandem, la plateforme de mentorat de la ${options.operatorName}.`,
    'Vous recevez ce message parce que votre adresse est sur la liste de diffusion des rapports du programme. Pour ne plus le recevoir, écrivez à l’équipe du programme.',
  ];

  const body = [
    htmlParagraph(intro),
    htmlParagraph(rule, `font-size:14px;color:${MAIL_COLOURS.inkSoft}`),
    htmlHeading(`Chiffres clés ${ofPeriod(id)}`),
    headlinesHtml(headlines),
    htmlHeading('En graphiques'),
    ...charts.map(chartHtml),
    htmlHeading('Le détail'),
    htmlParagraph(consoleSentence),
    htmlButton(link, 'Ouvrir la page Rapports'),
    `<p style="margin:0 0 14px;font-size:14px;color:${MAIL_COLOURS.inkSoft};word-break:break-all;overflow-wrap:anywhere">Si le bouton ne s’ouvre pas, copiez ce lien${NBSP}: ${htmlLink(link, link)}</p>`,
  ].join('\n');
  const html = htmlDocument({ title: `Rapport Tandem ${ofPeriod(id)}`, preheader: headlinePreheader(report), body, footer });

  const text = [
    `Rapport Tandem ${ofPeriod(id)}`,
    intro,
    rule,
    [`CHIFFRES CLÉS ${ofPeriod(id).toUpperCase()}`, ...headlines.map((h) => [`- ${h.label}${NBSP}: ${h.value}`, ...h.notes.map((n) => `  ${n}`)].join('\n'))].join('\n'),
    ...charts.map((chart) => [chart.title.toUpperCase(), ...chart.bars.map((b) => `- ${b.name}${NBSP}: ${b.value}`), ...(chart.note ? [chart.note] : [])].join('\n')),
    `${consoleSentence}\n${link}`,
    ['-'.repeat(24), ...footer].join('\n'),
  ].join('\n\n');

  return { subject, text: `${text}\n`, html };
}

/** The line a mail client shows after the subject. */
function headlinePreheader(report: KpiReport): string {
  const o = report.overall;
  return `${plural(o.tandems_started, 'tandem démarré', 'tandems démarrés')}, ${plural(o.tandems_active_end, 'en cours', 'en cours')} en fin de période, sorties positives${NBSP}: ${formatRate(o.job_search_positive_exit)}.`;
}

