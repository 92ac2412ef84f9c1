/**
 * A readable HTML page for the Argo CD application URL the portal links to (`/applications/<ns>/<name>` or
 * `/applications/<name>`), in place of Argo CD's single-page UI: status, operation, source, images, history.
 * Read-only and served to a browser asking for HTML; every value is escaped.
 */
import type { KubeObject } from '../kubernetes/store.ts';

type Rec = Record<string, any>;

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}header{background:#0d1f2d;color:#fff;padding:10px 16px}
main{padding:16px;max-width:1100px}table{border-collapse:collapse;margin-bottom:16px}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}
code{word-break:break-all}.muted{color:#555}`;

/** The application's name and namespace from the path after `/applications/`, or undefined when it is not one. */
export function applicationPath(
  segs: string[],
): { namespace?: string; name: string } | undefined {
  if (segs[0] !== 'applications') return undefined;
  const valid = (s: string | undefined) =>
    s !== undefined && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(s);
  if (segs.length === 2 && valid(segs[1])) return { name: segs[1] };
  if (segs.length === 3 && valid(segs[1]) && valid(segs[2]))
    return { namespace: segs[1], name: segs[2] };
  return undefined;
}

function row(label: string, value: unknown): string {
  return value === undefined || value === null || value === ''
    ? ''
    : `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

export function applicationPage(app: KubeObject): string {
  const meta = app.metadata as Rec;
  const spec = (app.spec ?? {}) as Rec;
  const status = ((app as Rec).status ?? {}) as Rec;
  const source = (spec.source ?? spec.sources?.[0] ?? {}) as Rec;
  const op = (status.operationState ?? {}) as Rec;
  const images: string[] = status.summary?.images ?? [];
  const history: Rec[] = [...(status.history ?? [])].reverse();
  const resources: Rec[] = status.resources ?? [];
  const title = `${meta.namespace ? `${meta.namespace}/` : ''}${meta.name}`;
  const body = `<h1>${escapeHtml(meta.name)}</h1>
<p><strong>${escapeHtml(
    status.sync?.status ?? 'Unknown',
  )}</strong> · <strong>${escapeHtml(
    status.health?.status ?? 'Unknown',
  )}</strong>${
    status.reconciledAt
      ? ` <span class="muted">· reconciled ${escapeHtml(
          status.reconciledAt,
        )}</span>`
      : ''
  }</p>
<table>${row('Project', spec.project)}${row('Repository', source.repoURL)}${row(
    'Path',
    source.path,
  )}${row('Target revision', source.targetRevision)}${row(
    'Synced revision',
    status.sync?.revision,
  )}${row(
    'Destination',
    `${spec.destination?.server ?? spec.destination?.name ?? ''} / ${
      spec.destination?.namespace ?? ''
    }`,
  )}</table>
<h2>Last operation</h2>${
    op.phase
      ? `<table>${row('Phase', op.phase)}${row('Message', op.message)}${row(
          'Started',
          op.startedAt,
        )}${row('Finished', op.finishedAt)}${row(
          'Initiated by',
          op.operation?.initiatedBy?.username ??
            (op.operation?.initiatedBy?.automated ? 'automated' : undefined),
        )}</table>`
      : '<p>None yet.</p>'
  }
<h2>Images</h2>${
    images.length
      ? `<ul>${images
          .map(i => `<li><code>${escapeHtml(i)}</code></li>`)
          .join('')}</ul>`
      : '<p>None.</p>'
  }
<h2>Resources</h2>${
    resources.length
      ? `<table><thead><tr><th>Kind</th><th>Name</th><th>Status</th><th>Health</th></tr></thead><tbody>${resources
          .map(
            r =>
              `<tr><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(
                r.name,
              )}</td><td>${escapeHtml(r.status)}</td><td>${escapeHtml(
                r.health?.status,
              )}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>None.</p>'
  }
<h2>History</h2>${
    history.length
      ? `<table><thead><tr><th>#</th><th>Revision</th><th>Deployed</th></tr></thead><tbody>${history
          .map(
            h =>
              `<tr><td>${escapeHtml(h.id)}</td><td><code>${escapeHtml(
                h.revision ?? h.revisions?.[0],
              )}</code></td><td>${escapeHtml(h.deployedAt)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No deployments yet.</p>'
  }`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(
    title,
  )} - Argo CD (sandbox)</title><style>${STYLE}</style></head><body><header>Argo CD (sandbox) · Applications · ${escapeHtml(
    title,
  )}</header><main>${body}</main></body></html>`;
}
