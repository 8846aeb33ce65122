/** Each provider keeps its colour in every chart, whatever else is drawn next to it. */
const PROVIDER_COLOURS: Readonly<Record<string, string>> = {
  anthropic: '#d97757',
  openai: '#10a37f',
  bedrock: '#7b61ff',
  vertex: '#f4b400',
  azure: '#0078d4',
  focus: '#6b7280',
};

/** For any other series: picked by a hash of its name, so the same name always gets the same one. */
const FALLBACK_COLOURS = [
  '#4e79a7',
  '#e15759',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#76b7b2',
];

/** The fill colour of a chart series, `#rrggbb`: fixed for known providers, stable for the rest. */
export function seriesColour(key: string): string {
  if (Object.hasOwn(PROVIDER_COLOURS, key)) return PROVIDER_COLOURS[key] as string;
  // FNV-1a: cheap, and the same on every run and machine.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length] as string;
}
