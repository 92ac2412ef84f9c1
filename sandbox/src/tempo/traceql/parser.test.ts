import { referencedAttributes } from './ast.ts';
import { parseTraceQL } from './parser.ts';

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
    // Tempo could shift } or any binary operator there: goyacc names none
    expect(() => parseTraceQL('{ .a = 1 ')).toThrow(
      'parse error at line 1, col 10: syntax error: unexpected $end',
    );
    expect(() => parseTraceQL('{ .a = 1 } | count() > 1')).toThrow(/pipelines/);
    expect(() => parseTraceQL('')).toThrow(/unexpected \$end/);
  });

  // Where Grafana's grammar and Tempo's differ, the sandbox follows Tempo.
  it('binds a leading - or ! to the operand on its right, as Tempo does', () => {
    // the grammar alone reads `.a = -1 && .b = 2` as `.a = -(1 && .b = 2)`
    expect(parseTraceQL('{ .a = -1 && .b = 2 }')).toEqual({
      kind: 'filter',
      expr: {
        kind: 'and',
        left: {
          kind: 'cmp',
          op: '=',
          left: { kind: 'attribute', scope: 'any', name: 'a', text: '.a' },
          right: { kind: 'static', value: { kind: 'int', value: -1 } },
        },
        right: {
          kind: 'cmp',
          op: '=',
          left: { kind: 'attribute', scope: 'any', name: 'b', text: '.b' },
          right: { kind: 'static', value: { kind: 'int', value: 2 } },
        },
      },
    });
    expect(parseTraceQL('{ !.x && .b = 2 }')).toMatchObject({
      expr: {
        kind: 'and',
        left: { kind: 'not', expr: { kind: 'bool' } },
        right: { kind: 'cmp' },
      },
    });
    // (!.a) = 1 compares a boolean expression: refused, not read as !(.a = 1)
    expect(() => parseTraceQL('{ !.a = 1 }')).toThrow(/parse error at line 1/);
  });

  it('puts && and || on one level, left to right, as Tempo does', () => {
    // the grammar alone reads this as `.a = 1 || (.b = 2 && .c = 3)`
    expect(parseTraceQL('{ .a = 1 || .b = 2 && .c = 3 }')).toMatchObject({
      expr: { kind: 'and', left: { kind: 'or' }, right: { kind: 'cmp' } },
    });
    expect(parseTraceQL('{ .a = 1 || (.b = 2 && .c = 3) }')).toMatchObject({
      expr: { kind: 'or', left: { kind: 'cmp' }, right: { kind: 'and' } },
    });
    expect(
      parseTraceQL('{ .a = 1 } || { .b = 2 } && { .c = 3 }'),
    ).toMatchObject({ kind: 'spansetAnd', left: { kind: 'spansetOr' } });
    expect(
      parseTraceQL('{ .a = 1 } || ({ .b = 2 } && { .c = 3 })'),
    ).toMatchObject({ kind: 'spansetOr', right: { kind: 'spansetAnd' } });
  });

  it('skips comments wherever they stand', () => {
    expect(
      parseTraceQL('{ .a = 1 /* c */ && .b = 2 } && /* x */ { } // end'),
    ).toMatchObject({
      kind: 'spansetAnd',
      left: { expr: { kind: 'and' } },
      right: { kind: 'filter' },
    });
  });

  it('takes the Go escapes Tempo takes, which the grammar alone refuses', () => {
    const e = parseTraceQL('{ .a = "\\u00e9\\U0001F600" }');
    expect(e).toMatchObject({
      expr: { right: { value: { kind: 'string', value: 'é😀' } } },
    });
    expect(() => parseTraceQL('{ .a = "\\q" }')).toThrow(
      'parse error at line 1, col 8: syntax error: invalid syntax',
    );
  });

  it('refuses by name what the grammar takes but the sandbox does not evaluate', () => {
    expect(() => parseTraceQL('{ event.x = 1 }')).toThrow(
      'parse error at line 1, col 3: syntax error: the event scope is not supported by the sandbox',
    );
    expect(() => parseTraceQL('{ .a = 1 } > { .b = 1 }')).toThrow(
      'parse error at line 1, col 12: syntax error: the > operator is not supported by the sandbox',
    );
    expect(() => parseTraceQL('{ .a + 1 = 2 }')).toThrow(/not supported/);
  });
});
