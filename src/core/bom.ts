/** Drops a leading UTF-8 byte-order mark (Notepad, WPS and Excel's "CSV UTF-8" write one). */
export function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}
