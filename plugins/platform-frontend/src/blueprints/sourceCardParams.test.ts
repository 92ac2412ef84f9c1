import { checkSourceCardParams } from './sourceCardParams';

const ID = 'platform-source-card:platform/x';
const loader = async () => null as unknown as JSX.Element;

describe('checkSourceCardParams', () => {
  it('accepts a source id of the backend and defaults the layout to full', () => {
    expect(
      checkSourceCardParams(
        { sourceId: 'service-graph', title: ' Service graph ', loader },
        ID,
      ),
    ).toEqual({
      sourceId: 'service-graph',
      title: 'Service graph',
      layout: 'full',
    });
    expect(
      checkSourceCardParams(
        { sourceId: 'argocd', title: 'Argo CD', loader, layout: 'half' },
        ID,
      ).layout,
    ).toBe('half');
  });

  it.each([
    ['Service-Graph'],
    ['service graph'],
    ['../logs'],
    ['-logs'],
    ['logs-'],
    [''],
    ['a'.repeat(64)],
    ['"><img src=x>'],
    [42],
    [undefined],
  ])(
    'refuses the source id %p, naming the extension and the param',
    sourceId => {
      expect(() =>
        checkSourceCardParams({ sourceId, title: 'T', loader }, ID),
      ).toThrow(
        `Extension '${ID}': params.sourceId ${JSON.stringify(
          sourceId,
        )} is not allowed: 1-63 lowercase letters, digits and '-'`,
      );
    },
  );

  it.each([[''], ['   '], ['x'.repeat(81)], [7]])(
    'refuses the title %p',
    title => {
      expect(() =>
        checkSourceCardParams({ sourceId: 'x', title, loader }, ID),
      ).toThrow(
        /params\.title .* is not allowed: a non-empty string of at most 80 characters/,
      );
    },
  );

  it('refuses a loader that is not a function and a layout that is not full or half', () => {
    expect(() =>
      checkSourceCardParams({ sourceId: 'x', title: 'X', loader: 'card' }, ID),
    ).toThrow(`Extension '${ID}': params.loader is not allowed`);
    expect(() =>
      checkSourceCardParams(
        { sourceId: 'x', title: 'X', loader, layout: 'third' },
        ID,
      ),
    ).toThrow(
      `Extension '${ID}': params.layout "third" is not allowed: one of 'full', 'half'`,
    );
  });
});
