import http from 'node:http';
import { AddressInfo } from 'node:net';
import { JENKINS_TOKEN } from './config';

/** An in-memory Jenkins speaking the REST subset of UPSTREAM-APIS.md (basic auth API token, no crumb). */
export interface FakeJenkins {
  url: string;
  items: Map<string, { xml: string; folder: boolean; builds: number[] }>;
  requests: Array<{ method: string; path: string }>;
  /** Return a status to fail a request (e.g. 500 on createItem after a folder exists). */
  failNext?: (method: string, path: string) => number | undefined;
  close(): Promise<void>;
}

const FOLDER = 'com.cloudbees.hudson.plugins.folder.Folder';

export async function startFakeJenkins(auth: {
  username: string;
  token: string;
}): Promise<FakeJenkins> {
  const expected = `Basic ${Buffer.from(
    `${auth.username}:${auth.token}`,
  ).toString('base64')}`;
  const state: FakeJenkins = {
    url: '',
    items: new Map(),
    requests: [],
    close: async () => {},
  };
  let queueId = 100;
  const queue = new Map<
    number,
    { job: string; polls: number; number: number }
  >();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    state.requests.push({ method, path: url.pathname + url.search });
    if (req.headers.authorization !== expected) {
      res
        .writeHead(403, { 'Content-Type': 'text/html' })
        .end('<html>403 No valid crumb</html>');
      return;
    }
    const injected = state.failNext?.(method, url.pathname);
    if (injected) {
      res
        .writeHead(injected, { 'Content-Type': 'text/html' })
        .end('<html>Server Error</html>');
      return;
    }
    const queueMatch = /^\/queue\/item\/(\d+)\/api\/json$/.exec(url.pathname);
    if (queueMatch) {
      const item = queue.get(Number(queueMatch[1]));
      if (!item) {
        res.writeHead(404).end();
        return;
      }
      item.polls++;
      const executable =
        item.polls > 1
          ? {
              number: item.number,
              url: `${state.url}/job/${item.job}/${item.number}/`,
            }
          : null;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          id: Number(queueMatch[1]),
          why: executable ? null : 'Waiting for next available executor',
          executable,
        }),
      );
      return;
    }
    const match =
      /^((?:\/job\/[^/]+)*)(?:\/(createItem|config\.xml|api\/json|build))?\/?$/.exec(
        url.pathname,
      );
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const fullName = match[1]
      .split('/job/')
      .filter(Boolean)
      .map(decodeURIComponent)
      .join('/');
    const op = match[2];
    const item = state.items.get(fullName);
    if (op === 'createItem' && method === 'POST') {
      if (fullName && !item?.folder) {
        res.writeHead(404).end();
        return;
      }
      const name = url.searchParams.get('name') ?? '';
      const child = fullName ? `${fullName}/${name}` : name;
      if (state.items.has(child)) {
        res
          .writeHead(400, {
            'X-Error': `A job already exists with the name ‘${name}’`,
            'Content-Type': 'text/html',
          })
          .end('<html/>');
        return;
      }
      state.items.set(child, {
        xml: body,
        folder: body.includes(FOLDER),
        builds: [],
      });
      res.writeHead(200).end();
      return;
    }
    if (!item) {
      res
        .writeHead(404, { 'Content-Type': 'text/html' })
        .end('<html>Not found</html>');
      return;
    }
    if (op === 'config.xml') {
      if (method === 'POST') {
        item.xml = body;
        res.writeHead(200).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/xml' }).end(item.xml);
      return;
    }
    if (op === 'api/json') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          _class: item.folder
            ? FOLDER
            : 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
          name: fullName.split('/').pop(),
          fullName,
          url: `${state.url}${match[1]}/`,
          color: 'notbuilt',
          nextBuildNumber: item.builds.length + 1,
          builds: item.builds.map(number => ({
            number,
            url: `${state.url}${match[1]}/${number}/`,
            result: 'SUCCESS',
            building: false,
          })),
          lastBuild: null,
        }),
      );
      return;
    }
    if (op === 'build' && method === 'POST') {
      const number = item.builds.length + 1;
      item.builds.push(number);
      const id = ++queueId;
      queue.set(id, { job: fullName, polls: 0, number });
      res.writeHead(201, { Location: `${state.url}/queue/item/${id}/` }).end();
      return;
    }
    res.writeHead(405).end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A fresh fake Jenkins for each test of the calling `describe` (the test config's credentials), closed after it. */
export function useFakeJenkins(): () => FakeJenkins {
  let jenkins: FakeJenkins | undefined;
  beforeEach(async () => {
    jenkins = await startFakeJenkins({
      username: 'platform',
      token: JENKINS_TOKEN,
    });
  });
  afterEach(() => jenkins?.close());
  return () => {
    if (!jenkins) throw new Error('the fake Jenkins runs only inside a test');
    return jenkins;
  };
}
