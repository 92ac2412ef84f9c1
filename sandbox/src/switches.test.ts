import { readSwitches } from './switches.ts';

describe('sandbox switches', () => {
  it('defaults to istio and no fleet', () => {
    expect(readSwitches([], {})).toEqual({ meshes: ['istio'], fleet: 0 });
  });
  it('reads --mesh and --fleet, both forms, flag over env', () => {
    expect(
      readSwitches(['--mesh', 'linkerd,istio', '--fleet=500'], {
        PLATFORM_SANDBOX_MESH: 'istio',
        PLATFORM_SANDBOX_FLEET: '3',
      }),
    ).toEqual({ meshes: ['istio', 'linkerd'], fleet: 500 });
    expect(
      readSwitches([], {
        PLATFORM_SANDBOX_MESH: 'linkerd',
        PLATFORM_SANDBOX_FLEET: '12',
      }),
    ).toEqual({ meshes: ['linkerd'], fleet: 12 });
  });
  it('refuses bad values naming the switch and what is allowed', () => {
    expect(() => readSwitches(['--mesh', 'consul'], {})).toThrow(
      '--mesh must be a comma-separated list of istio, linkerd (got "consul")',
    );
    expect(() => readSwitches(['--mesh'], {})).toThrow('--mesh needs a value');
    expect(() => readSwitches([], { PLATFORM_SANDBOX_FLEET: '-1' })).toThrow(
      'PLATFORM_SANDBOX_FLEET must be a whole number from 0 to 5000',
    );
    expect(() => readSwitches(['--fleet', '5001'], {})).toThrow(
      '--fleet must be a whole number from 0 to 5000 (got "5001")',
    );
    expect(() => readSwitches(['--fleet', '1e3'], {})).toThrow('--fleet');
  });
});
