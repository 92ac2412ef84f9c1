import { Config } from '@backstage/config';
import type { JenkinsInstanceConfig } from '../../clients/jenkins/config';
import {
  IMAGE_REFERENCE_PATTERN,
  JENKINS_CREDENTIAL_ID_PATTERN,
} from '../../query/names';
import {
  ConfigSectionReader,
  StringRule,
  configSectionReader,
  failConfig,
} from '../toolkit';

/** How the scaffolder creates Jenkins pipelines (`platform.scaffolder.jenkins`). @public */
export interface ScaffolderJenkinsConfig {
  instance: JenkinsInstanceConfig;
  credentialIds: { git?: string; slack?: string };
  kanikoImage: string;
  gitImage: string;
  yqImage: string;
}

const JENKINS_CREDENTIAL_ID: StringRule = {
  pattern: JENKINS_CREDENTIAL_ID_PATTERN,
  what: 'a Jenkins credential id',
};
const IMAGE_REF: StringRule = {
  pattern: IMAGE_REFERENCE_PATTERN,
  what: 'an image reference',
};

/**
 * Reads `platform.scaffolder.jenkins` against the configured Jenkins instances (`platform.jenkins.instances`):
 * the named instance, else the first. Undefined when neither the section nor an instance is configured.
 */
export function readScaffolderJenkinsConfig(
  jenkins: Config | undefined,
  instances: JenkinsInstanceConfig[],
): ScaffolderJenkinsConfig | undefined {
  if (!jenkins && instances.length === 0) {
    return undefined;
  }
  const key = 'platform.scaffolder.jenkins';
  const fields: ConfigSectionReader | undefined =
    jenkins && configSectionReader(jenkins, key);
  const name = jenkins?.getOptionalString('instance');
  const instance = name
    ? instances.find(candidate => candidate.name === name)
    : instances[0];
  if (name && !instance) {
    failConfig(
      `${key}.instance`,
      `'${name}' is not one of platform.jenkins.instances`,
    );
  }
  if (!instance) {
    // Only reached with the section set (no instances and no section returned above).
    return failConfig(
      key,
      `needs at least one entry in platform.jenkins.instances`,
    );
  }
  return {
    instance,
    credentialIds: {
      git: fields?.matching('credentialIds.git', JENKINS_CREDENTIAL_ID),
      slack: fields?.matching('credentialIds.slack', JENKINS_CREDENTIAL_ID),
    },
    kanikoImage:
      fields?.matching('kanikoImage', IMAGE_REF) ??
      'gcr.io/kaniko-project/executor:v1.23.2-debug',
    gitImage: fields?.matching('gitImage', IMAGE_REF) ?? 'alpine/git:2.47.2',
    yqImage: fields?.matching('yqImage', IMAGE_REF) ?? 'mikefarah/yq:4.45.1',
  };
}
