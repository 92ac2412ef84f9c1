import { Config } from '@backstage/config';
import {
  SectionContext,
  UpstreamConfig,
  readUpstream,
  uniqueNames,
} from '../../config/toolkit';

/** @public */
export interface JenkinsInstanceConfig extends UpstreamConfig {
  name: string;
}

/** The parsed `platform.jenkins` section. @public */
export interface JenkinsConfig {
  instances: JenkinsInstanceConfig[];
}

/** Reads `platform.jenkins`. */
export function readJenkinsConfig(
  jenkins: Config,
  context: SectionContext,
): JenkinsConfig {
  return {
    instances: uniqueNames(
      jenkins.getConfigArray('instances').map((instance, index) => ({
        ...readUpstream(
          instance,
          `platform.jenkins.instances[${index}]`,
          context,
        ),
        name: instance.getString('name'),
        auth: {
          type: 'basic' as const,
          username: instance.getString('username'),
          password: instance.getString('apiToken'),
        },
      })),
      'platform.jenkins.instances',
    ),
  };
}
