import { Config } from '@backstage/config';
import { StringRule, configSectionReader } from '../toolkit';

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

/** Reads `platform.scaffolder.msaDeploy`; that its host is an allowed git host is a cross-section check. */
export function readMsaDeployConfig(msaDeploy: Config): MsaDeployConfig {
  const fields = configSectionReader(
    msaDeploy,
    'platform.scaffolder.msaDeploy',
  );
  return {
    repoUrl: fields.url('repoUrl'),
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
