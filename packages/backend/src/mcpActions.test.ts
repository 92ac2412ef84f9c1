import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import platformPlugin from '@paved-road/backstage-plugin-platform-backend';
import { AddressInfo } from 'node:net';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'msa-nginx', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
};

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

// The platform's actions served over MCP by @backstage/plugin-mcp-actions-backend, called with a real MCP client
// (StreamableHTTP). The policy stand-in allows alice and denies mallory every platform permission, so the tools
// must answer through the platform's own permission checks with the caller's credentials.
describe('platform actions over MCP', () => {
  jest.setTimeout(60_000);
  let base: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mcpActionsPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['platform'] } },
            platform: {},
          },
        }),
        catalogServiceMock.factory({ entities: [component] }),
        mockServices.permissions.mock({
          authorize: async (requests, options) => {
            const principal = options?.credentials.principal as {
              userEntityRef?: string;
            };
            return requests.map(() => ({
              result:
                principal?.userEntityRef === MALLORY
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any;
          },
        }).factory,
      ],
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(clients.map(client => client.close()));
  });

  async function connect(user: string): Promise<Client> {
    const client = new Client({ name: 'paved-road-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/api/mcp-actions/v1`), {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      }),
    );
    clients.push(client);
    return client;
  }

  const text = (result: any) =>
    (result.content as Array<{ type: string; text?: string }>)
      .map(part => part.text ?? '')
      .join('\n');

  it('lists the platform tools, each with an input schema', async () => {
    const client = await connect(ALICE);
    const { tools } = await client.listTools();
    const names = tools.map(tool => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'platform.get-entity-health',
        'platform.get-entity-alerts',
        'platform.query-entity-logs',
        'platform.search-entity-traces',
        'platform.get-entity-builds',
        'platform.deploy-entity-build',
      ]),
    );
    expect(tools.length).toBeGreaterThanOrEqual(5);
    const health = tools.find(
      tool => tool.name === 'platform.get-entity-health',
    )!;
    expect(health.inputSchema).toMatchObject({
      type: 'object',
      required: ['entityRef'],
    });
    expect(health.annotations).toMatchObject({ readOnlyHint: true });
  });

  it("answers health with the user's token", async () => {
    const client = await connect(ALICE);
    const result: any = await client.callTool({
      name: 'platform.get-entity-health',
      arguments: { entityRef: 'component:default/msa-nginx' },
    });
    expect(result.isError).toBeFalsy();
    const health = JSON.parse(text(result));
    expect(health).toMatchObject({
      verdict: 'unknown',
      sources: { argocd: { ok: false, error: { kind: 'not-configured' } } },
    });
  });

  it('refuses every platform tool to a user without the permission', async () => {
    const client = await connect(MALLORY);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['platform.get-entity-health', {}],
      ['platform.get-entity-alerts', {}],
      ['platform.query-entity-logs', {}],
      ['platform.search-entity-traces', {}],
      ['platform.get-entity-builds', {}],
      ['platform.deploy-entity-build', { build: 7, dryRun: true }],
    ];
    for (const [name, extra] of calls) {
      const result: any = await client.callTool({
        name,
        arguments: { entityRef: 'component:default/msa-nginx', ...extra },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/You may not use platform\./);
    }
  });
});
