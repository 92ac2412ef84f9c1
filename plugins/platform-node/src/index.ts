/**
 * Upstream clients and config parsing of the platform plugins, shared by the platform backend and the
 * scaffolder actions.
 *
 * @packageDocumentation
 */

export * from './config/readPlatformConfig';
export * from './http/UpstreamError';
export * from './http/upstreamFetch';
