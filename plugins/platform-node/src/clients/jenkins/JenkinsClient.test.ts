import http from 'node:http';
import { AddressInfo } from 'node:net';
import { JenkinsClient } from './JenkinsClient';

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new JenkinsClient({
    name: 'main',
    url,
    auth: { type: 'basic', username: 'u', password: 'secret-token' },
    timeoutMs: 2000,
    headers: {},
  });
  return {
    client,
    url,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('JenkinsClient', () => {
  it('gets a job with its last builds through the tree parameter', async () => {
    let seen = '';
    const { client, close } = await serve((req, res) => {
      seen = req.url ?? '';
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
          name: 'orders',
          fullName: 'msa/orders',
          url: 'http://j/job/msa/job/orders/',
          color: 'blue',
          builds: [
            {
              number: 3,
              url: 'u',
              result: 'SUCCESS',
              building: false,
              timestamp: 1,
              duration: 2,
            },
          ],
          lastBuild: { number: 3, url: 'u', result: 'SUCCESS' },
        }),
      );
    });
    const job = await client.getJob('msa/orders', { buildCount: 5 });
    expect(decodeURIComponent(seen)).toContain(
      '/job/msa/job/orders/api/json?tree=',
    );
    expect(decodeURIComponent(seen)).toContain(
      'builds[number,url,result,building,timestamp,duration]{0,5}',
    );
    expect(job.builds?.[0]).toMatchObject({ number: 3, result: 'SUCCESS' });
    await close();
  });

  it('maps a 404 to not-found and an X-Error 400 to its reason', async () => {
    const { client, close } = await serve((req, res) => {
      if (req.url?.includes('createItem')) {
        res
          .writeHead(400, { 'X-Error': 'No such plugin: cloudbees-folder' })
          .end('<html/>');
      } else {
        res
          .writeHead(404, { 'Content-Type': 'text/html' })
          .end('<html>Not Found</html>');
      }
    });
    await expect(client.getJob('missing')).rejects.toMatchObject({
      kind: 'not-found',
      status: 404,
    });
    await expect(client.findJob('missing')).resolves.toBeUndefined();
    await expect(client.createItem([], 'x', '<a/>')).rejects.toThrow(
      /answered 400: No such plugin: cloudbees-folder/,
    );
    await close();
  });

  it('refuses job names that could leave the /job/ path', () => {
    const client = new JenkinsClient({
      name: 'm',
      url: 'http://j',
      auth: { type: 'none' },
      timeoutMs: 1,
      headers: {},
    });
    expect(() => client.jobUrl('a/../b')).toThrow(/segment '..'/);
    expect(() => client.jobUrl('a/b%2Fc')).toThrow(/segment 'b%2Fc'/);
    expect(client.jobUrl('msa/orders')).toBe('http://j/job/msa/job/orders/');
  });
});
