/**
 * Jenkins config.xml through xmlbuilder2. xmlbuilder2's reader is lenient where Jenkins's XStream is not
 * (it closes what is left open, skips a stray closing tag, keeps an unknown entity as text), so the
 * document is first checked token by token with the lexer xmlbuilder2 itself reads with.
 */
import { XMLStringLexer } from '@oozcitak/dom/lib/parser/XMLStringLexer.js';
import { TokenType } from '@oozcitak/dom/lib/parser/interfaces.js';
import { create } from 'xmlbuilder2';

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

/** The DOM shape xmlbuilder2 hands back, as far as it is read here. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  data?: string;
  childNodes: Iterable<DomNode>;
  attributes?: Iterable<{ name: string; value: string }>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;]*;?/;
const DECLARATION = /^\s*<\?xml\s[^>]*\?>/;

function checkWellFormed(input: string): void {
  const lexer = new XMLStringLexer(input);
  const open: string[] = [];
  let roots = 0;
  const fail = (msg: string): never => {
    throw new XmlError(msg);
  };
  for (;;) {
    let token;
    try {
      token = lexer.nextToken();
    } catch (e) {
      throw new XmlError((e as Error).message.split('\n')[0]);
    }
    switch (token.type) {
      case TokenType.EOF:
        if (open.length) fail(`unclosed element <${open[open.length - 1]}>`);
        if (!roots) fail('no root element');
        return;
      case TokenType.DocType:
        fail('DOCTYPE is not allowed');
        break;
      case TokenType.Element: {
        const el = token as unknown as { name: string; selfClosing: boolean };
        if (!open.length && roots++) fail('more than one root element');
        for (const [, value] of (
          token as unknown as { attributes: [string, string][] }
        ).attributes) {
          const bad = ENTITY.exec(value);
          if (bad) fail(`unknown entity ${bad[0]}`);
        }
        if (!el.selfClosing) open.push(el.name);
        break;
      }
      case TokenType.ClosingTag: {
        const name = (token as unknown as { name: string }).name;
        if (open.pop() !== name) fail(`mismatched closing tag </${name}>`);
        break;
      }
      case TokenType.Text: {
        const data = (token as unknown as { data: string }).data;
        if (!open.length && data.trim()) fail('text outside the root element');
        const bad = ENTITY.exec(data);
        if (bad) fail(`unknown entity ${bad[0]}`);
        break;
      }
      case TokenType.CDATA:
        if (!open.length) fail('CDATA outside the root element');
        break;
      default:
        break;
    }
  }
}

function toElement(node: DomNode): XmlElement {
  const el: XmlElement = {
    name: node.nodeName,
    attrs: {},
    children: [],
    text: '',
  };
  for (const a of node.attributes ?? []) el.attrs[a.name] = a.value;
  for (const c of node.childNodes) {
    if (c.nodeType === ELEMENT_NODE) el.children.push(toElement(c));
    else if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_NODE)
      el.text += c.data ?? '';
  }
  return el;
}

/** Reads a config.xml; throws XmlError where Jenkins would refuse it. */
export function parseXml(input: string): XmlElement {
  const body = input.replace(/^\uFEFF/, '');
  checkWellFormed(body);
  // Jenkins writes XML 1.1 declarations, which xmlbuilder2's reader refuses; the document is the same
  const doc = create(body.replace(DECLARATION, ''));
  return toElement(doc.root().node as unknown as DomNode);
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
