import { spawn } from 'node:child_process';
import type { Content } from 'pdfmake/interfaces';
import { LIGHT_COLOR } from '../office-style.ts';
import type { PdfFonts } from '../pdf-fonts.ts';
import { renderPdf } from '../pdf-output.ts';
import type { ChartSpec } from './bulletin-document.ts';

/**
 * Bar charts drawn with pdfmake's vector canvas: in the PDF they are part of the page; for the .docx the same
 * drawing is rendered alone and rasterised to PNG by poppler's pdftoppm (the PNG is embedded as a picture, which
 * every word processor shows). No chart library is involved: a ranked bar chart is a table of rectangles.
 */
const LABEL_WIDTH = 0.3;
const CAPTION_WIDTH = 0.2;
const BAR_HEIGHT = 9;
const ROW_HEIGHT = 13;
const GRID = '#D9D9D9';

export function chartContent(chart: ChartSpec, width: number, fontSize = 8): Content {
  const labelWidth = Math.floor(width * LABEL_WIDTH);
  const captionWidth = Math.floor(width * CAPTION_WIDTH);
  const barWidth = width - labelWidth - captionWidth - 12;
  // pdfmake moves canvas items in place while laying out: every row needs its own objects.
  const grid = () =>
    [0, 0.25, 0.5, 0.75, 1].map((x) => ({
      type: 'line' as const,
      x1: x * barWidth,
      y1: 0,
      x2: x * barWidth,
      y2: ROW_HEIGHT,
      lineWidth: 0.4,
      lineColor: GRID,
    }));
  const rows = chart.bars.map((bar) => [
    { text: bar.label, alignment: 'right' as const, fontSize, noWrap: true },
    {
      canvas: [
        ...grid(),
        {
          type: 'rect' as const,
          x: 0,
          y: (ROW_HEIGHT - BAR_HEIGHT) / 2,
          w: Math.max(0.5, Math.min(1, bar.value) * barWidth),
          h: BAR_HEIGHT,
          color: `#${LIGHT_COLOR[bar.light]}`,
        },
      ],
    },
    { text: bar.caption, fontSize, noWrap: true },
  ]);
  const axis = [
    '',
    {
      columns: [
        { text: chart.axis[0], alignment: 'left' as const },
        { text: chart.axis[1], alignment: 'center' as const },
        { text: chart.axis[2], alignment: 'right' as const },
      ],
      fontSize: fontSize - 1,
      color: '#595959',
    },
    '',
  ];
  return {
    unbreakable: true,
    stack: [
      { text: chart.title, alignment: 'center', bold: true, fontSize: fontSize + 1, margin: [0, 0, 0, 4] },
      {
        table: { widths: [labelWidth, barWidth, captionWidth], body: [...rows, axis] },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: () => 0,
          paddingLeft: () => 2,
          paddingRight: () => 2,
          paddingTop: () => 0,
          paddingBottom: () => 0,
        },
      },
    ],
    margin: [0, 4, 0, 8],
  };
}

export interface ChartImage {
  png: Buffer;
  /** Size in points (1/72 inch) at which it was drawn. */
  widthPt: number;
  heightPt: number;
}

const DPI = 192;

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Runs pdftoppm on the PDF (stdin → stdout). null when poppler-utils is not installed. */
function rasterise(pdf: Buffer): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftoppm', ['-png', '-r', String(DPI), '-singlefile', '-f', '1', '-l', '1', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 20_000,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve(null);
      else reject(error);
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else if (code !== null) reject(new Error(`pdftoppm exited with ${code}: ${err.slice(0, 200)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(pdf);
  });
}

/** The chart as a PNG for .docx, or null when pdftoppm (poppler-utils) is missing. */
export async function chartImage(chart: ChartSpec, widthPt: number, fonts: PdfFonts): Promise<ChartImage | null> {
  const margin = 6;
  const pdf = await renderPdf(
    {
      pageSize: { width: widthPt + 2 * margin, height: 'auto' },
      pageMargins: margin,
      defaultStyle: { font: fonts.heading, fontSize: 8 },
      content: [chartContent(chart, widthPt)],
    },
    fonts,
  );
  const png = await rasterise(pdf);
  if (!png) return null;
  const size = pngSize(png);
  return { png, widthPt: (size.width * 72) / DPI, heightPt: (size.height * 72) / DPI };
}
