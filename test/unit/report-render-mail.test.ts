/**
 * The report mail and the weekly digest from the fixtures: the headline figures with their counts
 * (« 72 % (18/25) »), bars whose widths are proportional to the figures, « non significatif » under
 * MIN_SIGNIFICANT_CASES, nothing a mail client blocks (script, SVG, image, style sheet), a layout at
 * most 640px wide in French with captions and `th scope`, every data string escaped, one link to
 * the console's « Rapports » page and none to a file; the digest's lists linking to the console, and
 * its « rien à signaler » version.
 */
import { describe, expect, it } from 'vitest';
import type { KpiReport, WeeklyDigest } from '../../shared/domain/report';
import { parsePeriod } from '../../shared/domain/report-period';
import { DIGEST_LIST_LIMIT, renderDigestMail } from '../../shared/reports/render-digest';
import { renderReportMail, reportsPageUrl } from '../../shared/reports/render-mail';
import { EMPTY_DIGEST, KPI_REPORT, kpiSet, WEEKLY_DIGEST } from '../fixtures/kpi-report';

const OPTIONS = { consoleUrl: 'https://tandem.example.org/', operatorName: 'CCI Aix-Marseille-Provence' };
const SITE = 'https://tandem.example.org';

/** No-break spaces (French typography) read as spaces, entities of quotes as the characters. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/&#39;/g, "'");

/** The bars of the chart captioned `caption`: each row's name, bar width (0 when no filled cell), colour and figure. */
function barsOf(html: string, caption: string) {
  const start = html.indexOf(`>${caption}</caption>`);
  if (start < 0) throw new Error(`no chart ${caption}`);
  const end = html.indexOf('</tbody>', start);
  return html
    .slice(start, end)
    .split('<th scope="row"')
    .slice(1)
    .map((row) => ({
      name: />([^<]*)<\/th>/.exec(row)![1]!,
      width: Number(/<td width="([\d.]+)%"/.exec(row)?.[1] ?? 0),
      colour: /<td width="[\d.]+%" height="14" bgcolor="(#[0-9a-f]{6})"/.exec(row)?.[1],
      value: plain(/>([^<>]*)<\/td>\n<\/tr>/.exec(row)![1]!),
    }));
}

describe('renderReportMail', () => {
  const mail = renderReportMail(KPI_REPORT, OPTIONS);

  it('names the month in the subject and the title', () => {
    expect(mail.subject).toBe('Tandem — rapport d’octobre 2026');
    expect(mail.html).toContain('<title>Rapport Tandem d’octobre 2026</title>');
    expect(renderReportMail({ ...KPI_REPORT, period: parsePeriod('2026')! }, OPTIONS).subject).toBe('Tandem — rapport de l’année 2026');
    expect(renderReportMail({ ...KPI_REPORT, period: parsePeriod('2026-03')! }, OPTIONS).subject).toBe('Tandem — rapport de mars 2026');
  });

  it('puts the headline figures first, each rate with its counts, in the HTML and the text alike', () => {
    const html = plain(mail.html);
    const text = plain(mail.text);
    const card = (label: string, value: string) => new RegExp(`${label}</h3>\\s*<p[^>]*>${value.replace(/[()]/g, '\\$&')}</p>`);

    expect(html).toMatch(card('Tandems démarrés', '12'));
    expect(html).toMatch(card('Tandems en cours en fin de période', '38'));
    expect(html).toMatch(card('Tandems terminés', '4'));
    expect(html).toContain('et 1 arrêté avant terme');
    expect(html).toMatch(card('Délai médian avant tandem', '9,5 jours (12 cas)'));
    expect(html).toMatch(card('Sorties positives \\(recherche d’emploi\\)', '70 % (7/10)'));
    expect(html).toContain('Depuis octobre 2025 : 72 % (18/25)');
    expect(html).toMatch(card('Entreprises créées \\(création d’entreprise\\)', 'non significatif (1/3)'));
    expect(html).toMatch(card('Nouveaux mentors', '6'));
    expect(html).toMatch(card('Mentorés en attente', '11'));
    // The headlines come before the charts.
    expect(html.indexOf('Tandems démarrés</h3>')).toBeLessThan(html.indexOf('<caption'));

    for (const line of [
      '- Tandems démarrés : 12',
      '- Tandems en cours en fin de période : 38',
      '- Tandems terminés : 4',
      '- Délai médian avant tandem : 9,5 jours (12 cas)',
      '- Sorties positives (recherche d’emploi) : 70 % (7/10)',
      '  Depuis octobre 2025 : 72 % (18/25)',
      '- Entreprises créées (création d’entreprise) : non significatif (1/3)',
      '- Nouveaux mentors : 6',
      '- Mentorés en attente : 11',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('draws counts as bars proportional to the largest, partners by size and « Sans partenaire » last', () => {
    expect(barsOf(mail.html, 'Tandems démarrés par partenaire, octobre 2026')).toEqual([
      { name: 'France Travail Marseille Joliette', width: 100, colour: '#0b5d66', value: '5' },
      { name: 'Mission locale de Marseille', width: 60, colour: '#0b5d66', value: '3' },
      { name: 'Cap emploi 13', width: 40, colour: '#0b5d66', value: '2' },
      { name: 'BGE Sud', width: 20, colour: '#0b5d66', value: '1' },
      { name: 'Sans partenaire', width: 20, colour: '#0b5d66', value: '1' },
    ]);
    expect(barsOf(mail.html, 'Mentorés en attente par département, à la fin d’octobre 2026').map((b) => [b.name, b.width, b.value])).toEqual([
      ['13', 100, '7'],
      ['83', 0, '0'],
      ['84', 42.9, '3'],
      ['Département inconnu', 14.3, '1'],
    ]);
  });

  it('draws rates on a 0–100 % scale, grey and « non significatif » under 5 cases, « aucun cas » without one', () => {
    expect(barsOf(mail.html, 'Sorties positives (recherche d’emploi) par partenaire, octobre 2026')).toEqual([
      { name: 'France Travail Marseille Joliette', width: 66.7, colour: '#0b5d66', value: '67 % (4/6)' },
      { name: 'Mission locale de Marseille', width: 66.7, colour: '#b8c0c8', value: 'non significatif (2/3)' },
      { name: 'Cap emploi 13', width: 100, colour: '#b8c0c8', value: 'non significatif (1/1)' },
      { name: 'BGE Sud', width: 0, colour: undefined, value: 'aucun cas' },
      { name: 'Sans partenaire', width: 0, colour: undefined, value: 'aucun cas' },
    ]);
    expect(plain(mail.text)).toContain('- Mission locale de Marseille : non significatif (2/3)');
  });

  it('holds nothing a mail client blocks or drops: no script, SVG, image, style sheet or class', () => {
    expect(mail.html).not.toMatch(/<script|<svg|<img|<style|<link|<iframe|<form|\bclass=|javascript:|url\(/i);
    expect(mail.html).not.toMatch(/\son[a-z]+=/i);
  });

  it('is a French page at most 640px wide, with headings, captions and scoped header cells', () => {
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="fr"/);
    expect(mail.html).toContain('<meta charset="utf-8">');
    expect(mail.html).toContain('max-width:640px');
    const pixelWidths = [...mail.html.matchAll(/\swidth="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...pixelWidths)).toBe(640);
    expect(mail.html.match(/<h1/g)).toHaveLength(1);
    expect(mail.html.match(/<caption/g)).toHaveLength(4);
    // Each data table (with a caption) has column headers; each bar row is a row header.
    expect(mail.html.match(/<th scope="col"/g)).toHaveLength(12);
    expect(mail.html.match(/<th scope="row"/g)).toHaveLength(5 + 5 + 4 + 4);
    // Layout tables are marked as such.
    expect(mail.html.match(/<table(?![^>]*role="presentation")[^>]*>\s*<caption/g)).toHaveLength(4);
  });

  it('links to the console’s « Rapports » page for the period and to no file', () => {
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(hrefs)).toEqual(new Set([`${SITE}/console/rapports.html?period=2026-10`]));
    expect(reportsPageUrl(SITE, '2026')).toBe(`${SITE}/console/rapports.html?period=2026`);
    expect(mail.text).toContain(`${SITE}/console/rapports.html?period=2026-10`);
    expect(mail.html + mail.text).not.toMatch(/\.xlsx|\.csv"|report\.json"|_local\/reports/);
  });

  it('escapes a partner name from data in the HTML, keeps it as typed in the text', () => {
    const report: KpiReport = {
      ...KPI_REPORT,
      by_partner: { 'ptn-x': { name: '<b>&"\'Partenaire', ...kpiSet({ tandems_started: 2, job_search_positive_exit: { num: 3, den: 5 } }) } },
    };
    const { html, text } = renderReportMail(report, { ...OPTIONS, operatorName: 'CCI <i>Sud</i>' });

    expect(html).toContain('&lt;b&gt;&amp;&quot;&#39;Partenaire');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('CCI &lt;i&gt;Sud&lt;/i&gt;');
    expect(barsOf(html, 'Tandems démarrés par partenaire, octobre 2026')).toEqual([{ name: '&lt;b&gt;&amp;&quot;&#39;Partenaire', width: 100, colour: '#0b5d66', value: '2' }]);
    expect(text).toContain('- <b>&"\'Partenaire');
  });

  it('reads an empty period without a division by zero: bars at 0, medians « — », a rate over no case not significant', () => {
    const empty: KpiReport = { ...KPI_REPORT, overall: kpiSet(), by_partner: {}, by_departement: { none: kpiSet() } };
    const { html, text } = renderReportMail(empty, OPTIONS);

    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(barsOf(html, 'Tandems démarrés par département, octobre 2026')).toEqual([{ name: 'Département inconnu', width: 0, colour: undefined, value: '0' }]);
    expect(plain(text)).toContain('- Délai médian avant tandem : — (0 cas)');
    expect(plain(text)).toContain('- Sorties positives (recherche d’emploi) : non significatif (0/0)');
  });
});

describe('renderDigestMail', () => {
  it('counts and lists each kind of alert with links to the console’s pages, by short id', () => {
    const { subject, html, text } = renderDigestMail(WEEKLY_DIGEST, OPTIONS);

    expect(plain(subject)).toBe('Tandem — semaine 49 de 2026 : 3 en attente, 2 propositions sans réponse, 2 tandems à suivre');
    expect(plain(html)).toContain('Personnes en attente d’un tandem (3)</h2>');
    expect(plain(html)).toContain('3 personnes attendent un tandem depuis plus de 14 jours.');
    expect(plain(html)).toContain('Propositions sans réponse (2)</h2>');
    expect(plain(html)).toContain('Tandems à suivre (2)</h2>');
    // The longest wait first, with its days.
    expect(html.indexOf('>01JD2K7Q</a>')).toBeLessThan(html.indexOf('>01JD9F3A</a>'));
    expect(plain(html)).toContain('49 jours');
    expect(html).toContain(`href="${SITE}/console/mentee.html?id=01JD2K7Q8M4X3V6B9N0C1T2R5S"`);
    expect(html).toContain(`href="${SITE}/console/mentor.html?id=01JBMR7T6Y5U4I3O2P1A0S9D8F"`);
    expect(html).toContain(`href="${SITE}/console/tandem.html?id=01JC0T1A2N3D4E5M6T7A8N9D0E"`);
    expect(html).toContain(`href="${SITE}/console/mentees.html?status=awaiting_match"`);
    expect(html).toContain('Demande d’aide');
    expect(html).toContain('Silencieux depuis deux mois');
    expect(html.match(/<caption/g)).toHaveLength(3);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr"/);
    expect(html).not.toMatch(/<script|<svg|<img|<style|\bclass=/i);

    expect(plain(text)).toContain('PERSONNES EN ATTENTE D’UN TANDEM (3)');
    expect(plain(text)).toContain('- Personne accompagnée : 01JD2K7Q · Inscrite le : 12 octobre 2026 · Attente : 49 jours');
    expect(text).toContain(`${SITE}/console/mentee.html?id=01JD2K7Q8M4X3V6B9N0C1T2R5S`);
    expect(plain(text)).toContain('Alerte : Demande d’aide');
  });

  it('leaves out an empty section and cuts a long list, counting the rest', () => {
    const many: WeeklyDigest = {
      ...EMPTY_DIGEST,
      menteesWaiting: Array.from({ length: DIGEST_LIST_LIMIT + 5 }, (_, i) => ({ id: `mentee-${String(i).padStart(3, '0')}`, since: '2026-11-01T09:00:00.000Z', days: 15 + i })),
    };
    const { subject, html, text } = renderDigestMail(many, OPTIONS);

    expect(plain(subject)).toBe('Tandem — semaine 50 de 2026 : 25 en attente');
    expect(html).not.toContain('Propositions sans réponse');
    expect(html).not.toContain('Tandems à suivre');
    expect(html.match(/<th scope="row"/g)).toHaveLength(DIGEST_LIST_LIMIT);
    expect(plain(html)).toContain('Et 5 autres, dans la console.');
    expect(plain(text)).toContain('Et 5 autres, dans la console.');
    // The longest wait first: the 25th (39 days) is listed, the 1st (15 days) is not.
    expect(html).toContain('?id=mentee-024"');
    expect(html).not.toContain('?id=mentee-000"');
  });

  it('escapes what comes from data, in the text and in the links', () => {
    const odd: WeeklyDigest = {
      ...EMPTY_DIGEST,
      menteesWaiting: [{ id: '<b>&"x', since: '2026-11-01T09:00:00.000Z', days: 20 }],
      tandemAlerts: [{ tandemId: 't-1', kind: '<script>alert(1)</script>', raisedAt: '2026-11-30T09:00:00.000Z' }],
    };
    const { html } = renderDigestMail(odd, OPTIONS);

    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`href="${SITE}/console/mentee.html?id=%3Cb%3E%26%22x"`);
    expect(html).toContain('>&lt;b&gt;&amp;&quot;x</a>');
  });

  it('says « rien à signaler » in a quiet week', () => {
    const { subject, html, text } = renderDigestMail(EMPTY_DIGEST, OPTIONS);

    expect(plain(subject)).toBe('Tandem — semaine 50 de 2026 : rien à signaler');
    expect(plain(html)).toContain('Rien à signaler cette semaine (semaine 50 de 2026)');
    expect(html).not.toContain('<caption');
    expect(html).not.toContain('<h2');
    expect(plain(text)).toContain('Rien à signaler cette semaine');
    expect(text).toContain(`${SITE}/console/index.html`);
  });
});
