import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const dir = new URL('../../../teams/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG. */
function readPng(file: string): { width: number; height: number; pixels: Buffer } {
  const bytes = readFileSync(new URL(file, dir));
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT')
      data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)),
    ),
  );
  return { width, height, pixels };
}

describe('Teams app manifest', () => {
  it('validates against the v1.24 schema offline, with 12 commands and the three bot scopes', async () => {
    const schema = require('@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.schema.json');
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands).toHaveLength(12);
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon that is only white or transparent', () => {
    const color = readPng('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const kinds = new Set<string>();
    for (let at = 0; at < outline.pixels.length; at += 4) {
      const [r, g, b, a] = outline.pixels.subarray(at, at + 4);
      kinds.add(a === 0 ? 'transparent' : r === 255 && g === 255 && b === 255 ? 'white' : 'other');
    }
    expect([...kinds].sort()).toEqual(['transparent', 'white']);
  });
});
