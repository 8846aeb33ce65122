import { enabledSources, readEnvironment } from '../config/environment.js';
import { loadConfig } from '../config/load-config.js';
import { AiSpendError } from '../core/errors.js';
import { parseInstant } from '../core/period.js';
import { type App, createApp } from '../main.js';

/** The wall clock, UTC epoch seconds: the CLI is where the real clock is read. */
export const now = () => Math.floor(Date.now() / 1000);

/** The app of `ai-spend.yml` and the environment, with the sources they switch on. */
export function loadApp(): App {
  const environment = readEnvironment(process.env);
  const config = loadConfig({ path: environment.configPath, env: process.env });
  const { sources, problems } = enabledSources(config, environment);
  for (const problem of problems) process.stderr.write(`warning: ${problem}\n`);
  return createApp({ config, environment, sources });
}

/** A `--since`/`--until` value (`2026-09-01`, `30d`) as UTC epoch seconds; `input_invalid` naming the flag. */
export function instant(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseInstant(text, now());
  if (typeof parsed === 'number') return parsed;
  throw new AiSpendError('input_invalid', `${flag}: ${parsed.error}`);
}
