import type { MessageView } from './message-view.js';

/** What `/ai-spend help` answers: every command this version understands, with examples. */
export function helpMessage(): MessageView {
  return {
    title: 'ai-spend',
    summary:
      'Ask where the AI money goes. Every answer says whether it is billed or estimated and how fresh it is.',
    sections: [
      {
        title: 'Commands',
        rows: [
          { label: '`team <name> [period]`', value: "a team's spend by provider, feature and model" },
          { label: '`team all [period]`', value: 'the whole organisation, unallocated spend included' },
          { label: '`team unallocated [period]`', value: 'spend no attribution rule claims' },
          {
            label: '`provider <name> [period]`',
            value: 'one provider by team, feature and model (`provider bedrock`)',
          },
          {
            label: '`model <id> [period]`',
            value: 'one model family on every provider (`model claude-sonnet-4-5`)',
          },
          {
            label: '`quota [period]`',
            value: 'token-per-minute quota use now and at peak, with the teams using it',
          },
          {
            label: '`latency [period]`',
            value: 'time to first token per model: shifts and baseline (default 14d)',
          },
          {
            label: '`alerts [period]`',
            value: 'open alerts and those resolved in the period, with who acted (default 7d)',
          },
          {
            label: '`anomalies [period]`',
            value: 'cost spikes and drops with their root cause, largest first (default 7d)',
          },
          {
            label: '`unit <team> [period]`',
            value: 'cost per business unit (ticket, search…) by feature, model and provider, and its trend',
          },
          {
            label: '`compare <team|feature> [period] [to <model>…]`',
            value: 'the same token mix re-priced on other models, with the assumptions',
          },
          {
            label: '`reconcile [provider] [period]`',
            value: 'estimate vs invoice per provider, day and billing scope, with the likely cause',
          },
          {
            label: '`budget [team]` · `budget <team> set <usd>`',
            value: 'month to date, forecast and budget; admins set a budget from chat',
          },
          { label: '`help`', value: 'this message' },
        ],
      },
      {
        title: 'Periods',
        text: '`7d`, `30d` (default; today included), `mtd`, `last-month`, `2026-11`, `2026-11-01..2026-11-15`',
      },
      {
        title: 'Examples',
        text: '`/ai-spend team search 7d` · `/ai-spend team all mtd public` · `/ai-spend quota` · `/ai-spend model gpt-5.4 30d`',
      },
    ],
    context: ['Answers are visible only to you; add `public` to post one in the channel.'],
  };
}

export function problemMessage(title: string, summary: string, context: string[] = []): MessageView {
  return { title, summary, sections: [], context };
}
