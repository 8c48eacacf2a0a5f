import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

/**
 * Renders a paper with pdfmake and Noto Serif (shipped as TrueType in an npm package: it covers every
 * Vietnamese letter with its tone marks, and nothing is downloaded at run time). Neither URLs nor local
 * files other than the fonts may be read while rendering.
 */
const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-serif/package.json'));
const font = (weight: string) => join(FONT_DIR, weight, `NotoSerif_${weight}.ttf`);

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({
    NotoSerif: {
      normal: font('400Regular'),
      bold: font('700Bold'),
      italics: font('400Regular_Italic'),
      bolditalics: font('700Bold_Italic'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(FONT_DIR));
  configured = true;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(doc).getBuffer();
}
