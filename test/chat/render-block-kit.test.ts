import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import { cut, renderBlockKit } from '../../src/chat/render-block-kit.js';
import { shareBar } from '../../src/chat/render-text.js';
import { SECONDS_PER_DAY } from '../../src/core/facts.js';
import { parsePeriod } from '../../src/core/period.js';
import { helpMessage, problemMessage } from '../../src/core/views/help-message.js';
import { buildLatencyView, latencyMessage } from '../../src/core/views/latency-view.js';
import type { MessageView } from '../../src/core/views/message-view.js';
import { buildQuotaView, quotaMessage } from '../../src/core/views/quota-view.js';
import { teamSpendMessage } from '../../src/core/views/team-spend-message.js';
import {
  buildTeamSpendView,
  type SpendAggregate,
  type SpendSubject,
} from '../../src/core/views/team-spend-view.js';
import { unknownTeamMessage } from '../../src/core/views/unknown-team-message.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const long = (prefix: string, index: number, length = 120) => `${prefix}-${index}-`.padEnd(length, 'x');

/** A big organisation: 60 teams, 40 features each over 3 sources and 25 models, every name 120 chars. */
function bigOrgAggregates(): SpendAggregate[] {
  const rows: SpendAggregate[] = [];
  for (let team = 0; team < 60; team += 1) {
    for (let feature = 0; feature < 40; feature += 1) {
      rows.push({
        source: ['anthropic', 'openai', 'bedrock'][feature % 3] ?? 'anthropic',
        team: team === 0 ? 'unallocated' : long('team', team),
        feature: long('feature', feature),
        model: long('model', (team + feature) % 25),
        billedMicros: (team + 1) * 1_000_000 + feature * 7_919,
        estimatedMicros: feature % 4 === 0 ? 250_000 : 0,
        unpricedTokens: feature === 39 ? 1_234_567 : 0,
      });
    }
  }
  return rows;
}

function spendMessage(subject: SpendSubject): MessageView {
  const period = parsePeriod('30d', NOW);
  if ('error' in period) throw new Error(period.error);
  const current = bigOrgAggregates().filter(
    (row) =>
      subject.name === 'all' ||
      (subject.kind === 'team' && row.team === subject.name) ||
      (subject.kind === 'provider' && row.source === subject.name) ||
      (subject.kind === 'model' && row.model === subject.name),
  );
  return teamSpendMessage(
    buildTeamSpendView({
      subject,
      period,
      current,
      previousTotalMicros: 9_876_543_210,
      freshness: [{ source: 'anthropic', usageThrough: NOW - 600, billedThrough: NOW - 2 * SECONDS_PER_DAY }],
    }),
  );
}

function quotaMessageOf40(): MessageView {
  const quotas = Array.from({ length: 40 }, (_, index) => ({
    region: index % 2 === 0 ? 'us-east-1' : 'eu-central-1',
    name: `Cross-region model inference tokens per minute for ${long('Anthropic Claude', index, 90)}`,
    inferenceType: 'cross_region',
    limit: 2_000_000,
    models: [long('model', index)],
    minutes: [
      { minute: NOW - 3600, used: 1_900_000 - index * 10_000 },
      { minute: NOW - 60, used: 400_000 },
    ],
    usedByModel: new Map([[long('model', index), 5_000_000]]),
    owners: new Map([[long('model', index), long('team', index)]]),
    throttles: index * 3,
  }));
  return quotaMessage(
    buildQuotaView({
      period: { label: '7d', start: NOW - 7 * SECONDS_PER_DAY, end: NOW },
      quotas,
      thresholdPercent: 80,
      now: NOW,
      metricsThrough: NOW - 60,
    }),
  );
}

function latencyMessageOf30(): MessageView {
  const day = NOW - (NOW % SECONDS_PER_DAY);
  const inputs = Array.from({ length: 30 }, (_, index) => ({
    region: 'us-east-1',
    model: `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${long('p', index, 40)}`,
    days: Array.from({ length: 10 }, (_, d) => ({
      day: day - (10 - d) * SECONDS_PER_DAY,
      p50: d < 5 ? 450 : 1100 + index,
      p90: d < 5 ? 900 : 2200,
    })),
    recent: { p50: [1100 + index], p90: [2200] },
    teams: Array.from({ length: 12 }, (_, team) => long('team', team, 60)),
  }));
  return latencyMessage(
    buildLatencyView({
      period: { label: '14d', start: NOW - 14 * SECONDS_PER_DAY, end: NOW },
      inputs,
      metricsThrough: NOW,
    }),
  );
}

const productMessages: Array<[string, () => MessageView]> = [
  ['help', helpMessage],
  ['team all for 60 teams with 120-char names', () => spendMessage({ kind: 'team', name: 'all' })],
  ['one team', () => spendMessage({ kind: 'team', name: long('team', 7) })],
  ['provider bedrock', () => spendMessage({ kind: 'provider', name: 'bedrock' })],
  ['one model', () => spendMessage({ kind: 'model', name: long('model', 3) })],
  ['a team with no spend', () => spendMessage({ kind: 'team', name: 'nobody' })],
  ['quota with 40 quotas', quotaMessageOf40],
  ['latency with 30 shifted profiles', latencyMessageOf30],
  [
    'unknown team among 300',
    () =>
      unknownTeamMessage(
        'serch',
        Array.from({ length: 300 }, (_, i) => long('team', i)),
      ),
  ],
  [
    'invalid input',
    () => problemMessage('Not understood', `I don't know "${'z'.repeat(4000)}". Try \`help\`.`),
  ],
];

describe('renderBlockKit', () => {
  it.each(productMessages)('renders %s within every Block Kit limit', (_name, message) => {
    const rendered = renderBlockKit(message());
    expect(blockKitProblems(rendered)).toEqual([]);
    expect(rendered.blocks[0]?.type).toBe('header');
  });

  it('renders a team answer as header, summary, facts as fields, ranked rows with bars and "and N more"', () => {
    const rendered = renderBlockKit({
      title: 'search · 7d · $10.00',
      summary: 'Team *search* spent $10.00 <!channel> & more.',
      sections: [
        { facts: [{ label: 'Total', value: '$10.00 (billed)' }] },
        {
          title: 'By model',
          rows: [
            { label: 'claude-sonnet-4-5', value: '$7.50', share: 0.75 },
            { label: 'gpt-5.4', value: '$2.50', share: 0.025 },
          ],
          more: 3,
        },
      ],
      context: ['usage through 2026-11-29 13:00 UTC'],
    });
    expect(rendered.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'search · 7d · $10.00', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Team *search* spent $10.00 &lt;!channel&gt; &amp; more.' },
      },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Total*\n$10.00 (billed)' }] },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            '*By model*',
            `\`${shareBar(0.75)}   75%\` claude-sonnet-4-5 — $7.50`,
            `\`${shareBar(0.025)}  2.5%\` gpt-5.4 — $2.50`,
            '_… and 3 more_',
          ].join('\n'),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'usage through 2026-11-29 13:00 UTC' }] },
    ]);
    expect(rendered.text.split('\n').slice(0, 2)).toEqual([
      'search · 7d · $10.00',
      'Team search spent $10.00 &lt;!channel&gt; &amp; more.',
    ]);
  });

  it('renders actions as buttons with action_id and value, never two equal action_ids in one block', () => {
    const rendered = renderBlockKit({
      title: 'Quota at 84%',
      summary: 'claude-sonnet TPM quota at 84% in us-east-1.',
      sections: [],
      context: [],
      actions: [
        { id: 'alert.acknowledge', label: 'Acknowledge', value: '{"alertId":"42"}', style: 'primary' },
        { id: 'alert.snooze', label: 'Snooze 1h', value: '42:3600' },
        { id: 'alert.snooze', label: 'Snooze 24h', value: '42:86400' },
      ],
    });
    const actions = rendered.blocks.filter((block): block is types.ActionsBlock => block.type === 'actions');
    expect(actions.map((block) => block.elements)).toEqual([
      [
        {
          type: 'button',
          action_id: 'alert.acknowledge',
          value: '{"alertId":"42"}',
          text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
          style: 'primary',
        },
        {
          type: 'button',
          action_id: 'alert.snooze',
          value: '42:3600',
          text: { type: 'plain_text', text: 'Snooze 1h', emoji: true },
        },
      ],
      [
        {
          type: 'button',
          action_id: 'alert.snooze',
          value: '42:86400',
          text: { type: 'plain_text', text: 'Snooze 24h', emoji: true },
        },
      ],
    ]);
    expect(blockKitProblems(rendered)).toEqual([]);
  });

  it('keeps an oversized view within limits: 60 sections, 23 facts, 3,500-char summary, 12 context lines, 30 buttons', () => {
    const rendered = renderBlockKit({
      title: 'T'.repeat(200),
      summary: 's'.repeat(3500),
      sections: [
        {
          title: 'Facts',
          facts: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(2500) })),
        },
        {
          rows: Array.from({ length: 100 }, (_, i) => ({
            label: long('row', i, 60),
            value: '$1.00',
            share: 0.01,
          })),
        },
        ...Array.from({ length: 60 }, (_, i) => ({ text: `section ${i}` })),
      ],
      context: Array.from({ length: 12 }, (_, i) => `context line ${i}`),
      actions: Array.from({ length: 30 }, (_, i) => ({
        id: `action.${i}`,
        label: 'L'.repeat(100),
        value: `${i}`,
      })),
    });
    expect(blockKitProblems(rendered)).toEqual([]);
    const [header, summary, facts1, facts2, facts3] = rendered.blocks as [
      types.HeaderBlock,
      types.SectionBlock,
      types.SectionBlock,
      types.SectionBlock,
      types.SectionBlock,
    ];
    expect([header.text.text.length, header.text.text.at(-1)]).toEqual([150, '…']);
    expect(summary.text?.text.length).toBe(3000);
    expect([facts1.fields?.length, facts2.fields?.length, facts3.fields?.length]).toEqual([10, 10, 3]);
    expect(facts1.text?.text).toBe('*Facts*');
    expect(rendered.blocks).toHaveLength(50);
    const context = rendered.blocks.find((block): block is types.ContextBlock => block.type === 'context');
    expect(context?.elements).toHaveLength(10);
    expect(context?.elements.at(-1)).toEqual({
      type: 'mrkdwn',
      text: 'context line 9\ncontext line 10\ncontext line 11',
    });
    const buttons = rendered.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons).toHaveLength(30);
    expect(rendered.blocks.filter((block) => block.type === 'actions')).toHaveLength(2);
    const note = rendered.blocks.filter((block) => block.type === 'section').at(-1) as types.SectionBlock;
    expect(note.text?.text).toMatch(/^_… and \d+ more parts left out to fit one message_$/);
  });

  it('keeps the fallback text under 3,000 chars, cut at a line', () => {
    const rendered = renderBlockKit({
      title: 'Long',
      summary: 'Many rows.',
      sections: [
        { rows: Array.from({ length: 200 }, (_, i) => ({ label: long('row', i, 40), value: '$1.00' })) },
      ],
      context: [],
    });
    expect(rendered.text.length).toBeLessThanOrEqual(3000);
    expect(rendered.text.split('\n').at(-1)).toBe('…');
  });
});

describe('cut', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 5, 'abcd…'],
    ['a &amp; b', 5, 'a …'],
    ['ab😀cd', 4, 'ab…'],
  ])('cuts %j to at most %i chars as %j', (text, max, expected) => {
    expect(cut(text, max)).toBe(expected);
  });
});
