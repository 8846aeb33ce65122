import type { z } from 'zod';
import type { YamlPosition } from './locate-in-yaml.js';

/** Finds where a path (or, with `key`, one key of the map at that path) is written. */
export type Locate = (path: readonly PropertyKey[], key?: string) => YamlPosition;

interface Problem {
  position: YamlPosition;
  path: readonly PropertyKey[];
  message: string;
}

/**
 * One line per problem, in file order:
 * `ai-spend.yml:14:7 attribution[2].match: unknown key "workspce_id" (did you mean "workspace_id"?)`.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], file: string, locate: Locate): string[] {
  const problems = issues.flatMap((issue) => toProblems(issue, locate));
  problems.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
  const lines = problems.map(({ position, path, message }) => {
    const where = formatPath(path);
    return `${file}:${position.line}:${position.col} ${where === '' ? '' : `${where}: `}${message}`;
  });
  return [...new Set(lines)];
}

function toProblems(issue: z.core.$ZodIssue, locate: Locate): Problem[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const messages = issue.message.split('\n');
    return issue.keys.map((key, index) => ({
      position: locate(path, key),
      path,
      message: messages[index] ?? `unknown key "${key}"`,
    }));
  }
  if (issue.code === 'invalid_key') {
    // The key itself is wrong: point at it and say why, from the key schema's own issues.
    const key = path.at(-1);
    const parent = path.slice(0, -1);
    const message = issue.issues.map((inner) => inner.message).join('; ') || issue.message;
    return [{ position: locate(parent, String(key)), path, message }];
  }
  if (issue.code === 'custom' && typeof issue.params?.key === 'string') {
    return [{ position: locate(path, issue.params.key), path, message: issue.message }];
  }
  return [{ position: locate(path), path, message: issue.message }];
}

/** `attribution[2].match["tag.team"]`: dots for plain keys, brackets for indexes and odd keys. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(segment)))
      text += text === '' ? String(segment) : `.${String(segment)}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}
