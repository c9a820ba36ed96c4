import type { z } from 'zod';
import { AppError } from '../../../../src-shared/errors';
import { describeKey, type KeyPath, keyPathText, type MergedYaml } from './yaml-files';

function hasPath(value: unknown, path: KeyPath): boolean {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

function describeIssue(merged: MergedYaml, issue: z.core.$ZodIssue, kind: string): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol') as KeyPath;
  const missing = issue.code === 'invalid_type' && !hasPath(merged.value, path);
  if (missing) return `${keyPathText(path)} is required but set in none of ${merged.files.join(', ')} (${kind} config)`;
  return `${describeKey(merged, path)}: ${issue.message}`;
}

/**
 * Validates the merged YAML against a model of the keys the app uses. On
 * failure throws one AppError naming each offending file, line and key.
 */
export function parseModel<S extends z.ZodType>(schema: S, merged: MergedYaml, kind: string, hint: string): z.output<S> {
  const parsed = schema.safeParse(merged.value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((issue) => describeIssue(merged, issue, kind));
  throw new AppError('config-invalid', `Invalid ${kind} config: ${issues.join('; ')}.`, hint);
}
