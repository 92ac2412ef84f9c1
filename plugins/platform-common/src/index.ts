/**
 * Annotations, permissions and wire types shared by the platform frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './routes';
export type * from './types';
export type * from './deploy';
