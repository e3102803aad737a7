/**
 * HTTP side of the mail catcher: a JSON API for tests (`/_local/mail`) and a readable mailbox for
 * people (`/_local/mailbox`). A message's HTML is shown in a sandboxed iframe (no scripts) whose
 * links open in the whole tab, so confirmation and check-in links lead to the real local pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaughtMail, MailCatcher } from './mail-catcher';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with its http(s) URLs turned into links that open in the whole tab. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}" target="_top">${url}</a>`);
}

/** Makes every link of the message leave the frame (allowed by the sandbox on a click only). */
function frameDocument(html: string): string {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}

/**
 * Readable from a 320 px phone up: nothing has a fixed width, long addresses and links wrap, and
 * below 40rem the message table turns into one card per message (cells labelled by their header).
 */
const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f5f7fa; overflow-wrap: anywhere; }
  header { background: #12355b; color: #fff; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: baseline; }
  header p { margin: 0; font-weight: 600; }
  header a { color: #fff; }
  nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
  main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
  h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
  a { color: #0b4f8a; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .6rem .8rem; border-bottom: 1px solid #dde3ea; vertical-align: top; }
  th { background: #eef2f6; font-weight: 600; }
  .meta { background: #fff; padding: 1rem; border: 1px solid #dde3ea; margin: 0; }
  .meta dt { font-weight: 600; } .meta dd { margin: 0 0 .5rem; }
  iframe { display: block; width: 100%; min-height: 32rem; border: 1px solid #dde3ea; background: #fff; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #dde3ea; padding: 1rem; font-size: .9rem; }
  .empty { background: #fff; padding: 2rem 1rem; text-align: center; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
  button { font: inherit; padding: .3rem .8rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  @media (max-width: 40rem) {
    main { margin-top: 1rem; }
    table, tbody, tr, td { display: block; }
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    tr { border-bottom: 1px solid #dde3ea; padding: .5rem .8rem; }
    td { border: 0; padding: .1rem 0; }
    td::before { content: attr(data-label) "\\00a0: "; font-weight: 600; }
  }
`;

const TITLE = 'Boîte de réception locale';

/** A whole page: banner, navigation, then `main` opening with the page's one `h1`. */
function page(title: string, heading: string, content: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title === TITLE ? `${TITLE} — Tandem` : `${title} — ${TITLE} — Tandem`)}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"><style>${STYLE}</style></head>
<body>
<header><p>Tandem — outil de développement <span lang="en">/ developer tool</span></p>
<nav aria-label="Boîte de réception locale"><ul><li><a href="/_local/mailbox">Tous les messages <span lang="en">/ All messages</span></a></li>
<li><a href="/_local/mail">JSON</a></li><li><a href="/">Site d'inscription <span lang="en">/ Sign-up site</span></a></li></ul></nav></header>
<main>
<h1>${heading}</h1>
${content}</main>
</body>
</html>`;
}

const INBOX_HEADING = `Boîte de réception locale <span lang="en">/ Local inbox</span>`;

/** The list of caught messages, newest first. */
export function renderMailboxList(mails: readonly CaughtMail[]): string {
  if (mails.length === 0) {
    return page(TITLE, INBOX_HEADING, `<p class="empty">Aucun message pour l'instant. <span lang="en">No messages yet.</span></p>`);
  }
  const rows = mails
    .map(
      (m) => `<tr><td data-label="Reçu / Received"><time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</time></td>
<td data-label="À / To">${escapeHtml(m.to)}</td><td data-label="Objet / Subject"><a href="/_local/mailbox/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(sans objet / no subject)')}</a></td></tr>`,
    )
    .join('\n');
  return page(
    TITLE,
    INBOX_HEADING,
    `<p class="actions"><span>${mails.length} message(s)</span> <button type="button" onclick="fetch('/_local/mail',{method:'DELETE'}).then(()=>location.reload())">Tout effacer <span lang="en">/ Clear all</span></button></p>
<table><caption class="visually-hidden">Messages reçus, du plus récent au plus ancien</caption>
<thead><tr><th scope="col">Reçu <span lang="en">/ Received</span> (UTC)</th><th scope="col">À <span lang="en">/ To</span></th><th scope="col">Objet <span lang="en">/ Subject</span></th></tr></thead><tbody>
${rows}
</tbody></table>`,
  );
}

/** One message: its headers, its HTML in a sandboxed frame, then its text version. */
export function renderMailboxMessage(mail: CaughtMail): string {
  const html = mail.html
    ? `<h2>Version HTML <span lang="en">/ HTML version</span></h2>
<iframe title="Version HTML du message" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(frameDocument(mail.html))}"></iframe>`
    : '';
  return page(
    mail.subject || 'Message',
    escapeHtml(mail.subject || '(sans objet / no subject)'),
    `<dl class="meta"><dt>Objet / Subject</dt><dd>${escapeHtml(mail.subject)}</dd>
<dt>De / From</dt><dd>${escapeHtml(mail.from)}</dd><dt>À / To</dt><dd>${escapeHtml(mail.to)}</dd>
<dt>Reçu / Received</dt><dd>${escapeHtml(mail.receivedAt)}</dd></dl>
${html}
<h2>Version texte <span lang="en">/ Text version</span></h2>
<pre>${linkify(mail.text)}</pre>`,
  );
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const notFound = (res: ServerResponse) => json(res, 404, { error: { code: 'not_found', message: 'No such message.' } });

/**
 * Serves `/_local/mail[/<id>]` (JSON; DELETE clears) and `/_local/mailbox[/<id>]` (HTML).
 * Returns false when the path is not one of these, so the caller can try other handlers.
 */
export function createMailboxRoutes(catcher: MailCatcher) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const api = /^\/_local\/mail(?:\/([^/]+))?\/?$/.exec(path);
    const inbox = /^\/_local\/mailbox(?:\/([^/]+))?\/?$/.exec(path);
    if (!api && !inbox) return false;
    const id = (api ?? inbox)![1] ?? '';

    if (api && method === 'DELETE' && !id) {
      await catcher.clear();
      res.writeHead(204).end();
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      json(res, 405, { error: { code: 'method_not_allowed', message: 'Use GET (or DELETE on /_local/mail).' } });
      return true;
    }
    if (api) {
      if (!id) json(res, 200, catcher.list());
      else {
        const mail = catcher.get(id);
        if (mail) json(res, 200, mail);
        else notFound(res);
      }
      return true;
    }
    if (!id) {
      send(res, 200, 'text/html; charset=utf-8', renderMailboxList(catcher.list()));
      return true;
    }
    const mail = catcher.get(id);
    if (mail) send(res, 200, 'text/html; charset=utf-8', renderMailboxMessage(mail));
    else send(res, 404, 'text/html; charset=utf-8', page('Message introuvable', 'Message introuvable <span lang="en">/ Message not found</span>', `<p class="empty">Message introuvable. <span lang="en">Message not found.</span></p>`));
    return true;
  };
}
