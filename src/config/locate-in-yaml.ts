import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** 1-based line and column in the YAML text. */
export interface YamlPosition {
  line: number;
  col: number;
}

/**
 * Where the value at `path` is written. With `key`, where that key of the map at `path` is
 * written. When the path does not exist (a missing key), the deepest key that does.
 */
export function locateInYaml(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): YamlPosition {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let keyOffset: number | undefined;
  const segments = key === undefined ? path : [...path, key];
  for (const [index, segment] of segments.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) {
        offset = keyOffset ?? offset;
        break;
      }
      const atKey = key !== undefined && index === segments.length - 1;
      const valueStart = rangeStart(pair.value);
      keyOffset = rangeStart(pair.key);
      offset = (atKey ? keyOffset : valueStart) ?? keyOffset ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      offset = rangeStart(item) ?? offset;
      keyOffset = offset;
      node = item;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
