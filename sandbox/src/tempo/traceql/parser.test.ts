import { parseTraceQL, referencedAttributes } from './parser.ts';

describe('TraceQL parser', () => {
  it('parses the contract query', () => {
    const e = parseTraceQL(
      '{ resource.service.name = "x" && status = error && duration > 500ms }',
    );
    expect(e.kind).toBe('filter');
    expect(referencedAttributes(e).map(a => a.text)).toEqual([
      'resource.service.name',
      'status',
      'duration',
    ]);
  });

  it('decodes Go string escapes and raw strings', () => {
    const e = parseTraceQL(
      '{ span.http.route = "/a\\"b\\\\c\\u00e9" || name = `raw\\n` }',
    );
    if (e.kind !== 'filter' || !e.expr || e.expr.kind !== 'or')
      throw new Error('shape');
    const l = e.expr.left;
    const r = e.expr.right;
    expect(
      l.kind === 'cmp' && l.right.kind === 'static' && l.right.value,
    ).toEqual({ kind: 'string', value: '/a"b\\cé' });
    expect(
      r.kind === 'cmp' && r.right.kind === 'static' && r.right.value,
    ).toEqual({ kind: 'string', value: 'raw\\n' });
  });

  it('parses spanset operators, parentheses, negation, numbers and kinds', () => {
    expect(
      parseTraceQL(
        '{ } && ({ .http.status_code >= 500 } || { kind = server && !(span.x = 1.5) })',
      ).kind,
    ).toBe('spansetAnd');
    expect(parseTraceQL('{}').kind).toBe('filter');
  });

  it('rejects bad queries with positions', () => {
    expect(() => parseTraceQL('{ resource.service.name = }')).toThrow(
      'parse error at line 1, col 27: syntax error: unexpected }',
    );
    expect(() => parseTraceQL('{ status = "error" }')).toThrow(
      /invalid expression/,
    );
    expect(() => parseTraceQL('{ name = "unterminated }')).toThrow(
      /literal not terminated/,
    );
    expect(() => parseTraceQL('{ .a = 1 ')).toThrow(
      /unexpected \$end, expecting }/,
    );
    expect(() => parseTraceQL('{ .a = 1 } | count() > 1')).toThrow(/pipelines/);
    expect(() => parseTraceQL('')).toThrow(/unexpected \$end/);
  });
});
