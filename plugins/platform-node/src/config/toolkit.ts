/** What a section reader uses, from one place (each error names the full key: see configSectionReader). */
export {
  checkHttpUrl,
  configSectionReader,
  failConfig,
  nameRule,
} from './configSectionReader';
export type { ConfigSectionReader, StringRule } from './configSectionReader';
export { namespacePatterns } from './namespacePatterns';
export type { TenantConfig } from './tenants';
export { readMultiTenantUpstream, readUpstream, uniqueNames } from './upstream';
export type { SectionContext, UpstreamConfig } from './upstream';
