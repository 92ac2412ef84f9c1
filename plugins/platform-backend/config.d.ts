// The platform backend reads the `platform` section described by
// @paved-road/backstage-plugin-platform-node's config.d.ts, plus the keys below.
export interface Config {
  platform?: {
    /** The owner-notification watcher (Backstage notifications to a component's owner). */
    notifications?: {
      /** Run the watcher (default false). Needs the notifications backend in the backend. */
      enabled?: boolean;
      /** Seconds between rounds, 5 to 3600 (default 30); one replica runs each round. */
      intervalSeconds?: number;
    };
  };
}
