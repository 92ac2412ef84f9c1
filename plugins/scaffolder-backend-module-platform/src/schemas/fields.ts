import {
  DNS_1123_LABEL_MAX_LENGTH,
  DNS_1123_LABEL_PATTERN,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';

/**
 * Field schemas shared by every platform action. Each is strict enough that a value can land in
 * Groovy, YAML, XML, a URL path or a Kubernetes name without any further interpretation.
 */

/** A Kubernetes Service / workload name: DNS-1035 label (starts with a letter), at most 63. */
export const serviceNameSchema = z
  .string()
  .min(1)
  .max(63, 'at most 63 characters (a DNS-1123 label)')
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit (DNS-1123 label)',
  )
  .describe(
    'Service name: a DNS-1123 label (lower case, digits, "-"; starts with a letter; at most 63)',
  );

/** A Kubernetes namespace name: DNS-1123 label, at most 63. */
export const namespaceSchema = z
  .string()
  .min(1)
  .max(DNS_1123_LABEL_MAX_LENGTH, 'at most 63 characters (a DNS-1123 label)')
  .regex(
    DNS_1123_LABEL_PATTERN,
    'lower-case letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label)',
  )
  .describe('Kubernetes namespace: a DNS-1123 label');

/** A catalog entity reference in full form, e.g. `component:default/msa-nginx`. */
export const entityRefSchema = z
  .string()
  .max(255)
  .regex(
    /^[a-z][a-z0-9]{0,62}:[a-z0-9][a-z0-9._-]{0,62}\/[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/,
    'a full entity reference kind:namespace/name, e.g. component:default/msa-nginx',
  )
  .describe(
    'Full entity reference of the owning component (kind:namespace/name), recorded as the owner marker',
  );

/** A registry project (Harbor project), e.g. `msa`. */
export const registryProjectSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    'lower-case letters and digits, separated by single ".", "_" or "-"',
  )
  .describe('Registry project (Harbor project) the image is pushed to');

/** An image tag. */
export const imageTagSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
    'letters, digits, "_", ".", "-" (a Docker tag)',
  )
  .describe('Image tag');

/** A TCP port. */
export const portSchema = z
  .number()
  .int('a whole number')
  .min(1, 'a port from 1 to 65535')
  .max(65535, 'a port from 1 to 65535')
  .describe('Container port (1-65535)');

/** Replicas of a Deployment. */
export const replicasSchema = z
  .number()
  .int('a whole number')
  .min(1, 'from 1 to 20 replicas')
  .max(20, 'from 1 to 20 replicas')
  .describe('Number of replicas (1-20)');

/** A git branch name (no `..`, no leading `-`, no trailing `/` or `.lock`). */
export const branchSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'letters, digits, ".", "_", "/", "-", starting with a letter or digit',
  )
  .refine(
    value =>
      !value.includes('..') &&
      !value.includes('//') &&
      !value.endsWith('/') &&
      !value.endsWith('.') &&
      value !== 'HEAD' &&
      !value
        .split('/')
        .some(segment => segment.startsWith('.') || segment.endsWith('.lock')),
    'not a valid git branch name (no "..", "//", "HEAD", trailing "/" or ".", and no segment starting with "." or ending with ".lock")',
  )
  .describe('Git branch');

/** A relative file path inside a repository: no absolute path, no `..`, no hidden tricks. */
export const repoRelativePathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/,
    'a relative path of letters, digits, "_", ".", "-" segments separated by "/"',
  )
  .refine(
    value =>
      !value.split('/').some(segment => segment === '..' || segment === '.'),
    {
      message: 'must not contain "." or ".." segments (path traversal)',
    },
  )
  .describe('Path relative to the repository root');

/** A Slack channel, e.g. `#devops`. */
export const slackChannelSchema = z
  .string()
  .regex(
    /^#?[a-z0-9][a-z0-9._-]{0,79}$/,
    'a Slack channel such as #devops (lower case, digits, ".", "_", "-")',
  )
  .describe('Slack channel notified at start, success and failure (optional)');

/** A Jenkins job full name, `folder/sub/job`. */
export const jenkinsJobFullNameSchema = z
  .string()
  .min(1)
  .max(400)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}){0,9}$/,
    'folder/job segments of letters, digits, "_", ".", "-" (each starting with a letter or digit)',
  )
  .refine(
    value =>
      !value.includes('..') &&
      !value.split('/').some(segment => segment.endsWith('.')),
    'no ".." and no segment ending in "." (Jenkins refuses such item names)',
  )
  .describe(
    'Jenkins job full name, e.g. msa/msa-nginx (folders are created as needed)',
  );

/**
 * An http(s) git URL without credentials, query or fragment, whose path is `/<segments>[.git]`.
 * The host is checked against `platform.scaffolder.allowedGitHosts` by the action.
 */
export const gitUrlSchema = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'not an absolute URL',
      });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an http(s) URL',
      });
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must not carry credentials',
      });
    }
    if (url.search || url.hash) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must not have a query or fragment',
      });
    }
    // Segments of at most 100 (a repository name's limit on GitHub and in platform:git:publish) plus `.git`.
    if (
      !/^(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}){0,4}\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}(?:\.git)?$/.test(
        url.pathname,
      ) ||
      /\/\.\.?(\/|$)/.test(url.pathname)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'path must be /owner/repo[.git] segments of letters, digits, "_", ".", "-" (no traversal)',
      });
    }
    if (/[^\x21-\x7e]/.test(value) || /['"\\`$<>{}]/.test(value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'contains characters not allowed in a git URL',
      });
    }
  })
  .describe(
    'HTTP(S) git clone URL (no credentials); its host must be in platform.scaffolder.allowedGitHosts',
  );

/** A one-line human text (description, commit subject): no control characters. */
export const oneLineTextSchema = z
  .string()
  .max(300)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .regex(/^[^\x00-\x1f\x7f]*$/, 'a single line without control characters');
