import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfFonts } from './pdf-fonts.ts';

/**
 * Runs pdfmake with our fonts and closed doors: no URL is fetched, and only the font files may be read from disk
 * (document definitions carry user text, never paths).
 */
export async function renderPdf(definition: TDocumentDefinitions, fonts: PdfFonts): Promise<Buffer> {
  pdfmake.setFonts(fonts.fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => fonts.files.includes(path));
  const pdf = pdfmake.createPdf({ compress: true, ...definition });
  return pdf.getBuffer();
}
