import { inlinePipelineConfigXml } from './seed.ts';
import { child, parseXml, XmlError } from './xml.ts';

describe('config.xml reading', () => {
  it('reads what Jenkins writes: an XML 1.1 declaration, entities, CDATA, attributes', () => {
    const root = parseXml(
      `<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin="workflow-job">\n  <description>a &amp; b &#x41;&lt;</description>\n  <definition class="x.Cps&amp;"><script><![CDATA[sh "a < b"]]></script></definition>\n</flow-definition>\n`,
    );
    expect(root.name).toBe('flow-definition');
    expect(root.attrs).toEqual({ plugin: 'workflow-job' });
    expect(child(root, 'description')?.text).toBe('a & b A<');
    expect(child(root, 'definition')?.attrs.class).toBe('x.Cps&');
    expect(child(root, 'definition', 'script')?.text).toBe('sh "a < b"');
  });

  it('round-trips what the seed writes through xmlbuilder2', () => {
    const script = 'pipeline {\n  sh "a < b && c \'d\'"\n}';
    const root = parseXml(inlinePipelineConfigXml('x & <y>', script));
    expect(child(root, 'description')?.text).toBe('x & <y>');
    expect(child(root, 'definition', 'script')?.text).toBe(script);
    expect(child(root, 'disabled')?.text).toBe('false');
  });

  it.each([
    ['<flow-definition>', 'unclosed element <flow-definition>'],
    ['<a><b></a></b>', 'mismatched closing tag </a>'],
    ['<a/><b/>', 'more than one root element'],
    ['<a/>junk', 'text outside the root element'],
    ['', 'no root element'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'DOCTYPE is not allowed'],
    ['<a>&x;</a>', 'unknown entity &x;'],
    ['<a b="&y;"/>', 'unknown entity &y;'],
    ['<a b=1/>', 'Missing start quote character before quoted value'],
  ])('refuses %j as Jenkins does', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(new XmlError(message));
  });
});
