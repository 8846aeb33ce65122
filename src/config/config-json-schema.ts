import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * JSON Schema (draft 2020-12) of `ai-spend.yml` for editors, generated from the same schema the
 * loader validates with. It describes the file as written, defaults included; cross-checks such
 * as "a rule's team exists" happen only in the loader.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    ...schema,
    title: 'ai-spend.yml',
    description:
      'Configuration of ai-spend: teams, attribution rules, sources, chat, alerts, schedule, prices.',
  };
}
