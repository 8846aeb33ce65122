import { existsSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/chat/render-chart-png.js';
import { seriesColour } from '../../src/core/digest/series-colour.js';
import { stackedBarChartSvg } from '../../src/core/digest/stacked-bar-chart-svg.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function chunks(png: Buffer): Chunk[] {
  const result: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    result.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: typeAndData.subarray(4),
      crcOk: crc32(typeAndData) === png.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return result;
}

/** Decodes an 8-bit RGB or RGBA PNG (what resvg writes) into its pixels, undoing the row filters. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  const all = chunks(png);
  const header = all[0]?.data ?? Buffer.alloc(13);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const channels = { 2: 3, 6: 4 }[header[9] ?? 0];
  if (header[8] !== 8 || channels === undefined)
    throw new Error(`unexpected PNG format ${header[8]}/${header[9]}`);
  const raw = inflateSync(
    Buffer.concat(all.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)),
  );
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= channels ? (pixels[y * stride + i - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= channels ? (pixels[(y - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = [0, left, up, Math.floor((left + up) / 2), paeth(left, up, upLeft)][filter ?? 0];
      pixels[y * stride + i] = (value + (predictor ?? 0)) & 0xff;
    }
  }
  const pixel = (x: number, y: number) => {
    const at = y * stride + x * channels;
    return `#${[0, 1, 2].map((c) => (pixels[at + c] ?? 0).toString(16).padStart(2, '0')).join('')}`;
  };
  return { width, height, pixel };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const NOV_16 = Date.UTC(2026, 10, 16) / 1000;
const svg = stackedBarChartSvg({
  days: Array.from({ length: 7 }, (_, i) => ({
    day: NOV_16 + i * 86_400,
    values: { anthropic: 2_000e6, openai: 1_000e6, bedrock: 500e6 },
  })),
  title: 'Team search: spend per day by provider',
  unit: 'usd',
});

describe('renderChartPng', () => {
  const png = renderChartPng(svg);

  it('writes a PNG: the signature, IHDR first with the SVG size (800×440), IEND last, every CRC right', () => {
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const all = chunks(png);
    expect(all[0]?.type).toBe('IHDR');
    expect([all[0]?.data.readUInt32BE(0), all[0]?.data.readUInt32BE(4)]).toEqual([800, 440]);
    expect(all.at(-1)?.type).toBe('IEND');
    expect(all.every((chunk) => chunk.crcOk)).toBe(true);
  });

  it('decodes to the chart: a white background and each provider’s colour in the bars', () => {
    const image = decode(png);
    expect(image.pixel(2, 2)).toBe('#ffffff');
    const colours = new Set<string>();
    // A vertical line through the first bar, from the plot's top to its bottom.
    for (let y = 100; y < 368; y++) colours.add(image.pixel(84 + 50, y));
    for (const provider of ['anthropic', 'openai', 'bedrock'])
      expect(colours).toContain(seriesColour(provider));
  });

  // Without any system font resvg still draws the chart, only without its labels.
  it.skipIf(!existsSync(DEJAVU))('draws the text with DejaVu Sans: dark pixels where the title is', () => {
    const image = decode(png);
    let dark = 0;
    for (let x = 24; x < 300; x++) {
      for (let y = 18; y < 38; y++) if (Number.parseInt(image.pixel(x, y).slice(1, 3), 16) < 0x80) dark++;
    }
    expect(dark).toBeGreaterThan(200);
  });

  it('zoom 2 doubles the size: 1600×880', () => {
    const header = chunks(renderChartPng(svg, { zoom: 2 }))[0]?.data;
    expect([header?.readUInt32BE(0), header?.readUInt32BE(4)]).toEqual([1600, 880]);
  });

  it('refuses text that is not SVG with an input_invalid error', () => {
    expect(() => renderChartPng('not an svg')).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
