import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../src/core/', import.meta.url).pathname;
// Pure packages core may use: the price catalog ships its data and does no I/O.
const ALLOWED_PACKAGES = ['@pydantic/genai-prices', 'date-fns', '@date-fns/utc'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('src/core', () => {
  const sources = files(CORE).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('has files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((source) => [source.path.slice(CORE.length), source.text]))(
    '%s imports only core modules and pure packages, reads no clock or environment',
    (_, text) => {
      const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
      const outside = imports.filter((name) => !name.startsWith('.') && !ALLOWED_PACKAGES.includes(name));
      expect(outside).toEqual([]);
      expect(text).not.toMatch(/process\.env|Date\.now\(\)|new Date\(\)|Math\.random\(/);
    },
  );
});
