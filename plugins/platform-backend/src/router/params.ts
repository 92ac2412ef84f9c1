import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { TimeRange, resolveRange } from '../service/timeRange';

const LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'unknown',
] as const;
const MAX_RANGE_MS = 7 * 24 * 3_600_000;

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine(
      n => n >= min && n <= max,
      `${name} must be a whole number from ${min} to ${max}`,
    );

const instant = z.string().max(64, 'start/end are at most 64 characters');

const rangeShape = { start: instant.optional(), end: instant.optional() };

const levelList = z
  .union([z.string(), z.array(z.string())])
  .transform(value =>
    (Array.isArray(value) ? value : [value])
      .flatMap(v => v.split(','))
      .map(v => v.trim()),
  )
  .refine(
    levels => levels.every(Boolean),
    `level has an empty entry; give one or more of ${LEVELS.join(', ')}`,
  )
  .pipe(
    z
      .array(
        z.enum(LEVELS, {
          errorMap: () => ({
            message: `level must be among ${LEVELS.join(', ')}`,
          }),
        }),
      )
      .max(7),
  );

const traceIdParam = z
  .string()
  .regex(/^[0-9a-fA-F]{1,32}$/, 'traceId must be 1-32 hex digits')
  .transform(v => v.toLowerCase());

/** `GET .../metrics` */
export const metricsQuerySchema = z
  .object({
    ...rangeShape,
    stepSeconds: wholeNumber('stepSeconds', 1, 86400).optional(),
  })
  .strict();

/** `GET .../logs` */
export const logsQuerySchema = z
  .object({
    ...rangeShape,
    limit: wholeNumber('limit', 1, 5000).optional(),
    direction: z
      .enum(['backward', 'forward'], {
        errorMap: () => ({ message: 'direction must be backward or forward' }),
      })
      .optional(),
    level: levelList.optional(),
    text: z
      .string()
      .max(256, 'text is at most 256 characters')
      .refine(
        v => !/\p{Cc}/u.test(v),
        'text must not contain control characters (line breaks, tabs, NUL)',
      )
      .optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{16,32}$/, 'traceId must be 16-32 hex digits')
      .transform(v => v.toLowerCase())
      .optional(),
  })
  .strict();

/** `GET .../logs/tail` */
export const tailQuerySchema = logsQuerySchema
  .pick({ level: true, text: true, traceId: true })
  .strict();

/** `GET .../traces` */
export const tracesQuerySchema = z
  .object({
    ...rangeShape,
    minDurationMs: wholeNumber('minDurationMs', 0, 3_600_000).optional(),
    errorsOnly: z
      .enum(['true', 'false'], {
        errorMap: () => ({ message: 'errorsOnly must be true or false' }),
      })
      .transform(v => v === 'true')
      .optional(),
    limit: wholeNumber('limit', 1, 1000).optional(),
  })
  .strict();

/** Routes without query parameters. */
export const noQuerySchema = z.object({}).strict();

/** Routes without query parameters: an empty query passes without a schema run; anything else is a 400. */
export function noQueryOrThrow(query: object): void {
  for (const key in query) {
    if (Object.prototype.hasOwnProperty.call(query, key)) {
      parseOrThrow(noQuerySchema, query);
      return;
    }
  }
}

const MAX_SEGMENT = 253;
const isSegment = (value: string | undefined): value is string =>
  typeof value === 'string' &&
  value.trim().length > 0 &&
  value.length <= MAX_SEGMENT;

/**
 * `:namespace/:kind/:name` of the entity routes, lower-cased like the catalog compares refs; each 1-253
 * characters, else a 400. Checked by hand: it runs on every request.
 */
export function entityParamsOrThrow(
  params: Record<string, string | undefined>,
): CompoundEntityRef {
  const { namespace, kind, name } = params;
  if (!isSegment(namespace) || !isSegment(kind) || !isSegment(name)) {
    const bad = (['namespace', 'kind', 'name'] as const).filter(
      key => !isSegment(params[key]),
    );
    throw new InputError(
      `Invalid request: ${bad.join(
        ', ',
      )} must be 1-${MAX_SEGMENT} characters, not blank`,
    );
  }
  return {
    namespace: namespace!.toLocaleLowerCase('en-US'),
    kind: kind!.toLocaleLowerCase('en-US'),
    name: name!.toLocaleLowerCase('en-US'),
  };
}

/** `:traceId` */
export const traceIdSchema = traceIdParam;

/** Validates with a schema; a failure is a 400 naming the parameter and what it allows. */
export function parseOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const messages = result.error.issues.map(issue => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown parameter(s) ${issue.keys.join(', ')}; allowed: ${
          allowedKeys(schema).join(', ') || 'none'
        }`;
      }
      const name = issue.path.join('.');
      return name && !issue.message.startsWith(`${issue.path[0]} `)
        ? `${name}: ${issue.message}`
        : issue.message;
    });
    throw new InputError(
      `Invalid request: ${[...new Set(messages)].join('; ')}`,
    );
  }
  return result.data;
}

/** Query parameters that may be given more than once (their values add up). */
const REPEATABLE = new Set(['level', 'owner']);
/** Query parameters whose value may be blank: a search for spaces is a search. */
const BLANK_ALLOWED = new Set(['text']);

/**
 * A route's query string, checked for the shapes a schema would only call "Expected string, received array":
 * a parameter given twice, the `name[...]` forms the query parser turns into arrays and objects, and blank
 * values (`level=%20` is a mistake, not "no filter"). Each problem is a 400 naming the parameter; then the
 * schema runs.
 */
export function queryOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  query: Record<string, unknown>,
): z.infer<T> {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
      if (!REPEATABLE.has(name)) {
        problems.push(`${name} is given ${value.length} times; give it once`);
      } else if (value.some(v => v.trim() === '')) {
        problems.push(
          `${name} is blank in one of its values; leave it out or give a value`,
        );
      }
    } else if (typeof value !== 'string') {
      problems.push(
        `${name} must be a plain value (name=value); the ${name}[...] form is not accepted`,
      );
    } else if (value.trim() === '' && !BLANK_ALLOWED.has(name)) {
      problems.push(`${name} is blank; leave it out or give a value`);
    }
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid request: ${problems.join('; ')}`);
  }
  return parseOrThrow(schema, query);
}

function allowedKeys(schema: z.ZodTypeAny): string[] {
  let inner: z.ZodTypeAny = schema;
  while (inner instanceof z.ZodEffects) inner = inner.innerType();
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** Resolves start/end or throws a 400 saying what is allowed. */
export function rangeOrThrow(
  input: { start?: string; end?: string },
  nowMs = Date.now(),
): TimeRange {
  const range = resolveRange(input, nowMs, MAX_RANGE_MS);
  if (typeof range === 'string') {
    throw new InputError(`Invalid request: ${range}`);
  }
  return range;
}

/** `GET .../argocd`: `fresh=true` while a card follows a sync (an answer at most a second old). */
export const argocdQuerySchema = z
  .object({
    fresh: z
      .enum(['true', 'false'], {
        errorMap: () => ({ message: 'fresh must be true or false' }),
      })
      .transform(v => v === 'true')
      .optional(),
  })
  .strict();

/** Up to this many owners in one fleet view (a user's groups). */
const MAX_FLEET_OWNERS = 50;

const entityRefParam = (name: string, kinds: string[]) =>
  z
    .string()
    .max(300, `${name} is at most 300 characters`)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value);
        if (kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        }
      } catch {
        // answered below
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${name} must be an entity ref of kind ${kinds.join(
          ' or ',
        )} (e.g. ${kinds[0]}:default/name)`,
      });
      return z.NEVER;
    });

/** `GET /v1/fleet`: `owner` (repeatable: groups or users) or one `system`. */
export const fleetQuerySchema = z
  .object({
    owner: z
      .union([z.string(), z.array(z.string())])
      .transform(value => (Array.isArray(value) ? value : [value]))
      .pipe(
        z
          .array(entityRefParam('owner', ['group', 'user']))
          .max(
            MAX_FLEET_OWNERS,
            `owner may be given at most ${MAX_FLEET_OWNERS} times`,
          ),
      )
      .optional(),
    system: entityRefParam('system', ['system']).optional(),
  })
  .strict()
  .refine(
    query => (query.owner === undefined) !== (query.system === undefined),
    'give either owner (one or more) or system, not both and not neither',
  );
