import {
  DNS_1123_LABEL_MAX_LENGTH,
  DNS_1123_LABEL_PATTERN,
} from '../../query/names';
import { StringRule } from '../toolkit';

/** Lower-case `host[:port]`: no scheme, path or credentials. */
export const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/** A Kubernetes name the scaffolder writes (a Secret, an Argo CD namespace or project). */
export const DNS_1123_NAME: StringRule = {
  pattern: DNS_1123_LABEL_PATTERN,
  maxLength: DNS_1123_LABEL_MAX_LENGTH,
  what: 'a DNS-1123 name',
};
