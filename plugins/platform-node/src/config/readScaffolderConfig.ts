import { Config } from '@backstage/config';
import {
  JenkinsInstanceConfig,
  KubernetesConfig,
  PlatformConfig,
  checkHttpUrl,
  readPlatformConfig,
} from './readPlatformConfig';
import {
  StringRule,
  configSectionReader,
  failConfig as fail,
} from './configSectionReader';
import type { NamespaceBound } from '../query/namespaceBound';

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
  /**
   * From `platform.scope`: the namespaces a write may target, the same bound as reads (system namespaces are
   * refused on top unless named exactly; see checkNamespaceWritable).
   */
  namespaceBound: NamespaceBound;
}

const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;
const DNS_1123_NAME: StringRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
  what: 'a DNS-1123 name',
};
const JENKINS_CREDENTIAL_ID: StringRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
  what: 'a Jenkins credential id',
};
const IMAGE_REF: StringRule = {
  pattern: /^[a-z0-9][a-z0-9._\-/:@]{0,254}$/,
  what: 'an image reference',
};
const AUTHOR_NAME: StringRule = {
  pattern: /^[^<>\n\r]{1,100}$/,
  what: 'a one-line name',
};
const EMAIL: StringRule = {
  pattern: /^[^@\s<>]{1,64}@[^@\s<>]{1,190}$/,
  what: 'an e-mail address',
};
const APPS_PATH: StringRule = {
  pattern: /^[a-z0-9][a-z0-9_-]{0,62}(?:\/[a-z0-9][a-z0-9_-]{0,62}){0,3}$/,
  what: 'a relative folder of lower-case segments',
};
const BRANCH: StringRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/,
  what: 'a branch name',
};

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
    namespaceBound: {
      allowedNamespaces: platform.scope.allowedNamespaces,
      namespacesByOwner: platform.scope.namespacesByOwner,
    },
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
    const fields = configSectionReader(msaDeploy, key);
    result.msaDeploy = {
      repoUrl,
      branch: fields.matching('branch', BRANCH, 'main'),
      layout: fields.oneOf('layout', ['manifest', 'values'], 'manifest'),
      appsPath: fields.matching('appsPath', APPS_PATH, 'apps'),
      authorName: fields.matching(
        'authorName',
        AUTHOR_NAME,
        'Backstage Scaffolder',
      ),
      authorEmail: fields.matching(
        'authorEmail',
        EMAIL,
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
      secretName: configSectionReader(registry, key).matching(
        'secretName',
        DNS_1123_NAME,
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
      const fields = jenkins && configSectionReader(jenkins, key);
      result.jenkins = {
        instance,
        credentialIds: {
          git: fields?.matching('credentialIds.git', JENKINS_CREDENTIAL_ID),
          slack: fields?.matching('credentialIds.slack', JENKINS_CREDENTIAL_ID),
        },
        kanikoImage:
          fields?.matching('kanikoImage', IMAGE_REF) ??
          'gcr.io/kaniko-project/executor:v1.23.2-debug',
        gitImage:
          fields?.matching('gitImage', IMAGE_REF) ?? 'alpine/git:2.47.2',
        yqImage:
          fields?.matching('yqImage', IMAGE_REF) ?? 'mikefarah/yq:4.45.1',
      };
    }
  }

  const argocd = config.getOptionalConfig('argocd');
  if (argocd) {
    const key = `${prefix}.argocd`;
    const fields = configSectionReader(argocd, key);
    const via = fields.oneOf('via', ['kubernetes', 'api'], 'kubernetes');
    const destinationServer = argocd.getOptionalString('destinationServer');
    result.argocd = {
      via,
      namespace: fields.matching('namespace', DNS_1123_NAME, 'argocd'),
      project: fields.matching('project', DNS_1123_NAME, 'default'),
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
