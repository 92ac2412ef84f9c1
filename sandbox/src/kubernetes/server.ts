/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * Kubernetes API subset over plain HTTP (JSON only): discovery, namespaces, secrets and Argo CD
 * Applications, with bearer-token auth and Status error bodies like kube-apiserver's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  asyncHandler,
  parseBearer,
  pathSegments,
  readBody,
  requestUrl,
  safeEqual,
  sendJson,
  type Handler,
} from '../http/util.ts';
import {
  parseLabelSelector,
  matchesSelector,
  SelectorParseError,
} from './labelSelector.ts';
import {
  deepClone,
  isObject,
  jsonPatch,
  JsonPatchError,
  mergePatch,
  type Json,
} from './patch.ts';
import {
  apiVersionOf,
  findResourceType,
  RESOURCE_TYPES,
  type ResourceType,
} from './resources.ts';
import { allows, type SimRbacRule } from './rbac.ts';
import * as S from './status.ts';
import type { KubeObject, KubeStore, Result } from './store.ts';

export interface KubernetesSimOptions {
  store: KubeStore;
  /** the token allowed everything (a cluster-admin) */
  token: string;
  /** further tokens, each a user allowed only what its rules grant (403 like kube-apiserver's RBAC otherwise) */
  accounts?: { token: string; user: string; rules: SimRbacRule[] }[];
  gitVersion?: string;
}

const JSON_TYPE = 'application/json';

function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, JSON_TYPE);
}

function sendStatus(res: ServerResponse, s: S.Status): void {
  send(res, s.code, s);
}

function sendResult(res: ServerResponse, r: Result, okCode = 200): void {
  if (!r.ok) sendStatus(res, r.status);
  else send(res, r.created ? 201 : okCode, r.object);
}

interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function userAgentManager(req: IncomingMessage): string {
  const ua = req.headers['user-agent'] ?? '';
  const prefix = ua.split('/')[0].trim();
  return prefix || 'unknown';
}

export function apiResourceList(groupVersion: string, port: string): unknown {
  void port;
  const types = RESOURCE_TYPES.filter(
    t => (t.group ? `${t.group}/${t.version}` : t.version) === groupVersion,
  );
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.map(t => ({
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
      ...(t.plural === 'namespaces' ? { shortNames: ['ns'] } : {}),
      ...(t.plural === 'applications' ? { shortNames: ['app', 'apps'] } : {}),
    })),
  };
}

function discovery(
  segs: string[],
  host: string,
  gitVersion: string,
): unknown | undefined {
  const p = segs.join('/');
  if (p === 'version') {
    const [maj, min] = gitVersion.replace(/^v/, '').split('.');
    return {
      major: maj,
      minor: min,
      gitVersion,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-11-01T00:00:00Z',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }
  if (p === 'api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: host },
      ],
    };
  }
  const argo = {
    name: 'argoproj.io',
    versions: [{ groupVersion: 'argoproj.io/v1alpha1', version: 'v1alpha1' }],
    preferredVersion: {
      groupVersion: 'argoproj.io/v1alpha1',
      version: 'v1alpha1',
    },
  };
  if (p === 'apis')
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: [argo] };
  if (p === 'apis/argoproj.io')
    return { kind: 'APIGroup', apiVersion: 'v1', ...argo };
  if (p === 'api/v1') return apiResourceList('v1', host);
  if (p === 'apis/argoproj.io/v1alpha1')
    return apiResourceList('argoproj.io/v1alpha1', host);
  return undefined;
}

function parsePath(segs: string[]): Route | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = findResourceType(group, version, rest[2]);
    if (!type || !type.namespaced || rest.length > 4) return undefined;
    return { type, namespace: rest[1], name: rest[3] };
  }
  const type = findResourceType(group, version, rest[0]);
  if (!type || rest.length > 2) return undefined;
  if (type.namespaced && rest.length === 2) return undefined;
  return { type, name: rest[1] };
}

function verbOf(method: string, route: Route): string {
  switch (method) {
    case 'GET':
      return route.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return method.toLowerCase();
  }
}

function parseJsonBody(buf: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(buf.toString('utf8')) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function createKubernetesHandler(opts: KubernetesSimOptions): Handler {
  const { store } = opts;
  const gitVersion = opts.gitVersion ?? 'v1.30.0-sandbox';

  return asyncHandler(async (req, res) => {
    const url = requestUrl(req);
    const segs = pathSegments(url.pathname);
    if (!segs) return sendStatus(res, S.badRequest('invalid path encoding'));
    const method = req.method ?? 'GET';

    if (['version', 'healthz', 'livez', 'readyz'].includes(segs.join('/'))) {
      if (segs[0] !== 'version') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      }
      return send(
        res,
        200,
        discovery(segs, req.headers.host ?? '', gitVersion),
      );
    }

    // authentication, then authorization (anonymous is allowed nothing here)
    const token = parseBearer(req);
    const account =
      token === undefined
        ? undefined
        : opts.accounts?.find(a => safeEqual(token, a.token));
    if (
      req.headers.authorization !== undefined &&
      (token === undefined || (!account && !safeEqual(token, opts.token)))
    ) {
      return sendStatus(res, S.unauthorized());
    }
    const route = parsePath(segs);
    const rbacRequest = (verb: string) =>
      route && {
        verb,
        group: route.type.group,
        resource: route.type.plural,
        namespace: route.namespace,
        name: route.name,
      };
    if (
      account &&
      route &&
      !allows(account.rules, rbacRequest(verbOf(method, route))!)
    ) {
      return sendStatus(
        res,
        S.forbidden(
          account.user,
          verbOf(method, route),
          route.type,
          route.namespace,
          route.name,
        ),
      );
    }
    if (token === undefined) {
      return sendStatus(
        res,
        route
          ? S.forbiddenAnonymous(
              verbOf(method, route),
              route.type,
              route.namespace,
              route.name,
            )
          : S.forbiddenAnonymous(method.toLowerCase(), undefined, undefined),
      );
    }

    const disc =
      method === 'GET'
        ? discovery(segs, req.headers.host ?? '', gitVersion)
        : undefined;
    if (disc) return send(res, 200, disc);
    if (!route) return sendStatus(res, S.pathNotFound());
    if (
      url.searchParams.get('watch') === 'true' ||
      url.searchParams.get('watch') === '1'
    ) {
      return sendStatus(
        res,
        S.badRequest('watch is not supported by the sandbox Kubernetes API'),
      );
    }

    const { type } = route;
    const ns = route.namespace;
    const dryRun = url.searchParams.getAll('dryRun');
    if (dryRun.some(d => d !== 'All')) {
      return sendStatus(
        res,
        S.invalid(
          {
            plural: 'createoptions',
            group: 'meta.k8s.io',
            kind: 'CreateOptions',
          },
          '',
          [
            {
              reason: 'FieldValueNotSupported',
              message: `Unsupported value: "${dryRun.find(
                d => d !== 'All',
              )}": supported values: "All"`,
              field: 'dryRun',
            },
          ],
        ),
      );
    }
    const isDryRun = dryRun.includes('All');
    const fieldManager = url.searchParams.get('fieldManager') ?? '';
    if (fieldManager.length > 128) {
      return sendStatus(
        res,
        S.invalid(
          {
            plural: 'patchoptions',
            group: 'meta.k8s.io',
            kind: 'PatchOptions',
          },
          '',
          [
            {
              reason: 'FieldValueTooLong',
              message: 'Too long: may not be longer than 128',
              field: 'fieldManager',
            },
          ],
        ),
      );
    }
    const manager = fieldManager || userAgentManager(req);

    if (method === 'GET' && !route.name) {
      let items = store.list(type, ns);
      const sel = url.searchParams.get('labelSelector');
      if (sel) {
        try {
          const reqs = parseLabelSelector(sel);
          items = items.filter(o =>
            matchesSelector(
              (o.metadata as KubeObject).labels as Record<string, string>,
              reqs,
            ),
          );
        } catch (e) {
          if (e instanceof SelectorParseError) {
            return sendStatus(
              res,
              S.badRequest(
                `unable to parse requirement: ${e.message.replace(
                  /^unable to parse requirement: /,
                  '',
                )}`,
              ),
            );
          }
          throw e;
        }
      }
      const fsel = url.searchParams.get('fieldSelector');
      if (fsel) {
        for (const part of fsel.split(',')) {
          const m = /^(metadata\.name|metadata\.namespace)(==|=|!=)(.*)$/.exec(
            part.trim(),
          );
          if (!m)
            return sendStatus(
              res,
              S.badRequest(
                `field label not supported: ${part.split(/[=!]/)[0]}`,
              ),
            );
          const field = m[1] === 'metadata.name' ? 'name' : 'namespace';
          items = items.filter(
            o =>
              ((o.metadata as KubeObject)[field] === m[3]) === (m[2] !== '!='),
          );
        }
      }
      const limit = Number(url.searchParams.get('limit') ?? '0');
      const list: KubeObject = {
        apiVersion: apiVersionOf(type),
        kind: type.listKind,
        metadata: { resourceVersion: store.resourceVersion() },
        items: items.map(o => {
          if (type.itemsCarryTypeMeta) return o;
          const c = { ...o };
          delete c.apiVersion;
          delete c.kind;
          return c;
        }) as Json[],
      };
      if (limit > 0 && (list.items as Json[]).length > limit)
        list.items = (list.items as Json[]).slice(0, limit);
      return send(res, 200, list);
    }

    if (method === 'GET')
      return sendResult(res, store.get(type, ns, route.name as string));

    if (method === 'DELETE') {
      const r = store.delete(type, ns, route.name as string, {
        dryRun: isDryRun,
      });
      if (!r.ok) return sendStatus(res, r.status);
      const meta = r.object.metadata as KubeObject;
      // Deletion that waits on finalizers (a namespace being emptied) answers with the object, not a Status.
      if (meta.deletionTimestamp) return send(res, 200, r.object);
      const details: Record<string, unknown> = { name: meta.name };
      if (type.group) details.group = type.group;
      details.kind = type.plural;
      details.uid = meta.uid;
      return send(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details,
      });
    }

    if (method === 'POST' || method === 'PUT') {
      if (method === 'POST' && route.name)
        return sendStatus(res, S.methodNotAllowed());
      if (method === 'PUT' && !route.name)
        return sendStatus(res, S.methodNotAllowed());
      const mt = mediaType(req);
      if (mt !== 'application/json' && mt !== '') {
        return sendStatus(
          res,
          S.unsupportedMediaType([
            'application/json',
            'application/yaml',
            'application/vnd.kubernetes.protobuf',
          ]),
        );
      }
      const parsed = parseJsonBody(await readBody(req));
      if ('error' in parsed)
        return sendStatus(
          res,
          S.badRequest(
            `couldn't get version/kind; json parse error: ${parsed.error}`,
          ),
        );
      if (method === 'POST')
        return sendResult(
          res,
          store.create(type, ns, parsed.value, { manager, dryRun: isDryRun }),
          201,
        );
      return sendResult(
        res,
        store.update(type, ns, route.name as string, parsed.value, {
          manager,
          dryRun: isDryRun,
        }),
      );
    }

    if (method === 'PATCH') {
      if (!route.name) return sendStatus(res, S.methodNotAllowed());
      const name = route.name;
      const mt = mediaType(req);
      if (!type.patchTypes.includes(mt))
        return sendStatus(res, S.unsupportedMediaType(type.patchTypes));
      const force = url.searchParams.get('force');
      const body = (await readBody(req)).toString('utf8');
      if (mt === 'application/apply-patch+yaml') {
        if (!fieldManager) {
          return sendStatus(
            res,
            S.invalid(
              {
                plural: 'patchoptions',
                group: 'meta.k8s.io',
                kind: 'PatchOptions',
              },
              '',
              [
                {
                  reason: 'FieldValueRequired',
                  message: 'Required value: is required for apply patch',
                  field: 'fieldManager',
                },
              ],
            ),
          );
        }
        let config: unknown;
        try {
          config = parseYaml(body);
        } catch (e) {
          return sendStatus(
            res,
            S.badRequest(`error decoding YAML: ${(e as Error).message}`),
          );
        }
        if (!isObject(config))
          return sendStatus(
            res,
            S.badRequest('error decoding YAML: the body must be an object'),
          );
        if (
          config.apiVersion !== apiVersionOf(type) ||
          config.kind !== type.kind
        ) {
          return sendStatus(
            res,
            S.badRequest(
              `the API version in the data (${String(
                config.apiVersion ?? '',
              )}) does not match the expected API version (${apiVersionOf(
                type,
              )})`,
            ),
          );
        }
        // An apply that creates the object is authorized as a create too; kube-apiserver refuses it with an
        // empty reason after "is forbidden: ".
        if (
          account &&
          !store.get(type, ns, name).ok &&
          !allows(account.rules, rbacRequest('create')!)
        ) {
          return sendStatus(res, S.forbiddenNoReason(type, name));
        }
        const r = store.apply(type, ns, name, config, {
          manager: fieldManager,
          dryRun: isDryRun,
          force: force === 'true',
        });
        return sendResult(res, r);
      }
      if (force !== null) {
        return sendStatus(
          res,
          S.invalid(
            {
              plural: 'patchoptions',
              group: 'meta.k8s.io',
              kind: 'PatchOptions',
            },
            '',
            [
              {
                reason: 'FieldValueForbidden',
                message: 'Forbidden: may not be specified for non-apply patch',
                field: 'force',
              },
            ],
          ),
        );
      }
      const current = store.get(type, ns, name);
      if (!current.ok) return sendStatus(res, current.status);
      const parsed = parseJsonBody(Buffer.from(body));
      if ('error' in parsed)
        return sendStatus(
          res,
          S.badRequest(`error decoding patch: ${parsed.error}`),
        );
      let next: Json;
      try {
        const base = deepClone(current.object);
        delete (base.metadata as KubeObject).managedFields;
        next =
          mt === 'application/json-patch+json'
            ? jsonPatch(base, parsed.value)
            : mergePatch(base, parsed.value as Json);
      } catch (e) {
        if (e instanceof JsonPatchError) {
          return sendStatus(res, {
            ...S.invalid(type, name, []),
            code: 422,
            message: `the server rejected our request due to an error in our request: ${e.message}`,
          } as S.Status);
        }
        throw e;
      }
      return sendResult(
        res,
        store.update(type, ns, name, next, { manager, dryRun: isDryRun }),
      );
    }

    return sendStatus(res, S.methodNotAllowed());
  });
}
