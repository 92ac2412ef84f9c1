/** Seed content: folder `msa` with the pipelines `msa-nginx` and `login-js`, each with a few past builds. */
import { DEMO_OWNER, DEMO_SERVICES } from '../git/msaDeploy.ts';
import type { JenkinsController } from './controller.ts';
import { renderJenkinsfile } from './jenkinsfile.ts';
import { create } from 'xmlbuilder2';

/** Jenkins writes config.xml as XML 1.1 with single-quoted pseudo-attributes. */
function jenkinsXml(root: Record<string, unknown>): string {
  return `<?xml version='1.1' encoding='UTF-8'?>\n${create(root).end({
    headless: true,
    prettyPrint: true,
  })}\n`;
}

export function folderConfigXml(description: string): string {
  const folderClass = 'com.cloudbees.hudson.plugins.folder.Folder';
  return jenkinsXml({
    [folderClass]: {
      '@plugin': 'cloudbees-folder',
      description,
      properties: {},
      folderViews: {
        '@class':
          'com.cloudbees.hudson.plugins.folder.views.DefaultFolderViewHolder',
        views: {
          'hudson.model.AllView': {
            owner: { '@class': folderClass, '@reference': '../../../..' },
            name: 'All',
            filterExecutors: false,
            filterQueue: false,
            properties: { '@class': 'hudson.model.View$PropertyList' },
          },
        },
        tabBar: { '@class': 'hudson.views.DefaultViewsTabBar' },
      },
      healthMetrics: {},
      icon: {
        '@class': 'com.cloudbees.hudson.plugins.folder.icons.StockFolderIcon',
      },
    },
  });
}

export function inlinePipelineConfigXml(
  description: string,
  script: string,
): string {
  return jenkinsXml({
    'flow-definition': {
      '@plugin': 'workflow-job',
      description,
      keepDependencies: false,
      properties: {
        'org.jenkinsci.plugins.workflow.job.properties.DisableResumeJobProperty':
          {},
      },
      definition: {
        '@class': 'org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition',
        '@plugin': 'workflow-cps',
        script,
        sandbox: true,
      },
      triggers: {},
      disabled: false,
    },
  });
}

export function seedJenkins(
  jenkins: JenkinsController,
  deployRepoUrl: string,
): void {
  const folder = jenkins.create(
    [],
    'msa',
    folderConfigXml(
      `msa services\nplatform.paved-road.dev/owner: ${DEMO_OWNER}`,
    ),
  );
  if (!folder.ok) throw new Error(folder.error);
  const hour = 3600_000;
  for (const s of DEMO_SERVICES) {
    const script = renderJenkinsfile({
      SERVICE_NAME: s.name,
      IMAGE_REPOSITORY: s.imageRepository,
      DEPLOY_REPO_URL: deployRepoUrl,
      DEPLOY_BRANCH: 'main',
      DEPLOY_FILE: `${s.name}.yaml`,
      DEPLOY_LAYOUT: 'manifest',
    });
    jenkins.seedJob(
      ['msa'],
      s.name,
      'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      inlinePipelineConfigXml(
        `Managed by Backstage for component:default/${s.name} (seed).\nplatform.paved-road.dev/owner: ${DEMO_OWNER}\nBuild and deploy ${s.name}`,
        script,
      ),
      [
        { result: 'SUCCESS', ageMs: 72 * hour, durationMs: 95_000 },
        { result: 'FAILURE', ageMs: 48 * hour, durationMs: 41_000 },
        { result: 'SUCCESS', ageMs: 24 * hour, durationMs: 102_000 },
      ],
    );
  }
}
