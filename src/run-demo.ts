import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createConsoleProgress } from './chat/console-progress.js';
import { renderCollectSummary } from './chat/render-collect-summary.js';
import { renderText } from './chat/render-text.js';
import { enabledSources, readEnvironment } from './config/environment.js';
import { loadConfig } from './config/load-config.js';
import { SECONDS_PER_HOUR } from './core/facts.js';
import { isoDay } from './core/period.js';
import { type App, createApp } from './main.js';
import { demoConfigYaml } from './sim/scenario/demo-config.js';
import { demoStory } from './sim/scenario/demo-story.js';
import { generateScenario } from './sim/scenario/generate-scenario.js';
import { startSimulators } from './sim/start-simulators.js';

export const DEMO_DB_PATH = './data/demo.db';
const DEMO_CONFIG_NAME = 'ai-spend.yml (built-in demo)';

/** Opens the seeded demo database with the demo's config, without simulators or collection. */
export function openDemoApp(dbPath = DEMO_DB_PATH): App {
  const environment = readEnvironment({ AI_SPEND_DB: dbPath });
  const config = loadConfig({ path: DEMO_CONFIG_NAME, text: demoConfigYaml(), env: {} });
  return createApp({ config, environment, sources: ['anthropic', 'openai'] });
}

export interface DemoOptions {
  /** Offer a prompt for more questions afterwards (on a terminal). */
  interactive: boolean;
  dbPath?: string;
  out?: NodeJS.WritableStream;
  /** The demo's "now", UTC epoch seconds; defaults to the wall clock. */
  now?: number;
}

/**
 * The built-in demo: simulators of the Anthropic and OpenAI admin APIs on loopback serve 90 days
 * of a made-up company; ai-spend collects them through the real SDKs into a fresh database and
 * answers the questions the story raises.
 */
export async function runDemo({
  interactive,
  dbPath = DEMO_DB_PATH,
  out = process.stdout,
  now = Math.floor(Date.now() / 1000),
}: DemoOptions): Promise<void> {
  // The demo talks to its own simulators: the AWS SDK's note about Node 20 support is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const end = now - (now % SECONDS_PER_HOUR);
  const scenario = generateScenario({ end });
  const story = demoStory(end);
  const simulators = await startSimulators(scenario, { now: () => now });
  const write = (text = '') => out.write(`${text}\n`);
  try {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    const env = { ...simulators.env, AI_SPEND_DB: dbPath };
    const environment = readEnvironment(env);
    const config = loadConfig({ path: DEMO_CONFIG_NAME, text: demoConfigYaml(), env });
    const app = createApp({
      config,
      environment,
      sources: enabledSources(config, environment).sources,
      clock: () => now,
    });
    try {
      write(
        'ai-spend demo: a made-up company on Anthropic, OpenAI, Amazon Bedrock, Google Vertex AI and Azure OpenAI, 90 days, served by local simulators.',
      );
      write('Collecting through the official SDKs…');
      const progress = createConsoleProgress();
      const summary = await app.collect({
        onProgress: (p) => progress.collect(p),
        onRebuild: (p) => progress.rebuild(p),
      });
      progress.finish();
      for (const line of renderCollectSummary(summary)) write(`  ${line}`);
      const ask = (text: string, why: string) => {
        write();
        write(`── ${why}`);
        write(`/ai-spend ${text}`);
        write(renderText(app.answer(text).message));
      };
      const analyzed = await app.analyze();
      write();
      write(`── The rules ran: ${analyzed.opened} alerts, posted to each owning team's channel`);
      for (const message of analyzed.messages) {
        const items =
          message.kind === 'batch' ? message.view.sections.map((section) => section.title ?? '') : [];
        write(`  ${message.channel ?? '(no channel)'} · ${message.view.title}`);
        for (const item of items.filter((title) => title !== '')) write(`      ${item}`);
      }
      ask('anomalies 7d', 'The cost anomalies of the week, largest first, each with its root cause.');
      ask(
        'team all 30d',
        'Where did the money go this month? (the whole organisation, unallocated included)',
      );
      ask(
        'team search 7d',
        `Team search launched ask-docs on ${isoDay(story.askDocsLaunch)} (a Tuesday): its tokens doubled, its spend more than that.`,
      );
      ask(
        'team unallocated 30d',
        `Nobody owns API key ${story.orphanKey} in ${story.orphanProject}: it shows up as unallocated.`,
      );
      ask(
        'team support 30d',
        `After a slow week, support moved support-bot from ${story.switchFrom} to ${story.switchTo} on ${isoDay(story.switchDay)}.`,
      );
      ask(
        'quota 7d',
        `From ${story.bedrock.quotaTuesdayDate} (a Tuesday) ${story.bedrock.hotFeature} of team ${story.bedrock.hotTeam} pushes a Bedrock TPM quota past 80%.`,
      );
      ask(
        'latency 14d',
        `Time to first token of ${story.bedrock.ttftModelId} in ${story.bedrock.ttftRegion} jumped on ${isoDay(story.bedrock.ttftShiftAt)}.`,
      );
      ask(
        'provider bedrock 30d',
        'Bedrock spend by team: tagged application profiles, and untagged calls left unallocated.',
      );
      if (interactive) await prompt(app, write);
      else write(`\nAsk more with: npx ai-spend ask --demo "team growth 7d"`);
    } finally {
      app.close();
    }
  } finally {
    await simulators.close();
  }
}

async function prompt(app: App, write: (text?: string) => void): Promise<void> {
  write('\nType a command as you would after /ai-spend (e.g. "team data mtd", "help"); Ctrl-D to quit.');
  const reader = createInterface({ input: process.stdin, output: process.stdout, prompt: '/ai-spend ' });
  reader.prompt();
  for await (const line of reader) {
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (line.trim() !== '') write(renderText(app.answer(line).message));
    reader.prompt();
  }
  reader.close();
}
