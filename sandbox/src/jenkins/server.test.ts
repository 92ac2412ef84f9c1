import path from 'node:path';
import { runGit } from '../git/gitCli.ts';
import { basic, mount, waitFor, type Mounted } from '../testing/helpers.ts';
import { startTestGit, type TestGit } from '../testing/gitServer.ts';
import { JenkinsController } from './controller.ts';
import {
  parseEnvironment,
  readPipelineHeader,
  renderJenkinsfile,
} from './jenkinsfile.ts';
import { escapeHtml } from './pages.ts';
import {
  folderConfigXml,
  inlinePipelineConfigXml,
  seedJenkins,
} from './seed.ts';
import { createJenkinsHandler } from './server.ts';
import { applyTree, parseTree } from './tree.ts';

const AUTH = basic('platform', 'sandbox-jenkins-token');

describe('Jenkins simulator', () => {
  let git: TestGit;
  let controller: JenkinsController;
  let m: Mounted;
  const get = (
    p: string,
    headers: Record<string, string> = { Authorization: AUTH },
  ) => fetch(`${m.url}${p}`, { headers });
  const post = (
    p: string,
    body?: string,
    headers: Record<string, string> = {
      Authorization: AUTH,
      'Content-Type': 'application/xml',
    },
  ) =>
    fetch(`${m.url}${p}`, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
    });

  beforeAll(async () => {
    git = await startTestGit();
    controller = new JenkinsController({
      timings: { quietPeriodMs: 50, buildDurationMs: 100 },
      gitBaseUrl: git.url,
      gitUsername: 'platform',
      gitPassword: 'sandbox-git-token',
    });
    seedJenkins(controller, git.deployUrl);
    m = await mount(
      createJenkinsHandler({
        controller,
        username: 'platform',
        apiToken: 'sandbox-jenkins-token',
      }),
    );
  });
  afterAll(async () => {
    await controller.stop();
    await m.close();
    await git.close();
  });

  it('requires authentication: anonymous 403, bad token 401', async () => {
    const anon = await get('/api/json', {});
    expect(anon.status).toBe(403);
    expect(anon.headers.get('content-type')).toContain('text/html');
    expect(anon.headers.get('x-you-are-authenticated-as')).toBe('anonymous');
    expect(
      (await get('/api/json', { Authorization: basic('platform', 'wrong') }))
        .status,
    ).toBe(401);
  });

  it('shows a browser (HTML, no credentials) readable job, build and console pages, values escaped; the API stays closed', async () => {
    const browser = { Accept: 'text/html,application/xhtml+xml' };
    const job = await get('/job/msa/job/msa-nginx/', browser);
    expect(job.status).toBe(200);
    const jobHtml = await job.text();
    expect(jobHtml).toContain('<h1>msa » msa-nginx</h1>');
    const first = /href="([^"]*\/msa-nginx\/(\d+)\/)"/.exec(jobHtml);
    expect(first).not.toBeNull();
    const build = await get(`/job/msa/job/msa-nginx/${first![2]}/`, browser);
    expect(build.status).toBe(200);
    expect(await build.text()).toMatch(
      /<th>Result<\/th><td>(SUCCESS|FAILURE|UNSTABLE|RUNNING|ABORTED|NOT_BUILT)<\/td>/,
    );
    const consolePage = await get(
      `/job/msa/job/msa-nginx/${first![2]}/console`,
      browser,
    );
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<pre>');
    // Not a page: the API answer for anonymous callers is unchanged.
    expect((await get('/job/msa/job/msa-nginx/api/json', browser)).status).toBe(
      403,
    );
    expect((await get('/job/msa/job/msa-nginx/', {})).status).toBe(403);
    expect((await get('/job/msa/job/nope/', browser)).status).toBe(403);
  });

  it('escapes what a page shows', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });

  it('issues crumbs bound to a JSESSIONID session; session POSTs need the crumb', async () => {
    const r = await get('/crumbIssuer/api/json');
    expect(r.status).toBe(200);
    const crumb = await r.json();
    expect(crumb).toMatchObject({ crumbRequestField: 'Jenkins-Crumb' });
    expect(crumb.crumb).toMatch(/^[0-9a-f]{64}$/);
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^JSESSIONID\.[0-9a-f]{8}=/);
    const noCrumb = await post(
      '/createItem?name=crumb-test',
      folderConfigXml(''),
      { Cookie: cookie, 'Content-Type': 'application/xml' },
    );
    expect(noCrumb.status).toBe(403);
    expect(await noCrumb.text()).toContain(
      'No valid crumb was included in the request',
    );
    const withCrumb = await post(
      '/createItem?name=crumb-test',
      folderConfigXml(''),
      {
        Cookie: cookie,
        'Jenkins-Crumb': crumb.crumb,
        'Content-Type': 'application/xml',
      },
    );
    expect(withCrumb.status).toBe(200);
  });

  it('creates folders and jobs, 400 + X-Error when the name exists, config.xml round trip', async () => {
    expect(
      (await post('/createItem?name=team', folderConfigXml('team folder')))
        .status,
    ).toBe(200);
    const xml = inlinePipelineConfigXml('svc', 'pipeline { }');
    const c = await post('/job/team/createItem?name=svc', xml);
    expect(c.status).toBe(200);
    expect(await c.text()).toBe('');
    const dup = await post('/job/team/createItem?name=svc', xml);
    expect(dup.status).toBe(400);
    // the header carries the UTF-8 bytes of the message; fetch exposes them as latin1 characters
    expect(
      Buffer.from(dup.headers.get('x-error') ?? '', 'latin1').toString('utf8'),
    ).toBe('A job already exists with the name ‘svc’');
    expect((await post('/job/team/createItem?name=a%2Fb', xml)).status).toBe(
      400,
    );
    expect((await post('/job/missing/createItem?name=x', xml)).status).toBe(
      404,
    );
    expect(
      (await post('/createItem?name=broken', '<flow-definition>')).status,
    ).toBe(500);
    const folder = await (await get('/job/team/api/json')).json();
    expect(folder._class).toBe('com.cloudbees.hudson.plugins.folder.Folder');
    expect(folder.jobs).toEqual([
      {
        _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
        name: 'svc',
        url: `${m.url}/job/team/job/svc/`,
        color: 'notbuilt',
      },
    ]);
    expect(await (await get('/job/team/job/svc/config.xml')).text()).toBe(xml);
    const updated = xml.replace('pipeline { }', 'pipeline { agent any }');
    expect((await post('/job/team/job/svc/config.xml', updated)).status).toBe(
      200,
    );
    expect(await (await get('/job/team/job/svc/config.xml')).text()).toContain(
      'agent any',
    );
  });

  it('renders job JSON honouring tree=builds[...]{0,N}, and 404 HTML for missing jobs', async () => {
    const full = await (await get('/job/msa/job/msa-nginx/api/json')).json();
    expect(full).toMatchObject({
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      name: 'msa-nginx',
      fullName: 'msa/msa-nginx',
      color: 'blue',
      nextBuildNumber: 4,
    });
    expect(full.builds.map((b: any) => b.number)).toEqual([3, 2, 1]);
    expect(full.lastBuild).toEqual({
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
      number: 3,
      url: `${m.url}/job/msa/job/msa-nginx/3/`,
    });
    const tree = await (
      await get(
        `/job/msa/job/msa-nginx/api/json?tree=${encodeURIComponent(
          'name,builds[number,result,timestamp,duration,url,building]{0,2}',
        )}`,
      )
    ).json();
    expect(Object.keys(tree)).toEqual(['_class', 'name', 'builds']);
    expect(tree.builds).toHaveLength(2);
    expect(tree.builds[1]).toEqual({
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
      number: 2,
      result: 'FAILURE',
      timestamp: expect.any(Number),
      duration: 41000,
      url: `${m.url}/job/msa/job/msa-nginx/2/`,
      building: false,
    });
    const build = await (await get('/job/msa/job/msa-nginx/2/api/json')).json();
    expect(build).toMatchObject({
      number: 2,
      building: false,
      result: 'FAILURE',
      duration: 41000,
      url: `${m.url}/job/msa/job/msa-nginx/2/`,
    });
    const missing = await get('/job/msa/job/nope/api/json');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect((await get('/job/msa/job/msa-nginx/99/api/json')).status).toBe(404);
    expect(
      (await get('/job/msa/job/msa-nginx/api/json?tree=builds[number')).status,
    ).toBe(400);
  });

  it('runs a build: 201 + Location queue item, executable.number, tag bumped in msa_deploy over git', async () => {
    const r = await post('/job/msa/job/login-js/build');
    expect(r.status).toBe(201);
    const location = r.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${m.url}/queue/item/\\d+/$`));
    const item = await waitFor(async () => {
      const q = await (
        await get(`${new URL(location).pathname}api/json`)
      ).json();
      return q.executable ? q : undefined;
    }, 3000);
    expect(item.executable.number).toBe(4);
    const running = await (
      await get('/job/msa/job/login-js/4/api/json')
    ).json();
    expect(running.number).toBe(4);
    const done = await waitFor(async () => {
      const b = await (await get('/job/msa/job/login-js/4/api/json')).json();
      return b.building ? undefined : b;
    }, 10_000);
    expect(done.result).toBe('SUCCESS');
    const dir = path.join(git.dir, 'verify');
    await runGit(['clone', '-q', git.deployUrl, dir]);
    expect(
      (await runGit(['log', '-1', '--format=%s'], { cwd: dir })).stdout.trim(),
    ).toBe('updated the image tag to 4');
    expect(
      (await runGit(['show', 'HEAD:login-js.yaml'], { cwd: dir })).stdout,
    ).toContain('image: harbor.sandbox.local/msa/login-js:4');
    expect(
      (await runGit(['show', 'HEAD:msa-nginx.yaml'], { cwd: dir })).stdout,
    ).toContain('image: harbor.sandbox.local/msa/msa-nginx:1');
    expect(
      await (await get('/job/msa/job/login-js/lastBuild/consoleText')).text(),
    ).toContain('Finished: SUCCESS');
    expect((await get('/queue/item/9999/api/json')).status).toBe(404);
  });

  it('lands concurrent builds of different services in msa_deploy (push rejected -> pull --rebase -> push)', async () => {
    const jobs = ['msa-nginx', 'login-js', 'msa-nginx', 'login-js'];
    const numbers = await Promise.all(
      jobs.map(async job => {
        const location =
          (await post(`/job/msa/job/${job}/build`)).headers.get('location') ??
          '';
        const item = await waitFor(async () => {
          const q = await (
            await get(`${new URL(location).pathname}api/json`)
          ).json();
          return q.executable ? q : undefined;
        }, 5000);
        return item.executable.number as number;
      }),
    );
    const results = await Promise.all(
      jobs.map((job, i) =>
        waitFor(async () => {
          const b = await (
            await get(`/job/msa/job/${job}/${numbers[i]}/api/json`)
          ).json();
          return b.building || !b.result ? undefined : b.result;
        }, 20_000),
      ),
    );
    expect(results).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    const dir = path.join(git.dir, 'verify-concurrent');
    await runGit(['clone', '-q', git.deployUrl, dir]);
    const latest = (job: string) =>
      Math.max(...numbers.filter((_, i) => jobs[i] === job));
    for (const job of ['msa-nginx', 'login-js']) {
      const text = (await runGit(['show', `HEAD:${job}.yaml`], { cwd: dir }))
        .stdout;
      // both builds of a job ran; whichever pushed last wins, and it is one of the two numbers
      const tag = Number(
        /image: harbor\.sandbox\.local\/msa\/[a-z-]+:(\d+)/.exec(text)?.[1],
      );
      expect(numbers.filter((_, i) => jobs[i] === job)).toContain(tag);
      expect(tag).toBeLessThanOrEqual(latest(job));
    }
  });

  it('fails a build whose Jenkinsfile lacks a header variable', async () => {
    const script = renderJenkinsfile({
      SERVICE_NAME: 'x',
      IMAGE_REPOSITORY: 'harbor.sandbox.local/msa/x',
      DEPLOY_REPO_URL: git.deployUrl,
      DEPLOY_BRANCH: 'main',
      DEPLOY_FILE: 'x.yaml',
      DEPLOY_LAYOUT: 'manifest',
    }).replace(/\s+DEPLOY_FILE = '[^']*'\n/, '\n');
    expect(
      (
        await post(
          '/job/msa/createItem?name=broken',
          inlinePipelineConfigXml('', script),
        )
      ).status,
    ).toBe(200);
    await post('/job/msa/job/broken/build');
    const b = await waitFor(async () => {
      const r = await get('/job/msa/job/broken/1/api/json');
      if (r.status !== 200) return undefined;
      const j = await r.json();
      return j.building ? undefined : j;
    }, 5000);
    expect(b.result).toBe('FAILURE');
    expect(
      await (await get('/job/msa/job/broken/1/consoleText')).text(),
    ).toContain('DEPLOY_FILE is missing');
    expect(
      (await (await get('/job/msa/job/broken/api/json')).json()).color,
    ).toBe('red');
  });
});

describe('Jenkinsfile header', () => {
  it('reads single-quoted Groovy strings with escapes and skips non-literal entries', () => {
    const src = `pipeline {\n  environment {\n    SERVICE_NAME = 'it\\'s' // comment\n    TOKEN = credentials('x')\n    DEPLOY_BRANCH = "main"\n    OTHER = "\${X}"\n  }\n}`;
    expect(parseEnvironment(src)).toEqual({
      SERVICE_NAME: "it's",
      DEPLOY_BRANCH: 'main',
    });
  });
  it('validates the variables', () => {
    const ok = {
      SERVICE_NAME: 's',
      IMAGE_REPOSITORY: 'harbor.sandbox.local/msa/s',
      DEPLOY_REPO_URL: 'http://127.0.0.1:1/platform/msa_deploy.git',
      DEPLOY_BRANCH: 'main',
      DEPLOY_FILE: 'services/s/values.yaml',
      DEPLOY_LAYOUT: 'values' as const,
    };
    expect(readPipelineHeader(renderJenkinsfile(ok))).toEqual(ok);
    expect(() =>
      readPipelineHeader(
        renderJenkinsfile({ ...ok, DEPLOY_FILE: '../etc/passwd' }),
      ),
    ).toThrow(/safe relative path/);
    expect(() =>
      readPipelineHeader(
        renderJenkinsfile({ ...ok, DEPLOY_REPO_URL: 'file:///etc' }),
      ),
    ).toThrow(/http/);
  });
});

describe('tree parameter', () => {
  it('parses nested fields and ranges', () => {
    const t = parseTree('name,builds[number,result]{1,2},lastBuild[url]');
    const v = applyTree(
      {
        _class: 'J',
        name: 'n',
        color: 'blue',
        builds: [
          { number: 3, result: 'S', x: 1 },
          { number: 2, result: 'F' },
          { number: 1 },
        ],
        lastBuild: null,
      },
      t,
    );
    expect(v).toEqual({
      _class: 'J',
      name: 'n',
      builds: [{ number: 2, result: 'F' }],
      lastBuild: null,
    });
    expect(() => parseTree('a[b')).toThrow();
  });
});
