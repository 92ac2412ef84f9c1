import { Config } from '@backstage/config';

/** What a string setting must look like, and how the error names it (`'x' is not <what>`). */
export interface StringRule {
  pattern: RegExp;
  what: string;
}

/** Fails start-up naming the full key of the setting and what is wrong with it. */
export function failConfig(key: string, message: string): never {
  throw new Error(`Invalid config at '${key}': ${message}`);
}

/**
 * Reads validated string settings of one config section; every error names `${prefix}.${key}`.
 */
export interface ConfigSectionReader {
  /** The setting when it matches `rule`; `fallback` when it is absent. */
  matching(key: string, rule: StringRule, fallback: string): string;
  matching(key: string, rule: StringRule): string | undefined;
  /** The setting when it is one of `allowed`; `fallback` when it is absent. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T;
}

/** A {@link ConfigSectionReader} of `section`, found at `prefix` in the app config. */
export function configSectionReader(
  section: Config,
  prefix: string,
): ConfigSectionReader {
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
    if (!rule.pattern.test(value)) {
      failConfig(`${prefix}.${key}`, `'${value}' is not ${rule.what}`);
    }
    return value;
  }
  function oneOf<T extends string>(
    key: string,
    allowed: readonly T[],
    fallback: T,
  ): T {
    const value = section.getOptionalString(key) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      failConfig(
        `${prefix}.${key}`,
        `expected one of ${allowed.join(', ')}, got '${value}'`,
      );
    }
    return value as T;
  }
  return { matching, oneOf };
}
