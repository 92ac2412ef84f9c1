import { Config } from '@backstage/config';
import { failConfig } from '../../config/configSectionReader';
import { SectionContext, checkHttpUrl } from '../../config/toolkit';
import type { UpstreamAuth, UpstreamConfig } from '../../config/upstream';
import {
  EsLogFields,
  parseEsLogFields,
} from '../../query/elasticsearch/fields';
import {
  checkEsIndexPattern,
  esIndexPatternProblem,
} from '../../query/elasticsearch/indexPattern';
import { ES_MAX_RESULT_WINDOW } from '../../query/elasticsearch/logSearch';

/** One Elasticsearch cluster. @public */
export interface ElasticsearchInstanceConfig extends UpstreamConfig {
  /** Name an entity's `platform.paved-road.dev/elasticsearch-instance` annotation uses. */
  name: string;
  /** Field names of this cluster's logs, over the ECS defaults (an entity's annotation overrides them). */
  fields: Partial<EsLogFields>;
}

/** The parsed `platform.elasticsearch` section. @public */
export interface ElasticsearchConfig {
  /** The first is the default for entities without an instance annotation. */
  instances: ElasticsearchInstanceConfig[];
  /** Kibana base URL for Discover links; none: no links. */
  kibanaUrl?: string;
  /** Index patterns (names or `*` globs) an entity's index annotation must stay inside. */
  allowedIndexPatterns: string[];
  /** Index pattern of entities without an index annotation (inside the allow-list); default the first allowed pattern. */
  defaultIndexPattern: string;
  /** Upper bound of lines per search (default 1000, at most `index.max_result_window` 10000). */
  maxLines: number;
}

const INSTANCE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const API_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function readAuth(instance: Config, prefix: string): UpstreamAuth {
  const apiKey = instance.getOptionalString('apiKey');
  const username = instance.getOptionalString('username');
  const password = instance.getOptionalString('password');
  if (
    apiKey !== undefined &&
    (username !== undefined || password !== undefined)
  ) {
    failConfig(
      prefix,
      "set either 'apiKey' or 'username' + 'password', not both",
    );
  }
  if (apiKey !== undefined) {
    if (!API_KEY.test(apiKey)) {
      // the value is a credential: the message must not quote it
      failConfig(
        `${prefix}.apiKey`,
        "expected the API key's 'encoded' form (base64 of id:api_key, as the create API key answer gives it)",
      );
    }
    return { type: 'apiKey', apiKey };
  }
  if (username !== undefined || password !== undefined) {
    if (!username || !password) {
      failConfig(
        prefix,
        "'username' and 'password' go together; one is missing",
      );
    }
    return { type: 'basic', username, password };
  }
  return { type: 'none' };
}

function readCa(instance: Config, key: string): string | undefined {
  const raw = instance.getOptionalString('caData');
  if (raw === undefined) return undefined;
  const pem = Buffer.from(raw, 'base64').toString('utf8');
  if (!PEM_CERT.test(pem)) {
    failConfig(
      key,
      'expected base64 of one or more PEM certificates (-----BEGIN CERTIFICATE-----), like a kubeconfig certificate-authority-data',
    );
  }
  return pem;
}

function readFields(instance: Config, key: string): Partial<EsLogFields> {
  const fields = instance.getOptional('fields');
  if (fields === undefined) return {};
  if (typeof fields !== 'string') {
    failConfig(
      key,
      'expected role=field pairs such as level=severity,traceId=trace_id',
    );
  }
  const parsed = parseEsLogFields(fields, `Invalid config at '${key}':`);
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return parsed.value;
}

function readInstance(
  instance: Config,
  prefix: string,
  timeoutMs: number,
): ElasticsearchInstanceConfig {
  const name = instance.getString('name');
  if (!INSTANCE_NAME.test(name)) {
    failConfig(
      `${prefix}.name`,
      `instance name '${name.slice(
        0,
        63,
      )}' must be 1-63 of letters, digits, '.', '_', '-'`,
    );
  }
  const ca = readCa(instance, `${prefix}.caData`);
  return {
    name,
    url: checkHttpUrl(instance.getString('url'), `${prefix}.url`),
    auth: readAuth(instance, prefix),
    timeoutMs,
    headers: {},
    ...(ca ? { caData: ca } : {}),
    fields: readFields(instance, `${prefix}.fields`),
  };
}

function readMaxLines(section: Config): number {
  const key = 'platform.elasticsearch.maxLines';
  const value = section.getOptionalNumber('maxLines') ?? 1000;
  if (!Number.isInteger(value) || value < 1 || value > ES_MAX_RESULT_WINDOW) {
    failConfig(
      key,
      `expected a whole number from 1 to ${ES_MAX_RESULT_WINDOW}, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `platform.elasticsearch` (absent: undefined, the source is off). Every error names the key and what is
 * allowed, and never quotes a credential.
 *
 * @public
 */
export function readElasticsearchConfig(
  section: Config,
  { timeoutMs }: SectionContext,
): ElasticsearchConfig {
  const prefix = 'platform.elasticsearch';
  const instances = section
    .getConfigArray('instances')
    .map((instance, index) =>
      readInstance(instance, `${prefix}.instances[${index}]`, timeoutMs),
    );
  if (instances.length === 0) {
    failConfig(`${prefix}.instances`, 'list at least one instance');
  }
  const seen = new Set<string>();
  for (const { name } of instances) {
    if (seen.has(name)) {
      failConfig(
        `${prefix}.instances`,
        `instance name '${name}' is used twice`,
      );
    }
    seen.add(name);
  }
  const allowed = section.getOptionalStringArray('allowedIndexPatterns');
  if (!allowed || allowed.length === 0) {
    failConfig(
      `${prefix}.allowedIndexPatterns`,
      'expected a non-empty list of index names or patterns such as logs-* (entities may only read inside it)',
    );
  }
  allowed.forEach((pattern, index) => {
    const problem = esIndexPatternProblem(pattern);
    if (problem)
      failConfig(`${prefix}.allowedIndexPatterns[${index}]`, problem);
  });
  const defaultIndexPattern =
    section.getOptionalString('defaultIndexPattern') ?? allowed[0];
  const checkedDefault = checkEsIndexPattern(
    defaultIndexPattern,
    allowed,
    `Invalid config at '${prefix}.defaultIndexPattern'`,
  );
  if (!checkedDefault.ok) {
    throw new Error(checkedDefault.message);
  }
  const kibanaUrl = section.getOptionalString('kibanaUrl');
  return {
    instances,
    ...(kibanaUrl
      ? { kibanaUrl: checkHttpUrl(kibanaUrl, `${prefix}.kibanaUrl`) }
      : {}),
    allowedIndexPatterns: allowed,
    defaultIndexPattern,
    maxLines: readMaxLines(section),
  };
}
