// Minimal types for yauzl 3 (the package ships none): only what src/read/guards.ts uses.
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface Entry {
    fileName: string;
    compressedSize: number;
    uncompressedSize: number;
    compressionMethod: number;
    /** CRC-32 of the uncompressed data, as the archive declares it. */
    crc32: number;
    isEncrypted(): boolean;
  }

  export interface ZipFile extends EventEmitter {
    entryCount: number;
    readEntry(): void;
    openReadStream(entry: Entry, callback: (err: Error | null, stream: Readable) => void): void;
    close(): void;
  }

  export interface Options {
    lazyEntries?: boolean;
    autoClose?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export function fromBuffer(buffer: Buffer, options: Options, callback: (err: Error | null, zipfile: ZipFile) => void): void;
}
