import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigYaml } from '../src/sim/scenario/demo-config.js';
import { generateScenario } from '../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../src/sim/start-simulators.js';
import { startFakeSlackApi } from './support/fake-slack-api.js';
import { CLI, runCli as run } from './support/run-cli.js';
import { postSlashCommand } from './support/slack-requests.js';

const end = Math.floor(Date.now() / 1000 / 3600) * 3600;
const scenario = generateScenario({ end, days: 10 });
let simulators: Simulators;

beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => end });
});
afterAll(async () => {
  await simulators.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

function workspace(configText = demoConfigYaml()) {
  const dir = mkdtempSync(join(tmpdir(), 'ai-spend-cli-'));
  writeFileSync(join(dir, 'ai-spend.yml'), configText);
  return {
    dir,
    env: simulators.env,
  };
}

describe('ai-spend (the built command)', () => {
  it('collects, then `ask --json "team search 7d"` prints the view', async () => {
    const { dir, env } = workspace();
    const collected = await run(['collect'], env, dir);
    expect(collected.code).toBe(0);
    expect(collected.stdout).toMatch(/✓ anthropic: usage \d+ facts in \d+ pages, cost \d+ facts/);
    expect(collected.stdout).toMatch(/✓ openai: usage \d+ facts/);
    expect(collected.stdout).toMatch(/✓ bedrock: usage:us-east-1 \d+ facts/);

    const asked = await run(['ask', '--json', 'team search 7d'], env, dir);
    expect(asked.code).toBe(0);
    const view = JSON.parse(asked.stdout);
    expect(view).toMatchObject({ kind: 'team_spend', team: 'search', period: { label: '7d' } });
    expect(view.total_micros).toBeGreaterThan(0);
    expect(Object.keys(view)).toEqual(
      expect.arrayContaining([
        'by_provider',
        'by_feature',
        'by_model',
        'previous_total_micros',
        'freshness',
        'billed_micros',
        'estimated_micros',
      ]),
    );

    const text = await run(['ask', 'team', 'search', '7d'], env, dir);
    expect(text.stdout).toMatch(/Team search spent \$[\d,]+\.\d\d from \d{4}-\d\d-\d\d to/);
    expect(text.stdout).toMatch(/usage through .* UTC · billed through \d{4}-\d\d-\d\d/);
  });

  it('`import focus` imports a FOCUS file, replaces its billing periods when run again, and names bad lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-spend-cli-'));
    const fixture = (name: string) => resolve('test/fixtures/focus', name);
    const first = await run(['import', 'focus', fixture('ai-2025-05.csv')], {}, dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /rows read 8 · AI rows imported 8 · billed lines written 8 · total \$203\.500000/,
    );
    const again = await run(['import', 'focus', fixture('ai-2025-05.csv')], {}, dir);
    expect(again.code).toBe(0);
    const total = await run(['ask', '--json', 'team all 2025-05'], {}, dir);
    expect(JSON.parse(total.stdout).total_micros).toBe(203_500_000);
    const bad = await run(['import', 'focus', fixture('ai-bad-lines.csv')], {}, dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/line 3: BilledCost "abc" is not a decimal amount/);
    const missing = await run(['import', 'focus', fixture('not-focus.csv')], {}, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: .*/);
  });

  it('`metrics push` stores CSV units, names the rejected row (exit 1), and `unit` divides by them', async () => {
    const { dir, env } = workspace();
    const file = join(dir, 'units.csv');
    writeFileSync(
      file,
      'team,feature,unit,day,value\nsupport,support-bot,tickets,2026-11-02,10\nsuport,support-bot,tickets,2026-11-02,5\n',
    );
    const pushed = await run(['metrics', 'push', file], env, dir);
    expect(pushed.code).toBe(1);
    expect(pushed.stdout).toBe('metrics: 1 rows stored, 1 rejected\n');
    expect(pushed.stderr).toContain('row 2: unknown team "suport"; did you mean "support"?');
    const again = await run(['metrics', 'push', '--format', 'csv', '--json', file], env, dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 1 });
    const unit = await run(['ask', '--json', 'unit support 2026-11'], env, dir);
    expect(JSON.parse(unit.stdout)).toMatchObject({
      kind: 'unit_cost',
      costs: [{ feature: 'support-bot', unit: 'tickets', units: 10, spend_micros: 0 }],
    });
  });

  it('answers bad chat input helpfully, with exit code 0', async () => {
    const { dir, env } = workspace();
    const asked = await run(['ask', 'team search lastweek'], env, dir);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/"lastweek" is not a period\. Use 7d, 30d, mtd/);
  });

  it('`config check` names the file, line, key path and expectation of a bad config, exit 2', async () => {
    const { dir, env } = workspace(
      'teams:\n  search: {}\nattribution:\n  - match: { workspce_id: w1 }\n    team: search\n',
    );
    const checked = await run(['config', 'check'], env, dir);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(
      /ai-spend\.yml:4:\d+ attribution\[0\]\.match: unknown key "workspce_id" \(did you mean "workspace_id"\?\)/,
    );
    expect(checked.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('`config check` prints what is enabled and never a secret', async () => {
    const { dir, env } = workspace();
    const checked = await run(['config', 'check'], { ...env, OPENAI_ADMIN_KEY: 'sk-admin-TOPSECRET' }, dir);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/anthropic/);
    expect(checked.stdout + checked.stderr).not.toContain('TOPSECRET');
  });

  it('a 401 fails the pass with the setting to fix, exit 1, and the other source is collected', async () => {
    const { dir, env } = workspace();
    const collected = await run(
      ['collect'],
      { ...env, ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-wrong' },
      dir,
    );
    expect(collected.code).toBe(1);
    expect(collected.stdout).toMatch(/✗ anthropic: .*\[provider_auth\]\n {2}→ .*ANTHROPIC_ADMIN_API_KEY/);
    expect(collected.stdout).toMatch(/✓ openai/);
    expect(collected.stdout).not.toContain('sk-ant-admin01-wrong');
  });

  it('`start` with credentials collects at once, then keeps running until SIGTERM', async () => {
    const { dir, env } = workspace();
    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    const collected = new Promise<void>((done) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('rollups rebuilt')) done();
      });
    });
    await collected;
    expect(stdout).toMatch(
      /collecting anthropic, openai, bedrock, vertex, azure on "\*\/5 \* \* \* \*" \(UTC\)/,
    );
    expect(stdout).toMatch(/✓ anthropic: usage \d+ facts/);
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('`start` with Slack credentials answers a signed /ai-spend over HTTP on PORT', async () => {
    const { dir, env } = workspace();
    const slack = await startFakeSlackApi();
    const port = await freePort();
    const signingSecret = 'cli-test-signing-secret';
    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-cli-test',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
    });
    try {
      let stdout = '';
      await new Promise<void>((done) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (stdout.includes('rollups rebuilt')) done();
        });
      });
      expect(stdout).toContain(`Slack: /ai-spend answered on http://0.0.0.0:${port}/slack/events`);
      const answer = await postSlashCommand(`http://127.0.0.1:${port}`, signingSecret, {
        text: 'team search 7d',
        responseUrl: slack.responseUrl('cli'),
      });
      expect(answer.status).toBe(200);
      expect(answer.json?.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(/Team \*search\* spent \$[\d,]+\.\d\d/);
      const refused = await postSlashCommand(`http://127.0.0.1:${port}`, signingSecret, {
        text: 'team search 7d',
        responseUrl: slack.responseUrl('cli'),
        signWith: 'wrong-secret',
      });
      expect(refused.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((done) => child.on('close', done));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await slack.close();
    }
  });

  it('prints the JSON Schema of ai-spend.yml', async () => {
    const schema = await run(['config', 'schema'], {});
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout).properties).toHaveProperty('attribution');
  });

  it('`demo` collects the built-in story through the SDKs and prints its answers, no credentials needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-spend-cli-'));
    const demo = await run(['demo'], {}, dir);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/✓ anthropic: usage \d+ facts/);
    expect(demo.stdout).toMatch(/✓ bedrock: usage:us-east-1 \d+ facts/);
    expect(demo.stdout).toMatch(/\/ai-spend team search 7d\nsearch · 7d · \$/);
    expect(demo.stdout).toMatch(/Nobody owns API key key_orphan_7f3a/);
    expect(demo.stdout).toMatch(/is unallocated/);
    expect(demo.stdout).toMatch(/\/ai-spend quota 7d\nQuotas · 7d\n1 of \d+ quotas reached 80%/);
    expect(demo.stdout).toMatch(
      /\/ai-spend latency 14d\nTime to first token · 14d\nShifted: us\.anthropic\.claude-sonnet-4-5/,
    );

    const digest = await run(['digest', '--demo', '--png', 'chart.png'], {}, dir);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toMatch(/^Weekly digest · All teams · \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
    expect(digest.stdout).toMatch(/Top movers/);
    const png = readFileSync(join(dir, 'chart.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
