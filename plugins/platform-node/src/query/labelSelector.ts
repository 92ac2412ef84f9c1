import { ParseResult } from './equalityLabels';
import { isDns1123Subdomain, isKubernetesLabelValue } from './names';

// A label value may be empty (`key=`); the name part of a key may not.
const isValue = (value: string) =>
  value === '' || isKubernetesLabelValue(value);

function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) {
    return isKubernetesLabelValue(key);
  }
  const prefix = key.slice(0, slash);
  return (
    isDns1123Subdomain(prefix) && isKubernetesLabelValue(key.slice(slash + 1))
  );
}

// A requirement: `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`.
const REQUIREMENT =
  /^\s*(?:(!)\s*([^\s=!,()]+)|([^\s=!,()]+)(?:\s*(==|=|!=)\s*([^\s,()]*)|\s+(in|notin)\s*\(([^()]*)\))?)\s*/;

/**
 * Validates a Kubernetes label selector (as used by `argocd/app-selector`) and returns it in canonical
 * form, so only selector syntax, never other query text, reaches the Argo CD `selector` parameter.
 *
 * @public
 */
export function parseLabelSelector(raw: string): ParseResult<string> {
  const fail = (why: string): ParseResult<string> => ({
    ok: false,
    message: `Invalid label selector: ${why}; expected e.g. app.kubernetes.io/part-of=msa,tier in (web,api),!legacy`,
  });
  let rest = raw.trim();
  if (rest === '') {
    return fail('it is empty');
  }
  if (rest.length > 1024) {
    return fail('it is longer than 1024 characters');
  }
  const out: string[] = [];
  while (rest.length > 0) {
    const match = REQUIREMENT.exec(rest);
    if (!match || match[0].length === 0) {
      return fail(`cannot read '${rest.slice(0, 40)}'`);
    }
    const [whole, not, notKey, key, op, value, setOp, setValues] = match;
    const name = not ? notKey : key;
    if (!validKey(name)) {
      return fail(`'${name.slice(0, 63)}' is not a valid label key`);
    }
    if (not) {
      out.push(`!${name}`);
    } else if (op) {
      if (!isValue(value)) {
        return fail(`'${value.slice(0, 63)}' is not a valid label value`);
      }
      out.push(`${name}${op === '==' ? '=' : op}${value}`);
    } else if (setOp) {
      const values = setValues.split(',').map(v => v.trim());
      if (values.some(v => !isValue(v)) || values.every(v => v === '')) {
        return fail(`the set of '${name}' holds an invalid value`);
      }
      out.push(`${name} ${setOp} (${values.join(',')})`);
    } else {
      out.push(name);
    }
    rest = rest.slice(whole.length);
    if (rest.startsWith(',')) {
      rest = rest.slice(1);
      if (rest.trim() === '') {
        return fail('it ends with a comma');
      }
    } else if (rest.length > 0) {
      return fail(`expected ',' before '${rest.slice(0, 40)}'`);
    }
  }
  return { ok: true, value: out.join(',') };
}
