import { Resvg } from '@resvg/resvg-js';
import { AiSpendError } from '../core/errors.js';

/**
 * Renders an SVG document (a chart from `stackedBarChartSvg`) as a PNG of the SVG's own size,
 * times `zoom`. Text uses the system's fonts, DejaVu Sans first; with no font installed the
 * chart is still drawn, without its labels.
 */
export function renderChartPng(svg: string, { zoom = 1 }: { zoom?: number } = {}): Buffer {
  try {
    const resvg = new Resvg(svg, {
      background: '#ffffff',
      fitTo: zoom === 1 ? { mode: 'original' } : { mode: 'zoom', value: zoom },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    });
    return resvg.render().asPng();
  } catch (error) {
    throw new AiSpendError('input_invalid', `the chart could not be rendered as a PNG: ${String(error)}`, {
      cause: error,
    });
  }
}
