/**
 * Kubernetes label selector (the `labelSelector` query string form), as parsed by
 * k8s.io/apimachinery/pkg/labels: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * requirements separated by commas.
 */

export type Requirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

type Token =
  | { t: 'ident'; v: string }
  | { t: 'op'; v: '=' | '==' | '!=' | '!' | ',' | '(' | ')' };

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '=' && input[i + 1] === '=') {
      out.push({ t: 'op', v: '==' });
      i += 2;
      continue;
    }
    if (c === '!' && input[i + 1] === '=') {
      out.push({ t: 'op', v: '!=' });
      i += 2;
      continue;
    }
    if (c === '=' || c === '!' || c === ',' || c === '(' || c === ')') {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !' \t=!,()'.includes(input[j])) j++;
    out.push({ t: 'ident', v: input.slice(i, j) });
    i = j;
  }
  return out;
}

function checkKey(key: string): string {
  if (key.length === 0 || key.length > 317 || !LABEL_KEY.test(key)) {
    throw new SelectorParseError(
      `unable to parse requirement: invalid label key "${key}"`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw new SelectorParseError(
      `unable to parse requirement: invalid label value: "${value}": must be 63 characters or less`,
    );
  }
  return value;
}

/** Parses a selector; an empty string selects everything. */
export function parseLabelSelector(input: string): Requirement[] {
  const tokens = tokenize(input);
  const reqs: Requirement[] = [];
  let p = 0;
  const peek = () => tokens[p];
  const next = () => tokens[p++];
  if (tokens.length === 0) return reqs;
  for (;;) {
    let tok = next();
    if (!tok) throw new SelectorParseError("found '', expected: identifier");
    if (tok.t === 'op' && tok.v === '!') {
      const key = next();
      if (!key || key.t !== 'ident') {
        throw new SelectorParseError(
          "found '', expected: identifier after '!'",
        );
      }
      reqs.push({ key: checkKey(key.v), op: 'notexists' });
    } else if (tok.t === 'ident') {
      const key = checkKey(tok.v);
      const op = peek();
      if (!op || (op.t === 'op' && op.v === ',')) {
        reqs.push({ key, op: 'exists' });
      } else if (
        op.t === 'op' &&
        (op.v === '=' || op.v === '==' || op.v === '!=')
      ) {
        p++;
        const val = peek();
        let value = '';
        if (val && val.t === 'ident') {
          value = val.v;
          p++;
        }
        reqs.push({
          key,
          op: op.v === '!=' ? 'neq' : 'eq',
          value: checkValue(value),
        });
      } else if (op.t === 'ident' && (op.v === 'in' || op.v === 'notin')) {
        p++;
        const open = next();
        if (!open || open.t !== 'op' || open.v !== '(') {
          throw new SelectorParseError(
            `found '${open?.v ?? ''}', expected: '('`,
          );
        }
        const values: string[] = [];
        for (;;) {
          tok = next();
          if (!tok) throw new SelectorParseError("found '', expected: ')'");
          if (tok.t === 'ident') {
            values.push(checkValue(tok.v));
            tok = next();
          } else {
            values.push('');
          }
          if (tok && tok.t === 'op' && tok.v === ')') break;
          if (!tok || tok.t !== 'op' || tok.v !== ',') {
            throw new SelectorParseError(
              `found '${tok?.v ?? ''}', expected: ',' or ')'`,
            );
          }
        }
        reqs.push({ key, op: op.v, values });
      } else {
        throw new SelectorParseError(
          `found '${op.v}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
    } else {
      throw new SelectorParseError(
        `found '${tok.v}', expected: !, identifier, or 'end of string'`,
      );
    }
    const sep = next();
    if (!sep) break;
    if (sep.t !== 'op' || sep.v !== ',') {
      throw new SelectorParseError(
        `found '${sep.v}', expected: ',' or 'end of string'`,
      );
    }
  }
  return reqs;
}

export function matchesSelector(
  labels: Record<string, string> | undefined,
  reqs: Requirement[],
): boolean {
  const l = labels ?? {};
  return reqs.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'eq':
        return has && l[r.key] === r.value;
      case 'neq':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      default:
        return false;
    }
  });
}
