/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * Argo CD API server simulator (REST side of the grpc-gateway): sessions, applications list/get/create,
 * resource-tree and sync. Applications live in the shared Kubernetes store (namespace `argocd`).
 */
import type { IncomingMessage } from 'node:http';
import {
  asyncHandler,
  parseBearer,
  parseCookies,
  pathSegments,
  readBody,
  requestUrl,
  safeEqual,
  sendJson,
  type Handler,
} from '../http/util.ts';
import {
  matchesSelector,
  parseLabelSelector,
  SelectorParseError,
} from '../kubernetes/labelSelector.ts';
import { deepEqual } from '../kubernetes/patch.ts';
import { APPLICATIONS } from '../kubernetes/resources.ts';
import type { KubeObject, KubeStore } from '../kubernetes/store.ts';
import { GRPC, sendGrpcError } from './errors.ts';
import { parseHealthSwitch } from './healthSwitch.ts';
import { filterFields, parseFields } from './fields.ts';
import { applicationPage, applicationPath } from './pages.ts';
import { resourceTree } from './manifests.ts';
import { ARGOCD_NAMESPACE, type Reconciler } from './reconciler.ts';
import { SessionManager } from './session.ts';

export interface ArgoCdSimOptions {
  store: KubeStore;
  reconciler: Reconciler;
  token: string;
  username: string;
  password: string;
  /** projects that exist (Argo CD always has `default`) */
  projects?: string[];
}

type Rec = Record<string, any>;

function present(app: KubeObject): KubeObject {
  const out = { ...app, metadata: { ...(app.metadata as Rec) } };
  delete (out.metadata as Rec).managedFields;
  return out;
}

async function readJson(
  req: IncomingMessage,
): Promise<{ value: unknown } | { error: string }> {
  const buf = await readBody(req);
  if (buf.length === 0) return { value: {} };
  try {
    return { value: JSON.parse(buf.toString('utf8')) };
  } catch (e) {
    return {
      error: `invalid character in request body: ${(e as Error).message}`,
    };
  }
}

export function createArgoCdHandler(opts: ArgoCdSimOptions): Handler {
  const sessions = new SessionManager(opts.token);
  const projects = new Set(opts.projects ?? ['default', 'msa']);
  const { store, reconciler } = opts;

  const authenticate = (
    req: IncomingMessage,
  ): { user: string } | { error: string } => {
    const token = parseBearer(req) ?? parseCookies(req).get('argocd.token');
    if (!token) return { error: 'no session information' };
    return sessions.verify(token);
  };

  return asyncHandler(async (req, res) => {
    const url = requestUrl(req);
    const segs = pathSegments(url.pathname);
    const method = req.method ?? 'GET';
    if (!segs) return sendGrpcError(res, GRPC.InvalidArgument, 'invalid path');
    const p = segs.join('/');

    if (p === 'healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (p === 'api/version' && method === 'GET') {
      return sendJson(res, 200, {
        Version: 'v3.1.0+sandbox',
        BuildDate: '2026-11-01T00:00:00Z',
        GitCommit: 'sandbox',
        GitTreeState: 'clean',
        GoVersion: 'go1.24.0',
        Compiler: 'gc',
        Platform: 'linux/amd64',
      });
    }
    if (p === 'api/v1/session' && method === 'POST') {
      const body = await readJson(req);
      const v = 'value' in body ? (body.value as Rec) : undefined;
      if (
        !v ||
        typeof v !== 'object' ||
        typeof v.username !== 'string' ||
        typeof v.password !== 'string' ||
        !safeEqual(v.username, opts.username) ||
        !safeEqual(v.password, opts.password)
      ) {
        return sendGrpcError(
          res,
          GRPC.Unauthenticated,
          'Invalid username or password',
        );
      }
      const token = sessions.issue(v.username);
      return sendJson(res, 200, { token }, 'application/json', {
        'Set-Cookie': `argocd.token=${token}; path=/; SameSite=lax; httpOnly`,
      });
    }
    // The UI URL the portal links to: a read-only page of the application instead of a JSON 404.
    const page = method === 'GET' ? applicationPath(segs) : undefined;
    if (page && (req.headers.accept ?? '').includes('text/html')) {
      const got =
        page.namespace === undefined || page.namespace === ARGOCD_NAMESPACE
          ? store.get(APPLICATIONS, ARGOCD_NAMESPACE, page.name)
          : undefined;
      const status = got?.ok ? 200 : 404;
      const html = got?.ok
        ? applicationPage(got.object)
        : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found - Argo CD (sandbox)</title></head><body><h1>Application not found</h1></body></html>`;
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
      });
      res.end(html);
      return;
    }
    if (segs[0] !== 'api')
      return sendGrpcError(res, GRPC.NotFound, 'Not Found');

    const auth = authenticate(req);
    if ('error' in auth)
      return sendGrpcError(res, GRPC.Unauthenticated, auth.error);

    if (p === 'api/v1/session/userinfo' && method === 'GET') {
      return sendJson(res, 200, {
        loggedIn: true,
        username: auth.user,
        iss: 'argocd',
      });
    }
    if (p === 'api/v1/session' && method === 'DELETE')
      return sendJson(res, 200, {});

    // The sandbox's own switch (not an Argo CD API): hold an Application Degraded, or release it.
    if (
      segs[1] === 'sandbox' &&
      segs[2] === 'applications' &&
      segs.length === 5 &&
      segs[4] === 'health'
    ) {
      if (method !== 'PUT')
        return sendGrpcError(
          res,
          GRPC.Unimplemented,
          `Method not implemented: ${method} /${p} (use PUT)`,
        );
      const body = await readJson(req);
      if ('error' in body)
        return sendGrpcError(res, GRPC.InvalidArgument, body.error);
      const parsed = parseHealthSwitch(body.value, segs[3]);
      if (!parsed.ok)
        return sendGrpcError(res, GRPC.InvalidArgument, parsed.error);
      const updated = reconciler.setHeldDegraded(
        segs[3],
        parsed.value.status === 'Degraded' ? parsed.value.message : undefined,
      );
      if (!updated)
        return sendGrpcError(
          res,
          GRPC.NotFound,
          `applications.argoproj.io "${segs[3]}" not found`,
        );
      return sendJson(res, 200, {
        name: segs[3],
        health: (updated.status as Rec | undefined)?.health ?? {},
      });
    }
    if (segs[1] !== 'v1' || segs[2] !== 'applications')
      return sendGrpcError(
        res,
        GRPC.Unimplemented,
        `Method not implemented: ${method} /${p}`,
      );

    const appNamespace =
      url.searchParams.get('appNamespace') || ARGOCD_NAMESPACE;
    if (appNamespace !== ARGOCD_NAMESPACE)
      return sendGrpcError(res, GRPC.PermissionDenied, 'permission denied');

    // list
    if (segs.length === 3 && method === 'GET') {
      let items = store.list(APPLICATIONS, ARGOCD_NAMESPACE);
      const name = url.searchParams.get('name');
      if (name) items = items.filter(a => (a.metadata as Rec).name === name);
      const wanted = [
        ...url.searchParams.getAll('projects'),
        ...url.searchParams.getAll('project'),
      ]
        .flatMap(s => s.split(','))
        .filter(Boolean);
      if (wanted.length)
        items = items.filter(a =>
          wanted.includes((a.spec as Rec | undefined)?.project),
        );
      const repo = url.searchParams.get('repo');
      if (repo)
        items = items.filter(a => {
          const s = (a.spec as Rec | undefined) ?? {};
          const urls = [
            s.source?.repoURL,
            ...(Array.isArray(s.sources)
              ? s.sources.map((x: Rec) => x?.repoURL)
              : []),
          ];
          return urls.some(
            u =>
              typeof u === 'string' &&
              u.replace(/\.git$/, '').replace(/\/$/, '') ===
                repo.replace(/\.git$/, '').replace(/\/$/, ''),
          );
        });
      const selector = url.searchParams.get('selector');
      if (selector) {
        try {
          const reqs = parseLabelSelector(selector);
          items = items.filter(a =>
            matchesSelector((a.metadata as Rec).labels, reqs),
          );
        } catch (e) {
          if (e instanceof SelectorParseError)
            return sendGrpcError(
              res,
              GRPC.InvalidArgument,
              `error parsing the selector: ${e.message}`,
            );
          throw e;
        }
      }
      items.sort((a, b) =>
        String((a.metadata as Rec).name).localeCompare(
          String((b.metadata as Rec).name),
        ),
      );
      const list = {
        metadata: { resourceVersion: store.resourceVersion() },
        items: items.map(present),
      };
      const fields = parseFields(url.searchParams.get('fields'));
      return sendJson(res, 200, fields ? filterFields(list, fields) : list);
    }

    // create
    if (segs.length === 3 && method === 'POST') {
      const body = await readJson(req);
      if ('error' in body)
        return sendGrpcError(res, GRPC.InvalidArgument, body.error);
      const app = body.value as Rec;
      if (!app || typeof app !== 'object' || Array.isArray(app))
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'application body must be an object',
        );
      const meta = (app.metadata ?? {}) as Rec;
      const name = meta.name;
      if (typeof name !== 'string' || !name)
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'Application.argoproj.io "" is invalid: metadata.name: Required value: name or generateName is required',
        );
      if (meta.namespace && meta.namespace !== ARGOCD_NAMESPACE)
        return sendGrpcError(res, GRPC.PermissionDenied, 'permission denied');
      const spec = app.spec as Rec | undefined;
      if (!spec || typeof spec !== 'object')
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application spec for ${name} is invalid: InvalidSpecError: spec is required`,
        );
      const project = spec.project || 'default';
      if (!projects.has(project))
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application references project ${project} which does not exist`,
        );
      if (
        !spec.source &&
        !(Array.isArray(spec.sources) && spec.sources.length)
      ) {
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application spec for ${name} is invalid: InvalidSpecError: Unable to generate manifests: spec.source or spec.sources must be specified`,
        );
      }
      const src = spec.source ?? spec.sources[0];
      if (!src || typeof src.repoURL !== 'string' || !src.repoURL) {
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application spec for ${name} is invalid: InvalidSpecError: repository not accessible: repoURL is required`,
        );
      }
      if (
        !spec.destination ||
        (!spec.destination.server && !spec.destination.name)
      ) {
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application destination spec for ${name} is invalid: InvalidSpecError: an application destination requires either a server or a name`,
        );
      }
      const upsert = url.searchParams.get('upsert') === 'true';
      const existing = store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
      const toStore: Rec = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name,
          namespace: ARGOCD_NAMESPACE,
          ...(meta.labels ? { labels: meta.labels } : {}),
          ...(meta.annotations ? { annotations: meta.annotations } : {}),
          ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
        },
        spec: { ...spec, project },
      };
      if (existing.ok) {
        const same =
          deepEqual(existing.object.spec, toStore.spec) &&
          deepEqual(
            (existing.object.metadata as Rec).labels,
            meta.labels ?? (existing.object.metadata as Rec).labels,
          );
        if (same) return sendJson(res, 200, present(existing.object));
        if (!upsert)
          return sendGrpcError(
            res,
            GRPC.InvalidArgument,
            'existing application spec is different; use upsert flag to force update',
          );
        const merged = {
          ...existing.object,
          metadata: {
            ...(existing.object.metadata as Rec),
            ...toStore.metadata,
          },
          spec: toStore.spec,
        };
        delete (merged.metadata as Rec).managedFields;
        const r = store.update(APPLICATIONS, ARGOCD_NAMESPACE, name, merged, {
          manager: 'argocd-server',
        });
        if (!r.ok)
          return sendGrpcError(res, GRPC.InvalidArgument, r.status.message);
        return sendJson(res, 200, present(r.object));
      }
      const r = store.create(APPLICATIONS, ARGOCD_NAMESPACE, toStore, {
        manager: 'argocd-server',
      });
      if (!r.ok)
        return sendGrpcError(
          res,
          r.status.code === 409 ? GRPC.AlreadyExists : GRPC.InvalidArgument,
          r.status.message,
        );
      return sendJson(res, 200, present(r.object));
    }

    const name = segs[3];
    if (!name) return sendGrpcError(res, GRPC.NotFound, 'Not Found');
    const project = url.searchParams.get('project');
    const lookup = (): KubeObject | undefined => {
      const got = store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
      if (!got.ok) return undefined;
      if (project && (got.object.spec as Rec | undefined)?.project !== project)
        return undefined;
      return got.object;
    };
    const missing = () =>
      project
        ? sendGrpcError(
            res,
            GRPC.NotFound,
            `applications.argoproj.io "${name}" not found`,
          )
        : sendGrpcError(res, GRPC.PermissionDenied, 'permission denied');

    if (segs.length === 4 && method === 'GET') {
      const app = lookup();
      if (!app) return missing();
      return sendJson(res, 200, present(app));
    }
    if (segs.length === 4 && method === 'DELETE') {
      const app = lookup();
      if (!app) return missing();
      store.delete(APPLICATIONS, ARGOCD_NAMESPACE, name);
      return sendJson(res, 200, {});
    }
    if (segs.length === 5 && segs[4] === 'resource-tree' && method === 'GET') {
      const app = lookup();
      if (!app) return missing();
      const st = (app.status ?? {}) as Rec;
      const rev = st.sync?.revision as string | undefined;
      const m = rev ? await reconciler.manifestsAt(app, rev) : undefined;
      const created =
        ((app.metadata as Rec).creationTimestamp as string) ??
        new Date().toISOString();
      const nodes = m
        ? resourceTree(m.resources, st.health?.status === 'Healthy', created)
        : [];
      return sendJson(res, 200, { nodes, orphanedNodes: [], hosts: [] });
    }
    if (segs.length === 5 && segs[4] === 'sync' && method === 'POST') {
      const app = lookup();
      if (!app) return missing();
      const body = await readJson(req);
      if ('error' in body)
        return sendGrpcError(res, GRPC.InvalidArgument, body.error);
      const b = (body.value ?? {}) as Rec;
      if (typeof b !== 'object' || Array.isArray(b))
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'sync request must be an object',
        );
      if (b.name !== undefined && b.name !== name)
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          `application name in body (${String(
            b.name,
          )}) does not match the URL (${name})`,
        );
      if (b.revision !== undefined && typeof b.revision !== 'string')
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'revision must be a string',
        );
      if (b.resources !== undefined && !Array.isArray(b.resources))
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'resources must be a list',
        );
      if (
        b.syncOptions !== undefined &&
        (typeof b.syncOptions !== 'object' ||
          (b.syncOptions.items !== undefined &&
            !Array.isArray(b.syncOptions.items)))
      ) {
        return sendGrpcError(
          res,
          GRPC.InvalidArgument,
          'syncOptions.items must be a list',
        );
      }
      if (reconciler.isRunning(app))
        return sendGrpcError(
          res,
          GRPC.FailedPrecondition,
          'another operation is already in progress',
        );
      const sha = await reconciler.resolveRevision(
        app,
        b.revision || undefined,
      );
      if (!sha) {
        return sendGrpcError(
          res,
          GRPC.Unknown,
          `rpc error: code = Unknown desc = unable to resolve '${String(
            b.revision || 'HEAD',
          )}' to a commit SHA`,
        );
      }
      if (b.dryRun === true) return sendJson(res, 200, present(app));
      const updated = reconciler.startOperation(name, sha, {
        username: auth.user,
      });
      return sendJson(res, 200, present(updated ?? app));
    }
    return sendGrpcError(
      res,
      GRPC.Unimplemented,
      `Method not implemented: ${method} /${p}`,
    );
  });
}
