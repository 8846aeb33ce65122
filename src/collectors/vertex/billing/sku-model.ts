const GEMINI = /\bGemini\s+(\d+(?:\.\d+)?)\s+(Pro|Flash[- ]Lite|Flash|Ultra|Nano)\b/i;
const CLAUDE = /\bClaude\s+(Opus|Sonnet|Haiku)\s+(\d+(?:\.\d+)?)\b/i;
const CLAUDE_NUMBER_FIRST = /\bClaude\s+(\d+(?:\.\d+)?)\s+(Opus|Sonnet|Haiku)(\s+v2)?\b/i;

/**
 * The model a Vertex SKU description names, spelled as Vertex model ids are without their version
 * (`Gemini 2.5 Pro Input Tokens` → `gemini-2.5-pro`, `Claude Sonnet 4.5 Output Tokens` →
 * `claude-sonnet-4-5`, `Claude 3.5 Sonnet v2 …` → `claude-3-5-sonnet-v2`); `undefined` when the
 * SKU names no model it knows (tuning, endpoints, grounding).
 */
export function skuModel(description: string): string | undefined {
  const gemini = GEMINI.exec(description);
  if (gemini?.[1] && gemini[2]) {
    return `gemini-${gemini[1]}-${gemini[2].toLowerCase().replace(/[ -]+/g, '-')}`;
  }
  const claude = CLAUDE.exec(description);
  if (claude?.[1] && claude[2]) return `claude-${claude[1].toLowerCase()}-${claude[2].replace('.', '-')}`;
  const older = CLAUDE_NUMBER_FIRST.exec(description);
  if (older?.[1] && older[2]) {
    return `claude-${older[1].replace('.', '-')}-${older[2].toLowerCase()}${older[3] ? '-v2' : ''}`;
  }
  return undefined;
}
