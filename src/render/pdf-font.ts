/**
 * The CJK font for PDFs: Noto Sans CJK from Debian's fonts-noto-cjk (installed by
 * scripts/setup-system.sh), a .ttc collection addressed by PostScript name. pdfkit embeds a subset.
 */
import { existsSync } from 'node:fs';

export const FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

export interface PdfFont {
  normal: [string, string];
  bold: [string, string];
}

export class MissingFontError extends Error {}

/** Finds the font or throws a one-line error naming the Debian package. `GONGKAI_CJK_FONT_DIR` overrides the search. */
export function cjkFont(): PdfFont {
  const dirs = process.env.GONGKAI_CJK_FONT_DIR ? [process.env.GONGKAI_CJK_FONT_DIR] : FONT_DIRS;
  for (const dir of dirs) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    if (!existsSync(regular)) continue;
    const boldFile = `${dir}/NotoSansCJK-Bold.ttc`;
    return {
      normal: [regular, 'NotoSansCJKsc-Regular'],
      bold: existsSync(boldFile) ? [boldFile, 'NotoSansCJKsc-Bold'] : [regular, 'NotoSansCJKsc-Regular'],
    };
  }
  throw new MissingFontError(
    `PDF: the CJK font NotoSansCJK-Regular.ttc was not found in ${dirs.join(', ')}; install the Debian package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk, or run scripts/setup-system.sh)`,
  );
}
