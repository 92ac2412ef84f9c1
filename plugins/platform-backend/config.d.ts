// The platform backend reads the `platform` section described by
// @paved-road/backstage-plugin-platform-node's config.d.ts.
export interface Config {}
