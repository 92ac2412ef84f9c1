import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';

/** The `input` of each documented example's first step, so examples tests run exactly what the docs show. */
export function exampleInputs(
  examples: TemplateExample[],
): Array<[string, Record<string, unknown>]> {
  return examples.map(example => [
    example.description,
    parse(example.example).steps[0].input,
  ]);
}
