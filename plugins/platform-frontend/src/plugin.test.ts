import { platformPlugin } from './plugin';

describe('platform', () => {
  it('should export plugin', () => {
    expect(platformPlugin).toBeDefined();
  });
});
