import { ConflictError } from '@backstage/errors';
import { testActionsDeps } from '../../testing/ownership';
import { mockContext, outputsOf } from '../../testing/context';
import { createCatalogRegisterAction } from './register';
import { examples } from './register.examples';
import { exampleInputs } from '../../testing/examples';

const component = (owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

describe('platform:catalog:register', () => {
  const [[, input]] = exampleInputs(examples);

  it('registers a new service with the user credentials', async () => {
    const deps = testActionsDeps();
    const addLocation = jest
      .spyOn(deps.catalog, 'addLocation')
      .mockResolvedValue({ location: {} as any, entities: [], exists: false });
    const ctx = mockContext(input);
    await createCatalogRegisterAction(deps).handler(ctx as any);
    expect(addLocation).toHaveBeenCalledWith(
      { type: 'url', target: input.catalogInfoUrl },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: 'user:default/mock',
          }),
        }),
      },
    );
    expect(outputsOf(ctx)).toEqual({
      entityRef: 'component:default/orders',
      result: 'registered',
    });
    expect(deps.audited.ended()).toEqual([
      {
        eventId: 'platform-catalog-registration',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: {
          action: 'platform:catalog:register',
          taskId: 'mock-task-id',
          initiator: 'user:default/mock',
          service: 'component:default/orders',
          owner: 'group:default/platform-team',
          target: {
            location: input.catalogInfoUrl,
            entityRef: 'component:default/orders',
          },
          outcome: 'created',
        },
      },
    ]);
  });

  it('keeps user info and query of the location out of its audit event', async () => {
    const deps = testActionsDeps();
    jest
      .spyOn(deps.catalog, 'addLocation')
      .mockResolvedValue({ location: {} as any, entities: [], exists: false });
    await createCatalogRegisterAction(deps).handler(
      mockContext({
        ...input,
        catalogInfoUrl:
          'https://bob:s3cret@git.example/o/r/catalog-info.yaml?token=t0ken#x',
      }) as any,
    );
    const text = JSON.stringify(deps.audited.events);
    expect(text).toContain('https://git.example/o/r/catalog-info.yaml');
    expect(text).not.toMatch(/s3cret|t0ken|bob/);
  });

  it('is success without a request when the owner re-runs it, and refuses another owner', async () => {
    const mine = testActionsDeps({ entities: [component('platform-team')] });
    const addLocation = jest.spyOn(mine.catalog, 'addLocation');
    const ctx = mockContext(input);
    await createCatalogRegisterAction(mine).handler(ctx as any);
    expect(outputsOf(ctx).result).toBe('unchanged');
    expect(addLocation).not.toHaveBeenCalled();
    const theirs = testActionsDeps({ entities: [component('other-team')] });
    await expect(
      createCatalogRegisterAction(theirs).handler(mockContext(input) as any),
    ).rejects.toThrow(
      'catalog entity component:default/orders is owned by group:default/other-team; refusing to change it for group:default/platform-team',
    );
    expect(mine.audited.ended()).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        meta: expect.objectContaining({ outcome: 'unchanged' }),
      }),
    ]);
    expect(theirs.audited.ended()).toEqual([
      expect.objectContaining({
        eventId: 'platform-catalog-registration',
        status: 'failed',
        error: expect.stringContaining('owned by group:default/other-team'),
        meta: expect.objectContaining({
          target: expect.objectContaining({
            entityRef: 'component:default/orders',
          }),
        }),
      }),
    ]);
  });

  it('treats a location a concurrent run registered first (409) as registered', async () => {
    const deps = testActionsDeps();
    jest
      .spyOn(deps.catalog, 'addLocation')
      .mockRejectedValue(new ConflictError('Location already exists'));
    const ctx = mockContext(input);
    await createCatalogRegisterAction(deps).handler(ctx as any);
    expect(outputsOf(ctx).result).toBe('registered');
  });
});

describe('platform:catalog:register input', () => {
  it('refuses a catalogInfoUrl that is not a URL and an entityRef that is not a full ref, naming the field', async () => {
    const deps = testActionsDeps();
    const addLocation = jest.spyOn(deps.catalog, 'addLocation');
    const [[, input]] = exampleInputs(examples);
    await expect(
      createCatalogRegisterAction(deps).handler(
        mockContext({
          ...input,
          catalogInfoUrl: 'file:///etc/passwd x',
        }) as any,
      ),
    ).rejects.toThrow(/catalogInfoUrl/);
    await expect(
      createCatalogRegisterAction(deps).handler(
        mockContext({ ...input, entityRef: 'orders' }) as any,
      ),
    ).rejects.toThrow(/entityRef/);
    expect(addLocation).not.toHaveBeenCalled();
  });
});
