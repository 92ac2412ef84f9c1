import { Config } from '@backstage/config';
import {
  JenkinsInstanceConfig,
  KubernetesConfig,
  PlatformConfig,
  checkHttpUrl,
  readPlatformConfig,
} from './readPlatformConfig';

/** Where and how the scaffolder actions write the msa_deploy GitOps repository. @public */
export interface MsaDeployConfig {
  /** HTTP(S) clone URL without credentials. */
  repoUrl: string;
  branch: string;
  layout: 'manifest' | 'values';
  appsPath: string;
  authorName: string;
  authorEmail: string;
}

/** The registry whose credentials become each namespace's dockerconfigjson Secret. @public */
export interface RegistryConfig {
  host: string;
  username: string;
  password: string;
  secretName: string;
}

/** The parsed, validated `platform.scaffolder` section (plus the upstreams it needs). @public */
export interface ScaffolderConfig {
  /** Lower-case `host[:port]` entries the git actions may talk to. */
  allowedGitHosts: string[];
  /** Allowed hosts reached over plain http (local sandbox only); every other host is https. */
  plainHttpGitHosts: string[];
  git?: { username: string; token: string };
  msaDeploy?: MsaDeployConfig;
  registry?: RegistryConfig;
  jenkins?: {
    instance: JenkinsInstanceConfig;
    credentialIds: { git?: string; slack?: string };
    kanikoImage: string;
    gitImage: string;
    yqImage: string;
  };
  argocd: {
    via: 'kubernetes' | 'api';
    namespace: string;
    project: string;
    destinationServer: string;
  };
  /** From `platform.kubernetes`: used by the namespace and (via kubernetes) Application actions. */
  kubernetes?: KubernetesConfig;
  /** From `platform.argocd`: used when `argocd.via` is `api`. */
  argocdInstances?: NonNullable<PlatformConfig['argocd']>['instances'];
}

const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;
const DNS_1123_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const JENKINS_CREDENTIAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:@]{0,254}$/;
const AUTHOR_NAME = /^[^<>\n\r]{1,100}$/;
const EMAIL = /^[^@\s<>]{1,64}@[^@\s<>]{1,190}$/;

function fail(key: string, message: string): never {
  throw new Error(`Invalid config at '${key}': ${message}`);
}

function matching(
  config: Config,
  key: string,
  fullKey: string,
  pattern: RegExp,
  what: string,
  fallback: string,
): string;
function matching(
  config: Config,
  key: string,
  fullKey: string,
  pattern: RegExp,
  what: string,
  fallback?: undefined,
): string | undefined;
function matching(
  config: Config,
  key: string,
  fullKey: string,
  pattern: RegExp,
  what: string,
  fallback?: string,
): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return fallback;
  }
  if (!pattern.test(value)) {
    fail(fullKey, `'${value}' is not ${what}`);
  }
  return value;
}

function hostList(config: Config, key: string, fullKey: string): string[] {
  const hosts = config.getOptionalStringArray(key) ?? [];
  return hosts.map((host, index) => {
    const normalised = host.trim().toLowerCase();
    if (!HOST_PORT.test(normalised)) {
      fail(
        `${fullKey}[${index}]`,
        `'${host}' is not a host[:port] (no scheme, path or credentials)`,
      );
    }
    return normalised;
  });
}

/**
 * Lower-case `host[:port]` of an http(s) URL, the form `allowedGitHosts` lists.
 *
 * @public
 */
export function gitHostOf(url: string): string {
  const parsed = new URL(url);
  return parsed.host.toLowerCase();
}

/**
 * Parses and validates `platform.scaffolder` once at start-up, failing with the key and what is allowed.
 * Credentials come from here only: never from template input.
 *
 * @public
 */
export function readScaffolderConfig(
  root: Config,
  platform: PlatformConfig = readPlatformConfig(root),
): ScaffolderConfig {
  const config = root.getOptionalConfig('platform.scaffolder');
  const prefix = 'platform.scaffolder';
  const allowedGitHosts = config
    ? hostList(config, 'allowedGitHosts', `${prefix}.allowedGitHosts`)
    : [];
  const plainHttpGitHosts = config
    ? hostList(config, 'git.plainHttpHosts', `${prefix}.git.plainHttpHosts`)
    : [];
  for (const host of plainHttpGitHosts) {
    if (!allowedGitHosts.includes(host)) {
      fail(
        `${prefix}.git.plainHttpHosts`,
        `'${host}' is not listed in ${prefix}.allowedGitHosts`,
      );
    }
  }
  const result: ScaffolderConfig = {
    allowedGitHosts,
    plainHttpGitHosts,
    argocd: {
      via: 'kubernetes',
      namespace: 'argocd',
      project: 'default',
      destinationServer: 'https://kubernetes.default.svc',
    },
    kubernetes: platform.kubernetes,
    argocdInstances: platform.argocd?.instances,
  };
  if (!config) {
    return result;
  }

  const git = config.getOptionalConfig('git');
  if (git && (git.has('username') || git.has('token'))) {
    result.git = {
      username: git.getString('username'),
      token: git.getString('token'),
    };
  }

  const msaDeploy = config.getOptionalConfig('msaDeploy');
  if (msaDeploy) {
    const key = `${prefix}.msaDeploy`;
    const repoUrl = checkHttpUrl(
      msaDeploy.getString('repoUrl'),
      `${key}.repoUrl`,
    );
    if (!allowedGitHosts.includes(gitHostOf(repoUrl))) {
      fail(
        `${key}.repoUrl`,
        `host '${gitHostOf(
          repoUrl,
        )}' is not listed in ${prefix}.allowedGitHosts`,
      );
    }
    const layout = msaDeploy.getOptionalString('layout') ?? 'manifest';
    if (layout !== 'manifest' && layout !== 'values') {
      fail(
        `${key}.layout`,
        `expected one of manifest, values, got '${layout}'`,
      );
    }
    const appsPath = matching(
      msaDeploy,
      'appsPath',
      `${key}.appsPath`,
      /^[a-z0-9][a-z0-9_-]{0,62}(?:\/[a-z0-9][a-z0-9_-]{0,62}){0,3}$/,
      'a relative folder of lower-case segments',
      'apps',
    );
    result.msaDeploy = {
      repoUrl,
      branch: matching(
        msaDeploy,
        'branch',
        `${key}.branch`,
        /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/,
        'a branch name',
        'main',
      ),
      layout,
      appsPath,
      authorName: matching(
        msaDeploy,
        'authorName',
        `${key}.authorName`,
        AUTHOR_NAME,
        'a one-line name',
        'Backstage Scaffolder',
      ),
      authorEmail: matching(
        msaDeploy,
        'authorEmail',
        `${key}.authorEmail`,
        EMAIL,
        'an e-mail address',
        'scaffolder@backstage.local',
      ),
    };
  }

  const registry = config.getOptionalConfig('registry');
  if (registry) {
    const key = `${prefix}.registry`;
    const host = registry.getString('host').toLowerCase();
    if (!HOST_PORT.test(host)) {
      fail(`${key}.host`, `'${host}' is not a registry host[:port]`);
    }
    result.registry = {
      host,
      username: registry.getString('username'),
      password: registry.getString('password'),
      secretName: matching(
        registry,
        'secretName',
        `${key}.secretName`,
        DNS_1123_LABEL,
        'a DNS-1123 name',
        'docker-config-secret',
      ),
    };
  }

  const jenkins = config.getOptionalConfig('jenkins');
  const instances = platform.jenkins?.instances ?? [];
  if (jenkins || instances.length > 0) {
    const key = `${prefix}.jenkins`;
    const name = jenkins?.getOptionalString('instance');
    const instance = name
      ? instances.find(candidate => candidate.name === name)
      : instances[0];
    if (name && !instance) {
      fail(
        `${key}.instance`,
        `'${name}' is not one of platform.jenkins.instances`,
      );
    }
    if (!instance) {
      if (jenkins) {
        fail(key, `needs at least one entry in platform.jenkins.instances`);
      }
    } else {
      result.jenkins = {
        instance,
        credentialIds: {
          git: jenkins
            ? matching(
                jenkins,
                'credentialIds.git',
                `${key}.credentialIds.git`,
                JENKINS_CREDENTIAL_ID,
                'a Jenkins credential id',
              )
            : undefined,
          slack: jenkins
            ? matching(
                jenkins,
                'credentialIds.slack',
                `${key}.credentialIds.slack`,
                JENKINS_CREDENTIAL_ID,
                'a Jenkins credential id',
              )
            : undefined,
        },
        kanikoImage:
          (jenkins &&
            matching(
              jenkins,
              'kanikoImage',
              `${key}.kanikoImage`,
              IMAGE_REF,
              'an image reference',
            )) ??
          'gcr.io/kaniko-project/executor:v1.23.2-debug',
        gitImage:
          (jenkins &&
            matching(
              jenkins,
              'gitImage',
              `${key}.gitImage`,
              IMAGE_REF,
              'an image reference',
            )) ??
          'alpine/git:2.47.2',
        yqImage:
          (jenkins &&
            matching(
              jenkins,
              'yqImage',
              `${key}.yqImage`,
              IMAGE_REF,
              'an image reference',
            )) ??
          'mikefarah/yq:4.45.1',
      };
    }
  }

  const argocd = config.getOptionalConfig('argocd');
  if (argocd) {
    const key = `${prefix}.argocd`;
    const via = argocd.getOptionalString('via') ?? 'kubernetes';
    if (via !== 'kubernetes' && via !== 'api') {
      fail(`${key}.via`, `expected one of kubernetes, api, got '${via}'`);
    }
    const destinationServer = argocd.getOptionalString('destinationServer');
    result.argocd = {
      via,
      namespace: matching(
        argocd,
        'namespace',
        `${key}.namespace`,
        DNS_1123_LABEL,
        'a DNS-1123 name',
        'argocd',
      ),
      project: matching(
        argocd,
        'project',
        `${key}.project`,
        DNS_1123_LABEL,
        'a DNS-1123 name',
        'default',
      ),
      destinationServer: destinationServer
        ? checkHttpUrl(destinationServer, `${key}.destinationServer`)
        : 'https://kubernetes.default.svc',
    };
    if (via === 'api' && !platform.argocd) {
      fail(`${key}.via`, `'api' needs the platform.argocd section`);
    }
  }
  if (result.argocd.via === 'kubernetes' && argocd && !platform.kubernetes) {
    fail(
      `${prefix}.argocd.via`,
      `'kubernetes' needs the platform.kubernetes section`,
    );
  }
  return result;
}
