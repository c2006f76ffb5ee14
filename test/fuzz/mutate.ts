/**
 * Mutations of real documents as fast-check arbitraries: each draws a plain description (so a
 * failing case prints readably and shrinks) and `applyMutation` turns a seed document into the
 * hostile input. Text mutations work on the decoded text; byte mutations on the raw bytes; zip
 * mutations rewrite the central directory.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';

export type Mutation =
  | { kind: 'flip'; at: number[]; xor: number }
  | { kind: 'truncate'; where: 'start' | 'end' | 'random' | 'line' | 'utf8-middle' | 'table-title' | 'number'; n: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number; times: number }
  | { kind: 'number'; which: number; value: string }
  | { kind: 'encode'; as: 'gbk' | 'gb18030' | 'utf16le-bom' | 'utf16be-bom' | 'utf8-bom' | 'latin1' }
  | { kind: 'full-width'; from: number; len: number }
  | { kind: 'long-line'; at: number; chars: number; char: string }
  | { kind: 'wide-row'; at: number; columns: number; sep: '\t' | '  ' }
  | { kind: 'deep-json'; depth: number; open: '[' | '{"a":' }
  | { kind: 'control'; at: number; char: string }
  | { kind: 'zip-size-lie'; entry: number; size: number }
  | { kind: 'zip-count-lie'; count: number }
  | { kind: 'stack'; steps: Mutation[] };

const HOSTILE_NUMBERS = [
  '9'.repeat(400),
  '-1,861.38',
  '−1,861.38',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '0.000000001',
  '１，８６１．３８',
  '1,86,1.38',
  '9007199254740993',
  '-0',
  '0x1F',
  '1.2.3',
  '(1,861.38)',
  '１２３４５６７８９０１２３４５６７８９０',
  '',
] as const;

const simple: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 16 }), xor: fc.integer({ min: 1, max: 255 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      where: fc.constantFrom('start', 'end', 'random', 'line', 'utf8-middle', 'table-title', 'number') as fc.Arbitrary<'start' | 'end' | 'random' | 'line' | 'utf8-middle' | 'table-title' | 'number'>,
      n: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4000 }), times: fc.integer({ min: 2, max: 50 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number' as const), which: fc.nat(), value: fc.constantFrom(...HOSTILE_NUMBERS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('encode' as const),
      as: fc.constantFrom('gbk', 'gb18030', 'utf16le-bom', 'utf16be-bom', 'utf8-bom', 'latin1') as fc.Arbitrary<'gbk' | 'gb18030' | 'utf16le-bom' | 'utf16be-bom' | 'utf8-bom' | 'latin1'>,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('full-width' as const), from: fc.nat(), len: fc.integer({ min: 1, max: 100_000 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('long-line' as const), at: fc.nat(), chars: fc.constantFrom(10 * 1024 * 1024, 200_000, 5_000), char: fc.constantFrom('9', '一', ' ', '\t', ',', '表') }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('wide-row' as const), at: fc.nat(), columns: fc.constantFrom(1000, 3000, 10_000), sep: fc.constantFrom('\t', '  ') as fc.Arbitrary<'\t' | '  '> }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep-json' as const), depth: fc.constantFrom(100, 10_000, 200_000), open: fc.constantFrom('[', '{"a":') as fc.Arbitrary<'[' | '{"a":'> }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('control' as const), at: fc.nat(), char: fc.constantFrom('\0', '\f', '\r', '\u2028', '\uFEFF', '\uD800', '\u202E', '\u001b') }) },
);

const zipOnly: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('zip-size-lie' as const), entry: fc.nat(), size: fc.constantFrom(0, 1, 100, 0x7fffffff, 0xffffffff, 0xfffffffe) }),
  fc.record({ kind: fc.constant('zip-count-lie' as const), count: fc.constantFrom(0, 1, 0xffff, 5000) }),
);

/** Mutations for text-like seeds (txt, json, html). */
export const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: simple },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stack' as const), steps: fc.array(simple, { minLength: 2, maxLength: 4 }) }) },
);

/** Mutations for zip-based seeds (.xlsx, packages): byte level plus central-directory lies. */
export const zipMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: simple.filter((m) => m.kind === 'flip' || m.kind === 'truncate' || m.kind === 'delete' || m.kind === 'duplicate') },
  { weight: 2, arbitrary: zipOnly },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stack' as const),
      steps: fc.array(
        fc.oneof(
          simple.filter((m) => m.kind === 'flip'),
          zipOnly,
        ),
        { minLength: 2, maxLength: 3 },
      ),
    }),
  },
);

/** Mutations for PDF seeds: byte level only. */
export const binaryMutation: fc.Arbitrary<Mutation> = simple.filter((m) => m.kind === 'flip' || m.kind === 'truncate' || m.kind === 'delete' || m.kind === 'duplicate' || m.kind === 'number');

const decoder = new TextDecoder('utf-8');

function spliceText(text: string, at: number, insert: string): string {
  const p = text.length ? at % (text.length + 1) : 0;
  return text.slice(0, p) + insert + text.slice(p);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function numberSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /-?\d[\d,]*(?:\.\d+)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < 5000) out.push([m.index, m.index + m[0].length]);
  return out;
}

const pick = <T>(xs: T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);

/** Positions inside a zip's central directory entries (offsets of the 0x02014b50 records). */
function centralRecords(b: Buffer): number[] {
  const out: number[] = [];
  for (let i = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); i > 0; ) {
    const cdOffset = b.readUInt32LE(i + 16);
    const count = b.readUInt16LE(i + 10);
    let p = cdOffset;
    for (let k = 0; k < count && p + 46 <= b.length && b.readUInt32LE(p) === 0x02014b50; k++) {
      out.push(p);
      p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    }
    break;
  }
  return out;
}

export function applyMutation(seed: Uint8Array, m: Mutation): Uint8Array {
  const bytes = Buffer.from(seed);
  switch (m.kind) {
    case 'stack':
      return m.steps.reduce<Uint8Array>((b, s) => applyMutation(b, s), bytes);
    case 'flip': {
      if (!bytes.length) return bytes;
      for (const a of m.at) bytes[a % bytes.length] = bytes[a % bytes.length]! ^ m.xor;
      return bytes;
    }
    case 'truncate': {
      const len = bytes.length;
      if (!len) return bytes;
      let cut: number;
      const text = () => bytes.toString('utf8');
      switch (m.where) {
        case 'start':
          cut = m.n % Math.min(len, 64);
          break;
        case 'end':
          cut = len - 1 - (m.n % Math.min(len, 64));
          break;
        case 'random':
          cut = m.n % len;
          break;
        case 'line': {
          const starts = lineStarts(text());
          cut = Buffer.byteLength(text().slice(0, pick(starts, m.n) ?? 0));
          break;
        }
        case 'utf8-middle': {
          // Inside a multi-byte character: after its lead byte.
          const leads: number[] = [];
          for (let i = 0; i < len && leads.length < 10_000; i++) if (bytes[i]! >= 0xe0) leads.push(i);
          cut = (pick(leads, m.n) ?? m.n % len) + 1;
          break;
        }
        case 'table-title': {
          const t = text();
          const hits: number[] = [];
          for (let i = t.indexOf('表'); i >= 0 && hits.length < 2000; i = t.indexOf('表', i + 1)) hits.push(i);
          cut = Buffer.byteLength(t.slice(0, pick(hits, m.n) ?? 0));
          break;
        }
        case 'number': {
          const t = text();
          const span = pick(numberSpans(t), m.n);
          cut = span ? Buffer.byteLength(t.slice(0, span[0] + 1)) : m.n % len;
          break;
        }
      }
      return bytes.subarray(0, Math.max(0, Math.min(len, cut)));
    }
    case 'delete': {
      if (!bytes.length) return bytes;
      const at = m.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.len)]);
    }
    case 'duplicate': {
      if (!bytes.length) return bytes;
      const at = m.at % bytes.length;
      const piece = bytes.subarray(at, at + m.len);
      return Buffer.concat([bytes.subarray(0, at), ...Array.from({ length: m.times }, () => piece), bytes.subarray(at)]);
    }
    case 'number': {
      const t = decoder.decode(bytes);
      const span = pick(numberSpans(t), m.which);
      if (!span) return Buffer.from(t + m.value);
      return Buffer.from(t.slice(0, span[0]) + m.value + t.slice(span[1]));
    }
    case 'encode': {
      const t = decoder.decode(bytes).replace(/^\uFEFF/, '');
      switch (m.as) {
        case 'gbk':
          return iconv.encode(t, 'gbk');
        case 'gb18030':
          return iconv.encode(t, 'gb18030');
        case 'utf16le-bom':
          return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
        case 'utf16be-bom':
          return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]);
        case 'utf8-bom':
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]);
        case 'latin1':
          return Buffer.from(t, 'latin1');
      }
      throw new Error(`unknown encoding ${String(m.as)}`);
    }
    case 'full-width': {
      const t = decoder.decode(bytes);
      const from = t.length ? m.from % t.length : 0;
      const part = t.slice(from, from + m.len).replace(/[0-9.,%()\-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      return Buffer.from(t.slice(0, from) + part + t.slice(from + m.len));
    }
    case 'long-line': {
      const t = decoder.decode(bytes);
      const starts = lineStarts(t);
      return Buffer.from(spliceText(t, pick(starts, m.at) ?? 0, m.char.repeat(m.chars) + '\n'));
    }
    case 'wide-row': {
      const t = decoder.decode(bytes);
      const starts = lineStarts(t);
      const row = ['2010350', '事业运行', ...Array.from({ length: m.columns }, (_, i) => `${(i * 7919) % 100000},${String(i % 1000).padStart(3, '0')}.${String(i % 100).padStart(2, '0')}`)].join(
        m.sep,
      );
      return Buffer.from(spliceText(t, pick(starts, m.at) ?? 0, row + '\n'));
    }
    case 'deep-json': {
      const close = m.open === '[' ? ']' : '}';
      const t = decoder.decode(bytes).trim();
      return Buffer.from(m.open.repeat(m.depth) + (t || '0') + close.repeat(m.depth));
    }
    case 'control': {
      const t = decoder.decode(bytes);
      return Buffer.from(spliceText(t, m.at, m.char));
    }
    case 'zip-size-lie': {
      const recs = centralRecords(bytes);
      const p = pick(recs, m.entry);
      if (p === undefined) return bytes;
      bytes.writeUInt32LE(m.size >>> 0, p + 24);
      // The local header too, so readers that trust it are lied to as well.
      const local = bytes.readUInt32LE(p + 42);
      if (local + 30 <= bytes.length && bytes.readUInt32LE(local) === 0x04034b50) bytes.writeUInt32LE(m.size >>> 0, local + 22);
      return bytes;
    }
    case 'zip-count-lie': {
      const i = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      if (i < 0) return bytes;
      bytes.writeUInt16LE(m.count, i + 8);
      bytes.writeUInt16LE(m.count, i + 10);
      return bytes;
    }
  }
}

export function describeMutation(m: Mutation): string {
  return JSON.stringify(m, (_k, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v));
}
