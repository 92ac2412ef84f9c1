import {
  ActionContext,
  TemplateAction,
  TemplateExample,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { parseInput } from '../schemas/parseInput';
import {
  WriteAudit,
  WriteAuditSpec,
  auditRefusedInput,
  auditedWrite,
  noWriteAudit,
} from '../audit/writeAudit';

/** What a platform action's handler receives: the scaffolder context plus its zod-parsed input. */
export type PlatformActionContext<O extends JsonObject> = ActionContext<
  JsonObject,
  O
>;

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
  /** Writing actions: every run but a dry run is one audit event (see ../audit/writeAudit.ts). */
  audit?: WriteAuditSpec<z.output<I>>;
  handler: (
    ctx: PlatformActionContext<z.output<O>>,
    input: z.output<I>,
    audit: WriteAudit,
  ) => Promise<void>;
}): TemplateAction<JsonObject, JsonObject, 'v2'> {
  const audit = options.audit;
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
      const audited = audit && !ctx.isDryRun ? audit : undefined;
      const task = {
        action: options.id,
        taskId: ctx.task?.id,
        initiator: ctx.user?.ref,
      };
      let input: z.output<I>;
      try {
        input = parseInput(options.input, ctx.input);
      } catch (error) {
        if (audited) {
          await auditRefusedInput(audited, task, error);
        }
        throw withoutStack(error);
      }
      try {
        if (audited) {
          await auditedWrite(audited, task, audited.subject(input), recorder =>
            options.handler(ctx, input, recorder),
          );
        } else {
          await options.handler(ctx, input, noWriteAudit);
        }
      } catch (error) {
        throw withoutStack(error);
      }
    },
  } as any);
  return action as TemplateAction<JsonObject, JsonObject, 'v2'>;
}

/**
 * The scaffolder reports a failed step's error, stack included, in the task's events, which every user who can
 * see the task reads: keep the name and message (specific enough to act on) and drop the frames, which name
 * server paths.
 */
function withoutStack(error: unknown): unknown {
  if (error instanceof Error) {
    error.stack = `${error.name}: ${error.message}`;
  }
  return error;
}
