import {
  marksFromCatalogInfo,
  marksFromDeployFile,
  marksFromJenkinsConfig,
  marksFromMetadata,
} from './ownerMarks';
import {
  renderFolderConfigXml,
  renderJobConfigXml,
} from '../render/jobConfigXml';
import { renderManifestEntry, renderValuesEntry } from '../render/deployEntry';

const model = {
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  owner: 'group:default/team-a',
  namespace: 'team-a',
  imageRepository: 'harbor.example/msa/orders',
  imageTag: '1',
  port: 8080,
  replicas: 1,
  istioSidecar: true,
};

describe('owner marks', () => {
  it('reads back what the renderers record', () => {
    const expected = {
      owner: 'group:default/team-a',
      entityRef: 'component:default/orders',
      namespace: 'team-a',
    };
    expect(marksFromDeployFile(renderManifestEntry(model))).toEqual(expected);
    expect(marksFromDeployFile(renderValuesEntry(model))).toEqual(expected);
    const job = renderJobConfigXml({
      entityRef: model.entityRef,
      owner: model.owner,
      githubPushTrigger: false,
      definition: { type: 'inline', script: 'x' },
    });
    expect(marksFromJenkinsConfig(job)).toEqual({
      owner: 'group:default/team-a',
      entityRef: 'component:default/orders',
    });
    expect(
      marksFromJenkinsConfig(renderFolderConfigXml('group:default/team-a')),
    ).toEqual({ owner: 'group:default/team-a', entityRef: undefined });
  });

  it('reads Jenkins XML 1.1 as Jenkins stores it, and finds nothing in an unmarked or broken config', () => {
    const stored =
      "<?xml version='1.1' encoding='UTF-8'?>\n<com.cloudbees.hudson.plugins.folder.Folder plugin=\"cloudbees-folder\"><description>msa services&#xd;\nplatform.paved-road.dev/owner: group:default/platform-team</description></com.cloudbees.hudson.plugins.folder.Folder>";
    expect(marksFromJenkinsConfig(stored).owner).toBe(
      'group:default/platform-team',
    );
    expect(
      marksFromJenkinsConfig(
        "<?xml version='1.1'?><project><description>by hand</description></project>",
      ),
    ).toEqual({ owner: undefined, entityRef: undefined });
    expect(marksFromJenkinsConfig('<not xml')).toEqual({});
  });

  it('reads a catalog-info.yaml and Kubernetes metadata', () => {
    expect(
      marksFromCatalogInfo(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  owner: team-a\n',
      ),
    ).toEqual({
      owner: 'team-a',
      entityRef: 'component:default/orders',
    });
    expect(
      marksFromMetadata({
        annotations: { 'platform.paved-road.dev/owner': 'group:default/x' },
      }),
    ).toEqual({ owner: 'group:default/x', entityRef: undefined });
    expect(marksFromMetadata(undefined)).toEqual({
      owner: undefined,
      entityRef: undefined,
    });
  });
});
