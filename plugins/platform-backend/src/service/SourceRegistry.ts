import { PlatformSource } from '@paved-road/backstage-plugin-platform-node';

/** A source id is a route segment and a key in `health.sources`. */
const SOURCE_ID = /^[a-z][a-z0-9-]{0,39}$/;
/** Route segments the platform uses for something else than a source. */
const RESERVED_IDS = new Set(['health']);

/**
 * The registered sources in registration order (the built-ins first): `health` reads the judging ones in this
 * order, so the reasons keep it. Refuses, at start-up, an id that is invalid, reserved or already taken.
 */
export class SourceRegistry {
  private readonly byId = new Map<string, PlatformSource>();

  constructor(sources: PlatformSource[]) {
    for (const source of sources) {
      if (!SOURCE_ID.test(source.id) || RESERVED_IDS.has(source.id)) {
        throw new Error(
          `Platform source id '${source.id}' is not allowed: lower-case letters, digits and '-', starting with a ` +
            `letter, at most 40 characters, and not ${[...RESERVED_IDS].join(
              ', ',
            )}`,
        );
      }
      if (this.byId.has(source.id)) {
        throw new Error(
          `Platform source '${source.id}' is registered twice; each source id is registered once`,
        );
      }
      this.byId.set(source.id, source);
    }
  }

  get(id: string): PlatformSource | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The sources with a batched read (the fleet view's), in registration order. */
  batched(): PlatformSource[] {
    return [...this.byId.values()].filter(source => source.readMany);
  }

  /** The sources that take part in the verdict, in registration order. */
  judging(): PlatformSource[] {
    return [...this.byId.values()].filter(source => source.judge);
  }
}
