import { Config } from '@backstage/config';

/**
 * The one toolkit every config section is read with: each error names the full key of the setting
 * (`Invalid config at 'platform.loki.maxLines': ...`) and what is allowed.
 */

/** What a string setting must look like, and how the error names it (`'x' is not <what>`). */
export interface StringRule {
  pattern: RegExp;
  /** Longest allowed value, when the pattern does not bound it. */
  maxLength?: number;
  what: string;
}

/** A rule whose error shows the pattern itself: for names an operator types into PromQL/LogQL/TraceQL. */
export function nameRule(pattern: RegExp): StringRule {
  return { pattern, what: `a valid name (allowed: ${pattern.source})` };
}

/** Fails start-up naming the full key of the setting and what is wrong with it. */
export function failConfig(key: string, message: string): never {
  throw new Error(`Invalid config at '${key}': ${message}`);
}

/**
 * Checks an absolute http(s) URL without credentials, failing with the key and what is expected.
 * Returns it without trailing slashes.
 */
export function checkHttpUrl(value: string, fullKey: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return failConfig(
      fullKey,
      `expected an absolute http(s) URL such as https://host:port, got '${value}'`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    failConfig(
      fullKey,
      `expected an http or https URL, got protocol '${parsed.protocol}'`,
    );
  }
  if (parsed.username || parsed.password) {
    failConfig(
      fullKey,
      `credentials must not be part of the URL; use the token/password keys`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** Reads validated settings of one config section; every error names `${prefix}.${key}`. */
export interface ConfigSectionReader {
  /** The section's full key, e.g. `platform.loki`. */
  readonly prefix: string;
  /** Fails naming `${prefix}.${key}`. */
  fail(key: string, message: string): never;
  /** The setting when it matches `rule`; `fallback` when it is absent. */
  matching(key: string, rule: StringRule, fallback: string): string;
  matching(key: string, rule: StringRule): string | undefined;
  /**
   * Like `matching`, but an empty value is the fallback too: an unset environment variable (`${X}`) reads
   * as ''.
   */
  matchingOrDefault(key: string, rule: StringRule, fallback: string): string;
  /** The setting when it is one of `allowed`; `fallback` when it is absent. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T;
  /** A whole number from 0 to `max`; `fallback` when it is absent. */
  wholeNumber(key: string, fallback: number, max: number): number;
  /** A required http(s) URL (see {@link checkHttpUrl}). */
  url(key: string): string;
  /** An optional http(s) URL; `fallback` when it is absent or empty. */
  optionalUrl(key: string, fallback: string): string;
}

/** A {@link ConfigSectionReader} of `section`, found at `prefix` in the app config. */
export function configSectionReader(
  section: Config,
  prefix: string,
): ConfigSectionReader {
  const fail = (key: string, message: string): never =>
    failConfig(`${prefix}.${key}`, message);

  function matching(key: string, rule: StringRule, fallback: string): string;
  function matching(key: string, rule: StringRule): string | undefined;
  function matching(
    key: string,
    rule: StringRule,
    fallback?: string,
  ): string | undefined {
    const value = section.getOptionalString(key);
    if (value === undefined) {
      return fallback;
    }
    if (
      (rule.maxLength !== undefined && value.length > rule.maxLength) ||
      !rule.pattern.test(value)
    ) {
      fail(key, `'${value}' is not ${rule.what}`);
    }
    return value;
  }

  return {
    prefix,
    fail,
    matching,
    matchingOrDefault(key, rule, fallback) {
      return section.getOptionalString(key) === ''
        ? fallback
        : matching(key, rule, fallback);
    },
    oneOf<T extends string>(
      key: string,
      allowed: readonly T[],
      fallback: T,
    ): T {
      const value = section.getOptionalString(key) ?? fallback;
      if (!(allowed as readonly string[]).includes(value)) {
        fail(key, `expected one of ${allowed.join(', ')}, got '${value}'`);
      }
      return value as T;
    },
    wholeNumber(key, fallback, max) {
      const value = section.getOptionalNumber(key);
      if (value === undefined) {
        return fallback;
      }
      if (!Number.isInteger(value) || value < 0 || value > max) {
        fail(key, `expected a whole number from 0 to ${max}, got ${value}`);
      }
      return value;
    },
    url(key) {
      return checkHttpUrl(section.getString(key), `${prefix}.${key}`);
    },
    optionalUrl(key, fallback) {
      const value = section.getOptionalString(key);
      return value ? checkHttpUrl(value, `${prefix}.${key}`) : fallback;
    },
  };
}
