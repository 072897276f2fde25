import { applyToFiles as applyRunToFiles, scoreWithModel as scoreFileWithModel } from './applyModel';
import { runDirOf, trusted, type CommandContext } from './commandContext';

// Scoring files with a trained model (bodies in applyModel.ts), allowed in a trusted workspace only.

export async function scoreWithModel(ctx: CommandContext, argument?: unknown, selected?: unknown, runDir?: unknown): Promise<unknown> {
  return (trusted('Scoring') ? scoreFileWithModel(ctx.extension, ctx.output, argument, selected, typeof runDir === 'string' ? runDir : undefined) : undefined);
}

export async function applyToFiles(ctx: CommandContext, argument?: unknown, files?: unknown): Promise<unknown> {
  return (trusted('Scoring') ? applyRunToFiles(ctx.extension, ctx.output, runDirOf(argument), Array.isArray(files) ? (files as string[]) : undefined) : undefined);
}
