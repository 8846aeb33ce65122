/**
 * Reads a FOCUS `Tags` cell (a JSON object of key → value) as flat string tags, keys exactly as
 * written (`user:team`, even `" org"` with its space). Numbers and booleans become text, null values
 * are left out. What cannot be read is described in `notes` and left out: the row still counts.
 */
export function parseFocusTags(
  text: string | undefined,
  notes: string[],
): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    notes.push('Tags is not valid JSON: imported without tags');
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    notes.push('Tags is not a JSON object: imported without tags');
    return undefined;
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) continue;
    if (typeof value === 'string') tags[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
    else notes.push(`tag ${JSON.stringify(key)} is not a flat value: left out`);
  }
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, tags[key] as string]));
}
