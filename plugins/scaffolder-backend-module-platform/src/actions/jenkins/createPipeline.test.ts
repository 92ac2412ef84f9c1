import { testWriteAccess } from '../../testing/ownership';
import { createJenkinsCreatePipelineAction } from './createPipeline';
import { FakeJenkins, startFakeJenkins } from '../../testing/fakeJenkins';
import { mockContext, outputsOf } from '../../testing/context';
import { JENKINS_TOKEN, testConfig } from '../../testing/config';

const input = {
  jobFullName: 'msa/team-a/orders',
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  registryProject: 'msa',
  sourceRepoUrl: 'http://git.test/platform/orders.git',
  slackChannel: '#devops',
};

describe('platform:jenkins:create-pipeline', () => {
  let jenkins: FakeJenkins;
  const make = (overrides = {}) =>
    createJenkinsCreatePipelineAction({
      ...testWriteAccess(),
      config: {
        ...testConfig({ gitHost: 'git.test', jenkinsUrl: jenkins.url }),
        ...overrides,
      },
      pollIntervalMs: 5,
    });

  beforeEach(async () => {
    jenkins = await startFakeJenkins({
      username: 'platform',
      token: JENKINS_TOKEN,
    });
  });
  afterEach(() => jenkins.close());

  it('audits each write: created with the build it queued, then unchanged; a refused replacement fails', async () => {
    const access = testWriteAccess();
    const action = (overrides = {}) =>
      createJenkinsCreatePipelineAction({
        ...access,
        config: testConfig({ gitHost: 'git.test', jenkinsUrl: jenkins.url }),
        pollIntervalMs: 5,
        ...overrides,
      });
    await action().handler(
      mockContext({ ...input, triggerBuild: true }) as any,
    );
    await action().handler(mockContext(input) as any);
    await expect(
      action().handler(
        mockContext({ ...input, sourceBranch: 'develop' }) as any,
      ),
    ).rejects.toThrow();
    const subject = {
      action: 'platform:jenkins:create-pipeline',
      taskId: 'mock-task-id',
      initiator: 'user:default/mock',
      service: 'component:default/orders',
      owner: 'group:default/platform-team',
      target: { job: 'msa/team-a/orders' },
    };
    expect(access.audited.ended()).toEqual([
      {
        eventId: 'platform-jenkins-job',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: { ...subject, outcome: 'created', buildNumber: 1 },
      },
      {
        eventId: 'platform-jenkins-job',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: { ...subject, outcome: 'unchanged' },
      },
      {
        eventId: 'platform-jenkins-job',
        severityLevel: 'medium',
        status: 'failed',
        meta: subject,
        error: expect.any(String),
      },
    ]);
    expect(JSON.stringify(access.audited.events)).not.toContain(JENKINS_TOKEN);
  });

  it('creates the folders and a Pipeline-from-SCM job, triggers a build and outputs its number', async () => {
    const ctx = mockContext({ ...input, triggerBuild: true });
    await make().handler(ctx as any);
    const out = outputsOf(ctx);
    expect(out).toMatchObject({
      result: 'created',
      buildNumber: 1,
      jobUrl: `${jenkins.url}/job/msa/job/team-a/job/orders/`,
    });
    expect(jenkins.items.get('msa')?.folder).toBe(true);
    expect(jenkins.items.get('msa/team-a')?.folder).toBe(true);
    const xml = jenkins.items.get('msa/team-a/orders')!.xml;
    expect(xml).toContain(
      '<definition class="org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition" plugin="workflow-cps">',
    );
    expect(xml).toContain('<url>http://git.test/platform/orders.git</url>');
    expect(xml).toContain('<credentialsId>msa-deploy-git</credentialsId>');
    expect(xml).toContain('<name>*/main</name>');
    expect(xml).toContain('<scriptPath>Jenkinsfile</scriptPath>');
    expect(xml).toContain('<lightweight>true</lightweight>');
    expect(xml).not.toContain(JENKINS_TOKEN);
  });

  it('is idempotent: the same input twice leaves one job, no error', async () => {
    await make().handler(mockContext(input) as any);
    const ctx = mockContext(input);
    await make().handler(ctx as any);
    expect(outputsOf(ctx).result).toBe('unchanged');
    expect(
      jenkins.requests.filter(r =>
        r.path.startsWith('/job/msa/job/team-a/createItem'),
      ),
    ).toHaveLength(1);
  });

  it('refuses to replace a different job unless overwrite is set', async () => {
    await make().handler(mockContext(input) as any);
    await expect(
      make().handler(mockContext({ ...input, sourceBranch: 'develop' }) as any),
    ).rejects.toThrow(
      /already exists with a different configuration; set overwrite: true/,
    );
    const ctx = mockContext({
      ...input,
      slackChannel: '#other',
      overwrite: true,
      definition: 'inline',
    });
    await make().handler(ctx as any);
    expect(outputsOf(ctx).result).toBe('updated');
    const xml = jenkins.items.get('msa/team-a/orders')!.xml;
    expect(xml).toContain(
      'org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition',
    );
    expect(xml).toContain('<sandbox>true</sandbox>');
    expect(xml).toContain("SLACK_CHANNEL = '#other'");
  });

  it('fails on a Jenkins 500 after the folders exist, and a re-run completes without duplicates', async () => {
    let failed = false;
    jenkins.failNext = (method, path) => {
      if (
        !failed &&
        method === 'POST' &&
        path === '/job/msa/job/team-a/createItem'
      ) {
        failed = true;
        return 500;
      }
      return undefined;
    };
    await expect(make().handler(mockContext(input) as any)).rejects.toThrow(
      /jenkins: POST \/job\/msa\/job\/team-a\/createItem answered 500/,
    );
    expect(jenkins.items.has('msa/team-a')).toBe(true);
    expect(jenkins.items.has('msa/team-a/orders')).toBe(false);
    const ctx = mockContext(input);
    await make().handler(ctx as any);
    expect(outputsOf(ctx).result).toBe('created');
    expect([...jenkins.items.keys()].sort()).toEqual([
      'msa',
      'msa/team-a',
      'msa/team-a/orders',
    ]);
  });

  it('a run taken over while waiting for its build number waits for the same queue item: one build', async () => {
    // The scaffolder keeps an action's checkpoints in the task's state; a recovered task (its replica died) runs
    // the step again with the checkpoints saved so far.
    const saved = new Map<string, unknown>();
    const withCheckpoints = (ctx: ReturnType<typeof mockContext>) =>
      Object.assign(ctx, {
        checkpoint: async ({
          key,
          fn,
        }: {
          key: string;
          fn: () => Promise<unknown>;
        }) => {
          if (saved.has(key)) return saved.get(key);
          const value = await fn();
          saved.set(key, value);
          return value;
        },
      });
    // The replica dies while polling the queue (here: the poll fails, after the build was queued).
    let polls = 0;
    jenkins.failNext = (method, path) =>
      method === 'GET' && path.startsWith('/queue/item/') && polls++ === 0
        ? 500
        : undefined;
    await expect(
      make().handler(
        withCheckpoints(mockContext({ ...input, triggerBuild: true })) as any,
      ),
    ).rejects.toThrow(/queue\/item/);
    expect(jenkins.items.get('msa/team-a/orders')!.builds).toEqual([1]);

    const resumed = withCheckpoints(
      mockContext({ ...input, triggerBuild: true }),
    );
    await make().handler(resumed as any);
    expect(outputsOf(resumed)).toMatchObject({
      result: 'created',
      buildNumber: 1,
    });
    expect(jenkins.items.get('msa/team-a/orders')!.builds).toEqual([1]);
    expect(
      jenkins.requests.filter(
        r => r.method === 'POST' && r.path.endsWith('/build'),
      ),
    ).toHaveLength(1);
  });

  it('dry run returns the rendered files without calling Jenkins', async () => {
    const ctx = mockContext(
      { ...input, triggerBuild: true },
      { isDryRun: true },
    );
    await make().handler(ctx as any);
    const out = outputsOf(ctx);
    expect(out.jenkinsfile).toContain("SERVICE_NAME = 'orders'");
    expect(out.configXml).toContain('<flow-definition plugin="workflow-job">');
    expect(jenkins.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
  });

  it('rejects a source repository on a host that is not allowed', async () => {
    await expect(
      make().handler(
        mockContext({
          ...input,
          sourceRepoUrl: 'https://evil.example/x/y.git',
        }) as any,
      ),
    ).rejects.toThrow(/host 'evil.example' is not allowed/);
    expect(jenkins.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
  });

  it.each([
    ['jobFullName', 'msa/../admin'],
    ['jobFullName', "msa/x'];Jenkins.instance.doSafeExit(null);//"],
    ['serviceName', "orders'; sh 'curl evil'"],
    ['slackChannel', "#devops'); sh('id"],
    ['sourceRepoUrl', "http://git.test/platform/orders.git'\n"],
    ['sourceRepoUrl', 'http://user:pw@git.test/platform/orders.git'],
    ['sourceBranch', 'main</name><script>x</script>'],
    ['scriptPath', '../../etc/passwd'],
    ['dockerfile', '/etc/passwd'],
    ['entityRef', "component:default/x' + System.exit(0) + '"],
  ])(
    'rejects %s = %j (Groovy / XML / path injection)',
    async (field, value) => {
      await expect(
        make().handler(mockContext({ ...input, [field]: value }) as any),
      ).rejects.toThrow(new RegExp(`Invalid input: ${field}`));
      expect(jenkins.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
    },
  );
});
