import type { WeeklyDigest } from '../domain/report';
export function renderDigestMail(digest: WeeklyDigest, ctx: { consoleUrl: string; operatorName: string }) {
  return { subject: `Digest ${digest.week}`, text: `${ctx.consoleUrl}`, html: `<p>${digest.week} ${digest.menteesWaiting.length}</p>` };
}
