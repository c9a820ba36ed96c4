import type { z } from 'zod';

/** One IPC entry: what the renderer sends, what it gets back, and what it may stream meanwhile. */
export interface Channel<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends z.ZodType | undefined = z.ZodType | undefined,
> {
  input: I;
  output: O;
  event: E;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: { input: I; output: O }): Channel<I, O, undefined>;
export function channel<I extends z.ZodType, O extends z.ZodType, E extends z.ZodType>(def: {
  input: I;
  output: O;
  event: E;
}): Channel<I, O, E>;
export function channel(def: { input: z.ZodType; output: z.ZodType; event?: z.ZodType }): Channel {
  return { input: def.input, output: def.output, event: def.event };
}

export type InputOf<C extends Channel> = z.input<C['input']>;
export type ParsedInputOf<C extends Channel> = z.output<C['input']>;
export type OutputOf<C extends Channel> = z.output<C['output']>;
export type EventOf<C extends Channel> = C['event'] extends z.ZodType ? z.output<C['event']> : never;
