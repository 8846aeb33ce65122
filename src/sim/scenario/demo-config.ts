import { SIM_BILLING_TABLE } from '../google/bigquery/vertex-billing-rows.js';
import { AZURE_SUBSCRIPTION } from './azure/azure-workloads.js';

/**
 * The `ai-spend.yml` of the demo company whose spend `generateScenario` simulates. Every feature
 * of the scenario has a rule (Bedrock's through its profiles' tags); the orphan OpenAI key,
 * Anthropic Console use and untagged Bedrock calls have none on purpose.
 */
export function demoConfigYaml(): string {
  return DEMO_CONFIG_YAML;
}

const DEMO_CONFIG_YAML = `# ai-spend.yml of the demo company: six teams on the Anthropic and OpenAI APIs, Amazon Bedrock, Google Vertex AI and Azure OpenAI.
#
# What the demo data holds (dates relative to the end of the simulated 90 days):
# - search ships ask-docs on the Tuesday three to nine days ago; from that day the team's tokens
#   double and its spend triples (ask-docs runs on Claude Sonnet 4.5, the rest of search on Haiku).
# - OpenAI key key_orphan_7f3a in project proj_sandbox belongs to nobody. No rule below matches
#   it, so its $100-300 a day stays "unallocated", where everyone can see it.
# - support-bot had a slow week on Claude Sonnet 4.5 five weeks ago (retries, cache misses, long
#   answers) and four weeks ago moved about 80% of its traffic to OpenAI gpt-5.4 (proj_support).
# - Anthropic Console use (default workspace: no workspace id, no API key) is left unallocated too.
# - Bedrock (account 123456789012): each feature calls its own application inference profile,
#   tagged team and feature. Direct calls to us.anthropic.claude-sonnet-4-5, Claude 3 Haiku and
#   Llama 3.3 70B carry no tags and stay unallocated.
# - Ten days ago Claude Sonnet 4.5 through the us. profile in us-east-1 got slow to start: its
#   time to first token went from ~450 ms to ~1.1 s (p50) and stayed there.
# - On the latest Tuesday at least two days back, data's doc-summarizer grew 1.75x: its peak
#   minutes now use 80-95% of the Claude Haiku 4.5 cross-Region TPM quota in us-east-1, with a
#   few throttled calls.

teams:
  support:
    slack_channel: C0SUPPORT
    managers: [U0SUPPORTMGR]
    oncall: S0SUPPORTONCALL
    monthly_budget_usd: 40000
  platform:
    slack_channel: C0PLATFORM
    managers: [U0PLATFORMMGR]
    oncall: S0PLATFORMONCALL
    monthly_budget_usd: 30000
  search:
    slack_channel: C0SEARCH
    managers: [U0SEARCHMGR]
    oncall: S0SEARCHONCALL
    monthly_budget_usd: 10000       # set before ask-docs shipped
  data:
    slack_channel: C0DATA
    managers: [U0DATAMGR]
    oncall: S0DATAONCALL
    monthly_budget_usd: 6000
  mobile:
    slack_channel: C0MOBILE
    managers: [U0MOBILEMGR]
    oncall: S0MOBILEONCALL
    monthly_budget_usd: 4000
  growth:
    slack_channel: C0GROWTH
    managers: [U0GROWTHMGR]
    oncall: S0GROWTHONCALL
    monthly_budget_usd: 5000

sources:
  anthropic: { backfill_days: 90 }  # ANTHROPIC_ADMIN_API_KEY
  openai: { backfill_days: 90 }     # OPENAI_ADMIN_KEY
  bedrock:                          # AWS default credential chain
    regions: [us-east-1, us-west-2]
    cost_allocation_tags: [team, feature]
    account_id: "123456789012"
    backfill_days: 90               # hourly token usage
    metrics_backfill_days: 14       # TTFT, quota use, throttles: a week of baseline before the shift
  vertex:                           # GOOGLE_OAUTH_ACCESS_TOKEN, or application default credentials
    billing_table: ${SIM_BILLING_TABLE}
    projects: [acme-growth-prod, acme-mobile-prod, acme-platform-prod]
    backfill_days: 40               # Cloud Monitoring keeps 6 weeks
  azure:                            # AZURE_* (DefaultAzureCredential), or AZURE_ACCESS_TOKEN
    scopes: ["/subscriptions/${AZURE_SUBSCRIPTION}"]
    backfill_days: 90

slack:
  default_channel: C0FINOPS         # alerts about unallocated spend land here

schedule:
  timezone: UTC

# Ordered, first match wins: per-key rules before each team's workspace or project catch-all.
# Anthropic bills per workspace, so the catch-alls also claim the cost report's lines.
attribution:
  # search (Anthropic workspace wrkspc_search)
  - match: { source: anthropic, workspace_id: wrkspc_search, api_key_id: "apikey_ask_docs_*" }  # prod and canary keys
    team: search
    feature: ask-docs
  - match: { source: anthropic, workspace_id: wrkspc_search, api_key_id: apikey_semantic_search }
    team: search
    feature: semantic-search
  - match: { source: anthropic, workspace_id: wrkspc_search, api_key_id: apikey_query_rewrite }
    team: search
    feature: query-rewrite
  - match: { source: anthropic, workspace_id: wrkspc_search }
    team: search

  # support: support-bot on both providers since the switch
  - match: { source: anthropic, workspace_id: wrkspc_support, api_key_id: apikey_support_bot }
    team: support
    feature: support-bot
  - match: { source: anthropic, workspace_id: wrkspc_support }
    team: support
  - match: { source: openai, project_id: proj_support, api_key_id: key_support_bot }
    team: support
    feature: support-bot
  - match: { source: openai, project_id: proj_support, api_key_id: key_ticket_triage }
    team: support
    feature: ticket-triage
  - match: { source: openai, project_id: proj_support }
    team: support

  # growth
  - match: { source: anthropic, workspace_id: wrkspc_growth, api_key_id: apikey_ab_copy }
    team: growth
    feature: ab-copy
  - match: { source: anthropic, workspace_id: wrkspc_growth, api_key_id: apikey_seo_briefs }
    team: growth
    feature: seo-briefs
  - match: { source: anthropic, workspace_id: wrkspc_growth }
    team: growth
  - match: { source: openai, project_id: proj_growth, api_key_id: key_email_personalizer }
    team: growth
    feature: email-personalizer
  - match: { source: openai, project_id: proj_growth }
    team: growth

  # platform
  - match: { source: anthropic, workspace_id: wrkspc_platform, api_key_id: apikey_eval_harness }
    team: platform
    feature: eval-harness
  - match: { source: anthropic, workspace_id: wrkspc_platform, api_key_id: apikey_code_review }
    team: platform
    feature: code-review
  - match: { source: anthropic, workspace_id: wrkspc_platform }
    team: platform

  # data
  - match: { source: anthropic, workspace_id: wrkspc_data, api_key_id: apikey_etl_summarizer }
    team: data
    feature: etl-summarizer
  - match: { source: anthropic, workspace_id: wrkspc_data }
    team: data
  - match: { source: openai, project_id: proj_data, api_key_id: key_classifier }
    team: data
    feature: classifier
  - match: { source: openai, project_id: proj_data, api_key_id: key_sql_assistant }
    team: data
    feature: sql-assistant
  - match: { source: openai, project_id: proj_data }
    team: data

  # mobile
  - match: { source: anthropic, workspace_id: wrkspc_mobile, api_key_id: apikey_voice_notes }
    team: mobile
    feature: voice-notes
  - match: { source: anthropic, workspace_id: wrkspc_mobile }
    team: mobile
  - match: { source: openai, project_id: proj_mobile, api_key_id: key_smart_reply }
    team: mobile
    feature: smart-reply
  - match: { source: openai, project_id: proj_mobile }
    team: mobile

  # Bedrock: application inference profiles carry their owner in the team and feature tags.
  - match: { source: bedrock, tag.team: "*" }
    team: "{tag.team}"
    feature: "{tag.feature}"

  # Azure OpenAI: the accounts' resource tags name the team and feature.
  - match: { source: azure, tag.team: "*" }
    team: "{tag.team}"
    feature: "{tag.feature}"

  # Vertex AI: request labels name the team and feature on the bill; the metrics only know the project.
  - match: { source: vertex, label.team: "*" }
    team: "{label.team}"
    feature: "{label.feature}"
  - match: { source: vertex, project_id: acme-growth-prod }
    team: growth
  - match: { source: vertex, project_id: acme-mobile-prod }
    team: mobile
  - match: { source: vertex, project_id: acme-platform-prod }
    team: platform

  # No rule for proj_sandbox / key_orphan_7f3a, none for the default workspace and none for
  # untagged Bedrock calls: unallocated.
`;
