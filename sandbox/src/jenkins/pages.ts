/**
 * Readable HTML for the Jenkins URLs the portal links to (job, build, console), served to a browser that asks
 * for HTML without credentials: the sandbox's stand-in for a Jenkins with anonymous read. API clients send
 * credentials and never get these. Every value is escaped.
 */
import { colorOf, jobUrl, type Build, type Item, type Job } from './model.ts';

export interface Page {
  status: number;
  body: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}header{background:#2b2b2b;color:#fff;padding:10px 16px}
header a{color:#fff}main{padding:16px;max-width:1100px}table{border-collapse:collapse}td,th{padding:4px 12px 4px 0;text-align:left}
pre{background:#f6f6f6;padding:12px;overflow:auto;white-space:pre-wrap;word-break:break-word}.muted{color:#555}`;

function layout(
  title: string,
  crumbs: Array<[string, string]>,
  body: string,
): string {
  const trail = crumbs
    .map(
      ([href, text]) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
    )
    .join(' » ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(
    title,
  )} [Jenkins]</title><style>${STYLE}</style></head><body><header>Jenkins (sandbox) · ${trail}</header><main>${body}</main></body></html>`;
}

function crumbsOf(base: string, path: string[]): Array<[string, string]> {
  return [
    [`${base}/`, 'Dashboard'],
    ...path.map((name, i): [string, string] => [
      jobUrl(base, path.slice(0, i + 1)),
      name,
    ]),
  ];
}

function resultOf(b: Build): string {
  return b.building ? 'RUNNING' : b.result ?? 'NOT_BUILT';
}

function when(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function jobPage(job: Job, path: string[], base: string): Page {
  const url = jobUrl(base, path);
  const rows = [...job.builds]
    .sort((a, b) => b.number - a.number)
    .map(
      b =>
        `<tr><td><a href="${escapeHtml(`${url}${b.number}/`)}">#${
          b.number
        }</a></td><td>${resultOf(b)}</td><td>${when(
          b.timestamp,
        )}</td><td>${seconds(b.duration)}</td><td><a href="${escapeHtml(
          `${url}${b.number}/console`,
        )}">console</a></td></tr>`,
    )
    .join('');
  const body = `<h1>${escapeHtml(
    path.join(' » '),
  )}</h1><p class="muted">${escapeHtml(
    job.description || 'Pipeline',
  )} · status ${escapeHtml(colorOf(job))}${
    job.disabled ? ' · disabled' : ''
  }</p>
<h2>Builds</h2>${
    rows
      ? `<table><thead><tr><th>Build</th><th>Result</th><th>Started</th><th>Duration</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p>No builds yet.</p>'
  }`;
  return {
    status: 200,
    body: layout(path.join(' » '), crumbsOf(base, path), body),
  };
}

function buildPage(path: string[], b: Build, base: string): Page {
  const url = `${jobUrl(base, path)}${b.number}/`;
  const body = `<h1>${escapeHtml(path.join(' » '))} #${b.number}</h1><table>
<tr><th>Result</th><td>${resultOf(b)}</td></tr><tr><th>Started</th><td>${when(
    b.timestamp,
  )}</td></tr>
<tr><th>Duration</th><td>${seconds(b.duration)}</td></tr>${
    b.deployCommit
      ? `<tr><th>Deploy commit</th><td><code>${escapeHtml(
          b.deployCommit,
        )}</code></td></tr>`
      : ''
  }
</table><p><a href="${escapeHtml(
    `${url}console`,
  )}">Console output</a> · <a href="${escapeHtml(
    `${url}consoleText`,
  )}">plain text</a></p>`;
  return {
    status: 200,
    body: layout(
      `${path.join(' » ')} #${b.number}`,
      [...crumbsOf(base, path), [url, `#${b.number}`]],
      body,
    ),
  };
}

function consolePage(path: string[], b: Build, base: string): Page {
  const url = `${jobUrl(base, path)}${b.number}/`;
  const body = `<h1>Console output of #${b.number}</h1><pre>${escapeHtml(
    b.log.join('\n'),
  )}</pre>`;
  return {
    status: 200,
    body: layout(
      `${path.join(' » ')} #${b.number} Console`,
      [
        ...crumbsOf(base, path),
        [url, `#${b.number}`],
        [`${url}console`, 'Console'],
      ],
      body,
    ),
  };
}

/**
 * The page for a job (`rest` empty), a build (`[n]`) or its console (`[n, 'console']`); undefined for any other
 * URL (the API then answers as before).
 */
export function browserPage(
  item: Item | undefined,
  path: string[],
  rest: string[],
  base: string,
  findBuild: (job: Job, ref: string) => Build | undefined,
): Page | undefined {
  if (!item || item.type !== 'job' || path.length === 0) return undefined;
  if (rest.length === 0) return jobPage(item, path, base);
  if (rest.length > 2 || (rest.length === 2 && rest[1] !== 'console'))
    return undefined;
  const b = findBuild(item, rest[0]);
  if (!b) return undefined;
  return rest.length === 1
    ? buildPage(path, b, base)
    : consolePage(path, b, base);
}
