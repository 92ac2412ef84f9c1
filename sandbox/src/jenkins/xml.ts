/** A small, strict XML reader (elements, attributes, text, CDATA, comments, entities) for Jenkins config.xml. */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x'))
      return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#'))
      return String.fromCodePoint(parseInt(e.slice(1), 10));
    if (e in ENTITIES) return ENTITIES[e];
    throw new XmlError(`unknown entity ${m}`);
  });
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAME = /[A-Za-z_][-A-Za-z0-9_.:]*/y;

export function parseXml(input: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    const line = input.slice(0, i).split('\n').length;
    throw new XmlError(`${msg} (line ${line})`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(input);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const skipWs = () => {
    while (i < input.length && /\s/.test(input[i])) i++;
  };
  if (input.charCodeAt(0) === 0xfeff) i = 1;
  while (i < input.length) {
    if (input.startsWith('<?', i)) {
      const end = input.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
    } else if (input.startsWith('<![CDATA[', i)) {
      const end = input.indexOf(']]>', i);
      if (end < 0) fail('unterminated CDATA');
      if (!stack.length) fail('CDATA outside the root element');
      stack[stack.length - 1].text += input.slice(i + 9, end);
      i = end + 3;
    } else if (input.startsWith('<!', i)) {
      fail('DOCTYPE is not allowed');
    } else if (input.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipWs();
      if (input[i] !== '>') fail('expected >');
      i++;
      const open = stack.pop();
      if (!open || open.name !== name)
        fail(`mismatched closing tag </${name}>`);
    } else if (input[i] === '<') {
      i++;
      const el: XmlElement = {
        name: readName(),
        attrs: {},
        children: [],
        text: '',
      };
      for (;;) {
        skipWs();
        if (input.startsWith('/>', i)) {
          i += 2;
          break;
        }
        if (input[i] === '>') {
          i++;
          break;
        }
        const an = readName();
        skipWs();
        if (input[i] !== '=') fail('expected = after attribute name');
        i++;
        skipWs();
        const q = input[i];
        if (q !== '"' && q !== "'") fail('expected quoted attribute value');
        const end = input.indexOf(q, i + 1);
        if (end < 0) fail('unterminated attribute value');
        el.attrs[an] = decodeEntities(input.slice(i + 1, end));
        i = end + 1;
      }
      const selfClosing = input[i - 2] === '/';
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('more than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
    } else {
      const next = input.indexOf('<', i);
      const end = next < 0 ? input.length : next;
      const text = input.slice(i, end);
      if (stack.length) stack[stack.length - 1].text += decodeEntities(text);
      else if (text.trim()) fail('text outside the root element');
      i = end;
    }
  }
  if (stack.length) fail(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** First descendant following a path of element names. */
export function child(
  el: XmlElement | undefined,
  ...path: string[]
): XmlElement | undefined {
  let cur = el;
  for (const p of path) {
    cur = cur?.children.find(c => c.name === p);
    if (!cur) return undefined;
  }
  return cur;
}

/** Depth-first search for the first element with a name. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}
