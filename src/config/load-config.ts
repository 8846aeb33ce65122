import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { AiSpendError } from '../core/errors.js';
import type { AiSpendConfig, LoadedConfig } from './config-types.js';
import { describeValue } from './decimal-schema.js';
import { formatIssues } from './format-issues.js';
import { issueMessage } from './issue-message.js';
import { locateInYaml } from './locate-in-yaml.js';
import { normalizeConfig } from './normalize-config.js';
import { configSchema } from './schema.js';

export type { AiSpendConfig, LoadedConfig, TeamConfig } from './config-types.js';

/** Where the config is looked for when neither a path nor `AI_SPEND_CONFIG` names one. */
export const DEFAULT_CONFIG_PATH = './ai-spend.yml';

const HINT = 'Fix the lines listed; ai-spend.example.yml documents every key, its unit and its default.';

export interface LoadConfigOptions {
  /** A path named on the command line; it must exist unless it is the default `./ai-spend.yml`. */
  path?: string;
  /** The environment: `AI_SPEND_CONFIG` names the file when `path` does not (and then it must exist). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The file's text when the caller already has it; nothing is read from disk then. */
  text?: string;
}

/**
 * Reads and validates `ai-spend.yml`. An absent file at the default path means "all defaults";
 * an absent file someone named (another path, or any `AI_SPEND_CONFIG`) is an error. Every problem is reported at once, one per line, as
 * `file:line:col key.path: what was expected`, in an `AiSpendError('config_invalid')`.
 */
export function loadConfig({ path, env = {}, text }: LoadConfigOptions = {}): LoadedConfig {
  const fromEnv = env.AI_SPEND_CONFIG?.trim() || undefined;
  const file = path ?? fromEnv ?? DEFAULT_CONFIG_PATH;
  const label = normalize(file);
  if (text !== undefined) return { ...parseConfigText(text, label), file, fileFound: true };
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The default location may be empty (all defaults); a file someone named must exist.
    const named = fromEnv !== undefined || (path !== undefined && label !== normalize(DEFAULT_CONFIG_PATH));
    if (code === 'ENOENT' && !named) {
      return { ...parseConfigText('', label), file, fileFound: false };
    }
    const setting = path !== undefined ? 'the --config option' : 'AI_SPEND_CONFIG';
    throw new AiSpendError(
      'config_invalid',
      `${label}: cannot read the config file (${code ?? String(error)})`,
      {
        hint: `Check ${setting}, or create the file from ai-spend.example.yml.`,
        cause: error,
      },
    );
  }
  return { ...parseConfigText(source, label), file, fileFound: true };
}

/** Validates config text; `file` is only used in messages. */
export function parseConfigText(text: string, file = 'ai-spend.yml'): AiSpendConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) throw invalid(syntaxProblems(doc, file));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (error) {
    throw invalid([`${file}:1:1 YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const { line, col } = locateInYaml(doc, lineCounter, []);
    throw invalid([
      `${file}:${line}:${col} expected a map of settings (teams:, attribution:, sources:, ...), got ${describeValue(data)}`,
    ]);
  }
  const result = configSchema.safeParse(data, { error: issueMessage });
  if (!result.success) {
    throw invalid(
      formatIssues(result.error.issues, file, (keyPath, key) => locateInYaml(doc, lineCounter, keyPath, key)),
    );
  }
  return normalizeConfig(result.data);
}

function syntaxProblems(doc: Document, file: string): string[] {
  const lines = new Map<number, string>();
  for (const error of doc.errors) {
    const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
    if (lines.has(line)) continue;
    // The library's message ends with " at line L, column C:" and a code excerpt; the prefix says it.
    const what = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
    const hint = /alias/i.test(what) ? ' (quote values that start with "*", e.g. "*/5 * * * *")' : '';
    lines.set(line, `${file}:${line}:${col} YAML syntax: ${what}${hint}`);
  }
  return [...lines.values()];
}

function invalid(problems: string[]): AiSpendError {
  return new AiSpendError('config_invalid', problems.join('\n'), { hint: HINT });
}
