/**
 * The PDF outline (bookmarks, ISO 32000-1 §12.3.3): a tree of titled entries, each leading to a
 * destination. Entries with children are written open (a positive /Count), so a reader's bookmark
 * pane shows the parts and their tables at once.
 */
import { PdfFile, pdfString } from './pdf-writer.ts';

export interface OutlineItem<T> {
  title: string;
  to: T;
  children?: OutlineItem<T>[];
}

/** Writes the outline of `items` and returns its root object number (undefined when there are none). `dest` renders a destination array. */
export function writeOutline<T>(pdf: PdfFile, items: OutlineItem<T>[], dest: (to: T) => string): number | undefined {
  if (!items.length) return undefined;
  const root = pdf.ref();
  const visible = writeLevel(pdf, items, root, dest);
  pdf.object(root, `<< /Type /Outlines /First ${visible.first} 0 R /Last ${visible.last} 0 R /Count ${visible.count} >>`);
  return root;
}

/** Writes one level under `parent`; returns its first and last objects and the number of entries shown (open children included). */
function writeLevel<T>(pdf: PdfFile, items: OutlineItem<T>[], parent: number, dest: (to: T) => string): { first: number; last: number; count: number } {
  const refs = items.map(() => pdf.ref());
  let count = items.length;
  items.forEach((item, i) => {
    let kids = '';
    if (item.children?.length) {
      const sub = writeLevel(pdf, item.children, refs[i]!, dest);
      kids = ` /First ${sub.first} 0 R /Last ${sub.last} 0 R /Count ${sub.count}`;
      count += sub.count;
    }
    const prev = i > 0 ? ` /Prev ${refs[i - 1]} 0 R` : '';
    const next = i + 1 < refs.length ? ` /Next ${refs[i + 1]} 0 R` : '';
    pdf.object(refs[i]!, `<< /Title ${pdfString(item.title)} /Parent ${parent} 0 R${prev}${next}${kids} /Dest ${dest(item.to)} >>`);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]!, count };
}
