/**
 * Jenkins' `tree` query parameter: `name,builds[number,result]{0,20},lastBuild[url]`.
 * Objects keep their `_class`, as Jenkins does.
 */

export interface TreeNode {
  name: string;
  children?: TreeNode[];
  range?: { from?: number; to?: number };
}

export class TreeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreeParseError';
  }
}

export function parseTree(input: string): TreeNode[] {
  let i = 0;
  const parseList = (closing?: string): TreeNode[] => {
    const out: TreeNode[] = [];
    for (;;) {
      const start = i;
      while (i < input.length && /[A-Za-z0-9_$]/.test(input[i])) i++;
      const name = input.slice(start, i);
      if (!name)
        throw new TreeParseError(
          `Unexpected character at ${i} in tree: ${input}`,
        );
      const node: TreeNode = { name };
      if (input[i] === '[') {
        i++;
        node.children = parseList(']');
      }
      if (input[i] === '{') {
        const end = input.indexOf('}', i);
        if (end < 0)
          throw new TreeParseError(`Unclosed range in tree: ${input}`);
        const spec = input.slice(i + 1, end);
        const m = /^\s*(\d*)\s*(,\s*(\d*))?\s*$/.exec(spec);
        if (!m) throw new TreeParseError(`Invalid range ${spec}`);
        const from = m[1] ? Number(m[1]) : undefined;
        let to: number | undefined;
        if (m[2]) to = m[3] ? Number(m[3]) : undefined;
        else if (from !== undefined) to = from + 1; // {N} is the single element N
        node.range = { from, to };
        i = end + 1;
      }
      out.push(node);
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (closing) {
        if (input[i] !== closing)
          throw new TreeParseError(
            `Expected ${closing} at ${i} in tree: ${input}`,
          );
        i++;
      } else if (i < input.length)
        throw new TreeParseError(
          `Unexpected character at ${i} in tree: ${input}`,
        );
      return out;
    }
  };
  return parseList();
}

export function applyTree(value: unknown, nodes: TreeNode[]): unknown {
  if (Array.isArray(value)) return value.map(v => applyTree(v, nodes));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('_class' in obj) out._class = obj._class;
  for (const n of nodes) {
    if (!(n.name in obj)) continue;
    let v = obj[n.name];
    if (n.range && Array.isArray(v))
      v = v.slice(n.range.from ?? 0, n.range.to ?? v.length);
    out[n.name] = n.children ? applyTree(v, n.children) : v;
  }
  return out;
}
