import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { EntityObservabilityService } from '../service/EntityObservabilityService';
import { EntityDeployer, who } from '../service/deploy/DeployService';
import { auditedDeploy } from '../service/deploy/auditedDeploy';
import { LOG_LEVELS } from '../service/sources/logLevels';

/** The zod instance the registry hands to schema builders (not necessarily this package's copy). */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

const ENTITY_REF =
  /^[a-z][a-z0-9]{0,62}:[a-z0-9][a-z0-9._-]{0,62}\/[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/;

const entityRefField = (z: Zod) =>
  z
    .string()
    .max(320)
    .regex(
      ENTITY_REF,
      'entityRef must be a full entity reference kind:namespace/name, e.g. component:default/msa-nginx',
    )
    .describe('Full entity reference, kind:namespace/name');

const rangeFields = (z: Zod) => ({
  start: z
    .string()
    .max(64)
    .optional()
    .describe('ISO-8601 time or relative like now-1h; default one hour ago'),
  end: z
    .string()
    .max(64)
    .optional()
    .describe('ISO-8601 time or relative like now; default now'),
});

/** The wire form of one source's answer: data, or an error an agent can explain (never thrown). */
const sourceResultOutput = (z: Zod) =>
  z.object({
    ok: z.boolean(),
    value: z
      .record(z.unknown())
      .optional()
      .describe('The source data (same JSON as the GET route)'),
    error: z
      .object({
        kind: z.string(),
        status: z.number().optional(),
        message: z.string(),
      })
      .optional()
      .describe('Why the source could not answer'),
  });

function entityRefOf(raw: string): CompoundEntityRef {
  try {
    return parseEntityRef(raw);
  } catch {
    throw new InputError(
      `entityRef '${raw}' is not a full entity reference kind:namespace/name`,
    );
  }
}

/** Query-string form of action input (the sources validate it exactly as their routes do). */
function asQuery(input: Record<string, unknown>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'entityRef' || value === undefined) continue;
    query[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return query;
}

function json<T>(value: T): any {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Registers the platform's actions in Backstage's actions registry (served to agents over MCP by
 * `@backstage/plugin-mcp-actions-backend`): read-only health, alerts, logs, traces and builds, and the deploy.
 * Each calls the same service as the routes with the caller's own credentials, so the same catalog visibility
 * and permissions (`platform.entity.read`, `platform.deploy.write`) apply, and the same input validation.
 */
export function registerPlatformActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: EntityObservabilityService;
  deployer: EntityDeployer;
  auditor?: AuditorService;
}): string[] {
  const { actionsRegistry, service, deployer, auditor } = options;
  const names: string[] = [];
  const register: ActionsRegistryService['register'] = action => {
    actionsRegistry.register(action);
    names.push(action.name);
  };

  const read = async (
    sourceId: string,
    input: Record<string, unknown>,
    credentials: BackstageCredentials,
  ) => {
    const source = service.source(sourceId);
    const query = source.query ? source.query.parse(asQuery(input)) : undefined;
    return json(
      await service.read(
        source,
        { ref: entityRefOf(String(input.entityRef)), credentials },
        query,
      ),
    );
  };

  register({
    name: 'get-entity-health',
    title: 'Entity health',
    description:
      'The health verdict (healthy, degraded, down, unknown) of a catalog entity with its reasons, over Argo CD, alerts, metrics and builds, and each source result behind it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefField(z) }),
      output: z =>
        z.object({
          verdict: z.string(),
          reasons: z.array(z.record(z.unknown())),
          sources: z.record(z.unknown()),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: json(
        await service.health({
          ref: entityRefOf(input.entityRef),
          credentials,
        }),
      ),
    }),
  });

  /** A read-only action answering with one source's result, its input validated as the source's route does. */
  const registerSourceRead = (tool: {
    name: string;
    title: string;
    description: string;
    sourceId: string;
    /** Input beside `entityRef`: the source's query, as its route takes it. */
    fields?: (z: Zod) => Parameters<Zod['object']>[0];
  }) =>
    register({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      attributes: { readOnly: true, idempotent: true, destructive: false },
      schema: {
        input: z =>
          z.object({ entityRef: entityRefField(z), ...tool.fields?.(z) }),
        output: sourceResultOutput,
      },
      action: async ({ input, credentials }) => ({
        output: await read(tool.sourceId, input, credentials),
      }),
    });

  registerSourceRead({
    name: 'get-entity-alerts',
    title: 'Entity alerts',
    description:
      "Firing, pending and silenced Prometheus/Alertmanager alerts of a catalog entity's workload.",
    sourceId: 'alerts',
  });

  registerSourceRead({
    name: 'query-entity-logs',
    title: 'Query entity logs',
    description:
      "Log lines of a catalog entity's workload from Loki (newest first by default), filtered by level, text or trace id.",
    sourceId: 'logs',
    fields: z => ({
      ...rangeFields(z),
      limit: z
        .number()
        .int()
        .min(1)
        .max(5000)
        .optional()
        .describe('Lines at most (the server caps it)'),
      direction: z.enum(['backward', 'forward']).optional(),
      level: z.array(z.enum(LOG_LEVELS)).max(LOG_LEVELS.length).optional(),
      text: z.string().max(256).optional().describe('Text the line holds'),
      traceId: z.string().max(32).optional(),
    }),
  });

  registerSourceRead({
    name: 'search-entity-traces',
    title: 'Search entity traces',
    description:
      "Recent traces of a catalog entity's service from Tempo: root span, duration, error flag.",
    sourceId: 'traces',
    fields: z => ({
      ...rangeFields(z),
      minDurationMs: z.number().int().min(0).max(3_600_000).optional(),
      errorsOnly: z.boolean().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  });

  registerSourceRead({
    name: 'get-entity-builds',
    title: 'Entity builds',
    description:
      "Recent Jenkins builds of a catalog entity's job: number, result (SUCCESS, FAILURE, RUNNING...), start and duration.",
    sourceId: 'builds',
  });

  register({
    name: 'deploy-entity-build',
    title: 'Deploy a build',
    description:
      'Deploys (rolls back or forward) a build of a catalog entity that succeeded: commits its image tag to the msa_deploy GitOps repository, which Argo CD syncs. Needs platform.deploy.write on the entity (its owners). Use dryRun to preview the diff first.',
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          build: z
            .number()
            .int()
            .min(1)
            .max(999_999_999)
            .describe('Jenkins build number (the image tag)'),
          dryRun: z
            .boolean()
            .optional()
            .describe('Only preview the commit; nothing is pushed'),
        }),
      output: z =>
        z.object({
          dryRun: z.boolean(),
          build: z.number(),
          jobFullName: z.string(),
          path: z.string(),
          previousTag: z.string(),
          tag: z.string(),
          diff: z.string(),
          commitSha: z.string().optional(),
          commitUrl: z.string().optional(),
          attempts: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = entityRefOf(input.entityRef);
      const body = { build: input.build, dryRun: input.dryRun };
      const response = await auditedDeploy(
        auditor,
        {
          entityRef: stringifyEntityRef(ref),
          body,
          via: 'action',
          actor: who(credentials),
        },
        () => deployer.deploy({ ref, credentials }, body),
      );
      return { output: json(response) };
    },
  });

  return names;
}
