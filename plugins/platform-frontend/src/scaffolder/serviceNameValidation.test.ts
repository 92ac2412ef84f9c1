import { mockApis } from '@backstage/frontend-test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { validateServiceName } from './serviceNameValidation';
import { describeCheck } from './ServiceNameField';
import { platformTranslationRef } from '../translation';

function apis(answer: unknown, status = 200) {
  const fetch = jest.fn(
    async (_url: string) => new Response(JSON.stringify(answer), { status }),
  );
  const byId: Record<string, unknown> = {
    [discoveryApiRef.id]: {
      getBaseUrl: async () => 'http://backend/api/scaffolder',
    },
    [fetchApiRef.id]: { fetch },
  };
  const holder = { get: (ref: { id: string }) => byId[ref.id] };
  return { holder: holder as any, fetch };
}

const run = async (
  value: string,
  formData: Record<string, unknown>,
  holder: any,
) => {
  const addError = jest.fn();
  await validateServiceName(value, { addError } as any, {
    apiHolder: holder,
    formData: formData as any,
    schema: {},
  });
  return addError;
};

describe('validateServiceName', () => {
  it('asks the backend with every wizard value known so far and blocks on a taken name', async () => {
    const { holder, fetch } = apis({
      available: false,
      problems: ['x is owned by group:default/a;', 'y'],
      existing: [],
    });
    const addError = await run(
      'orders',
      { owner: 'group:default/b', namespace: 'svc-a', jenkinsFolder: 'msa' },
      holder,
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/scaffolder/platform/service-check?name=orders&owner=group%3Adefault%2Fb&namespace=svc-a&jenkinsFolder=msa',
    );
    expect(addError).toHaveBeenCalledWith('x is owned by group:default/a; y');
  });

  it('passes a free name, waits for the owner, and never blocks on a failed check', async () => {
    const free = apis({ available: true, problems: [], existing: [] });
    expect(
      await run('orders', { owner: 'group:default/b' }, free.holder),
    ).not.toHaveBeenCalled();
    expect(await run('orders', {}, free.holder)).not.toHaveBeenCalled();
    expect(free.fetch).toHaveBeenCalledTimes(1);
    const down = apis({ error: 'boom' }, 503);
    expect(
      await run('orders', { owner: 'group:default/b' }, down.holder),
    ).not.toHaveBeenCalled();
  });
});

describe('describeCheck', () => {
  const snapshot = mockApis
    .translation()
    .getTranslation(platformTranslationRef);
  if (!snapshot.ready) throw new Error('the English strings are built in');
  const { t } = snapshot;

  it('says taken, updating, available or checking', () => {
    expect(
      describeCheck(
        { available: false, problems: ['a', 'b'], existing: [] },
        false,
        t,
      ),
    ).toEqual({ error: true, text: 'a b' });
    expect(
      describeCheck(
        { available: true, problems: [], existing: ['r1', 'r2'] },
        false,
        t,
      ).text,
    ).toMatch(/updates it \(2 resources\)/);
    expect(
      describeCheck(
        { available: true, problems: [], existing: ['r1'] },
        false,
        t,
      ).text,
    ).toMatch(/updates it \(1 resource\)/);
    expect(
      describeCheck({ available: true, problems: [], existing: [] }, false, t),
    ).toEqual({ error: false, text: 'Available.' });
    expect(describeCheck(undefined, true, t)).toEqual({
      error: false,
      text: 'Checking the name...',
    });
  });
});
