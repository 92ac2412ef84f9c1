import {
  ActionContext,
  TemplateAction,
  TemplateExample,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { parseInput } from '../schemas/parseInput';

/** What a platform action's handler receives: the scaffolder context plus its zod-parsed input. */
export type PlatformActionContext<O extends JsonObject> = ActionContext<JsonObject, O>;

/**
 * Wraps createTemplateAction for actions whose schemas are shared zod objects (this package's zod, not the
 * instance the scaffolder passes in): the JSON Schema is derived the same way, and the handler gets input
 * re-validated with the full zod schema, refinements included (the scaffolder only checks the JSON Schema).
 */
export function createPlatformAction<
  I extends z.ZodTypeAny,
  O extends z.ZodObject<z.ZodRawShape>,
>(options: {
  id: string;
  description: string;
  examples: TemplateExample[];
  input: I;
  output: O;
  supportsDryRun?: boolean;
  handler: (ctx: PlatformActionContext<z.output<O>>, input: z.output<I>) => Promise<void>;
}): TemplateAction<JsonObject, JsonObject, 'v2'> {
  const action = createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: options.supportsDryRun ?? true,
    schema: {
      input: (() => options.input) as any,
      output: (() => options.output) as any,
    },
    handler: async (ctx: any) => {
      const input = parseInput(options.input, ctx.input);
      await options.handler(ctx, input);
    },
  } as any);
  return action as TemplateAction<JsonObject, JsonObject, 'v2'>;
}
