import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { OWNER_ANNOTATION } from './application';

/** How the job gets its pipeline script. */
export type JobDefinition =
  | {
      type: 'scm';
      repoUrl: string;
      branch: string;
      credentialsId?: string;
      scriptPath: string;
    }
  | { type: 'inline'; script: string };

/** Input of {@link renderJobConfigXml}. */
export interface JobConfigModel {
  entityRef: string;
  /** Owner entity ref, recorded in the description. */
  owner: string;
  definition: JobDefinition;
  /** Add the GitHub hook trigger ("GitHub hook trigger for GITScm polling" in the seeds). */
  githubPushTrigger: boolean;
}

/** Marker line in the job description: the hash of the config it was created from. */
export const SPEC_HASH_PREFIX = 'backstage-spec-sha256:';

function specHash(model: JobConfigModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}

/** The marker an existing job must carry to count as created from the same input. */
export function jobSpecMarker(model: JobConfigModel): string {
  return `${SPEC_HASH_PREFIX}${specHash(model)}`;
}

/**
 * Renders a Pipeline job's config.xml with xmlbuilder2 (all text escaped by the builder):
 * Pipeline-from-SCM (`CpsScmFlowDefinition` + `GitSCM`, lightweight checkout) or an inline sandboxed script.
 */
export function renderJobConfigXml(model: JobConfigModel): string {
  const root = create({ version: '1.1', encoding: 'UTF-8' }).ele(
    'flow-definition',
    {
      plugin: 'workflow-job',
    },
  );
  root
    .ele('description')
    .txt(
      `Managed by Backstage for ${
        model.entityRef
      } (platform:jenkins:create-pipeline).\n${OWNER_ANNOTATION}: ${
        model.owner
      }\n${jobSpecMarker(model)}`,
    );
  root.ele('keepDependencies').txt('false');
  const properties = root.ele('properties');
  properties.ele(
    'org.jenkinsci.plugins.workflow.job.properties.DisableResumeJobProperty',
  );
  if (model.githubPushTrigger) {
    properties
      .ele(
        'org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty',
      )
      .ele('triggers')
      .ele('com.cloudbees.jenkins.GitHubPushTrigger', { plugin: 'github' })
      .ele('spec')
      .txt('');
  }
  const definition = model.definition;
  if (definition.type === 'scm') {
    const flow = root.ele('definition', {
      class: 'org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition',
      plugin: 'workflow-cps',
    });
    const scm = flow.ele('scm', {
      class: 'hudson.plugins.git.GitSCM',
      plugin: 'git',
    });
    scm.ele('configVersion').txt('2');
    const remote = scm
      .ele('userRemoteConfigs')
      .ele('hudson.plugins.git.UserRemoteConfig');
    remote.ele('url').txt(definition.repoUrl);
    if (definition.credentialsId) {
      remote.ele('credentialsId').txt(definition.credentialsId);
    }
    scm
      .ele('branches')
      .ele('hudson.plugins.git.BranchSpec')
      .ele('name')
      .txt(`*/${definition.branch}`);
    scm.ele('doGenerateSubmoduleConfigurations').txt('false');
    scm.ele('submoduleCfg', { class: 'empty-list' });
    scm.ele('extensions');
    flow.ele('scriptPath').txt(definition.scriptPath);
    flow.ele('lightweight').txt('true');
  } else {
    const flow = root.ele('definition', {
      class: 'org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition',
      plugin: 'workflow-cps',
    });
    flow.ele('script').txt(definition.script);
    flow.ele('sandbox').txt('true');
  }
  root.ele('triggers');
  root.ele('disabled').txt('false');
  return root.end({ prettyPrint: true });
}

/** config.xml of a folder the platform creates for an owner's jobs (its description records the owner). */
export function renderFolderConfigXml(owner: string): string {
  const root = create({ version: '1.1', encoding: 'UTF-8' }).ele(
    'com.cloudbees.hudson.plugins.folder.Folder',
    {
      plugin: 'cloudbees-folder',
    },
  );
  root
    .ele('description')
    .txt(
      `Created by Backstage (platform:jenkins:create-pipeline).\n${OWNER_ANNOTATION}: ${owner}`,
    );
  return root.end({ prettyPrint: true });
}
