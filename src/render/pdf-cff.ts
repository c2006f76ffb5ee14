/**
 * CFF subsets for the PDF's embedded fonts (FontFile3 /CIDFontType0C), written directly.
 *
 * Every glyph's charstring is desubroutinized once per process (its subroutine calls inlined) and
 * kept, so a document's subset is its glyphs' cached charstrings plus a few small dictionaries: no
 * subroutine INDEXes to carry (Noto CJK's ideograph font dicts hold up to 28,516 local subrs) and
 * nothing to re-encode per document. The subset is CID-keyed with CID = subset glyph index, which
 * is what the content streams print (Identity-H).
 *
 * Reference: Adobe Technical Notes #5176 (CFF) and #5177 (Type 2 charstrings).
 */

/** A CFF INDEX: `count` entries, entry i at data[start(i), end(i)). */
class Index {
  readonly count: number;
  /** Offset just past the INDEX. */
  readonly end: number;
  private readonly offSize: number;
  private readonly offsets: number;
  private readonly base: number;

  constructor(
    private readonly data: Uint8Array,
    at: number,
  ) {
    this.count = (data[at]! << 8) | data[at + 1]!;
    if (this.count === 0) {
      this.offSize = 1;
      this.offsets = this.base = at + 2;
      this.end = at + 2;
      return;
    }
    this.offSize = data[at + 2]!;
    this.offsets = at + 3;
    this.base = this.offsets + (this.count + 1) * this.offSize - 1;
    this.end = this.base + this.offset(this.count);
  }

  private offset(i: number): number {
    let v = 0;
    for (let k = 0, p = this.offsets + i * this.offSize; k < this.offSize; k++) v = v * 256 + this.data[p + k]!;
    return v;
  }

  get(i: number): Uint8Array {
    if (i < 0 || i >= this.count) throw new Error(`CFF: INDEX entry ${i} out of range (${this.count})`);
    return this.data.subarray(this.base + this.offset(i), this.base + this.offset(i + 1));
  }
}

/** One DICT entry: operator (two-byte operators as 1200 + second byte) with its operands' raw bytes and values. */
interface DictEntry {
  op: number;
  raw: Uint8Array;
  values: number[];
}

function parseDict(d: Uint8Array): DictEntry[] {
  const out: DictEntry[] = [];
  let start = 0;
  let values: number[] = [];
  for (let i = 0; i < d.length; ) {
    const b = d[i]!;
    if (b <= 21) {
      let op = b;
      const opStart = i;
      if (b === 12) {
        op = 1200 + d[i + 1]!;
        i += 2;
      } else i += 1;
      out.push({ op, raw: d.subarray(start, opStart), values });
      values = [];
      start = i;
    } else if (b === 28) {
      values.push(((d[i + 1]! << 24) | (d[i + 2]! << 16)) >> 16);
      i += 3;
    } else if (b === 29) {
      values.push((d[i + 1]! << 24) | (d[i + 2]! << 16) | (d[i + 3]! << 8) | d[i + 4]!);
      i += 5;
    } else if (b === 30) {
      // Real number: nibbles up to 0xf. Its value is never an offset, so it is kept raw only.
      i++;
      while (i < d.length && (d[i]! & 0x0f) !== 0x0f && (d[i]! & 0xf0) !== 0xf0) i++;
      i++;
      values.push(NaN);
    } else if (b >= 32 && b <= 246) {
      values.push(b - 139);
      i += 1;
    } else if (b >= 247 && b <= 250) {
      values.push((b - 247) * 256 + d[i + 1]! + 108);
      i += 2;
    } else if (b >= 251 && b <= 254) {
      values.push(-(b - 251) * 256 - d[i + 1]! - 108);
      i += 2;
    } else throw new Error(`CFF: bad DICT byte ${b}`);
  }
  return out;
}

const OP = { charset: 15, charStrings: 17, private: 18, subrs: 19, fontBBox: 5, fontMatrix: 1207, ros: 1230, cidCount: 1234, fdArray: 1236, fdSelect: 1237, fontName: 1238 } as const;

function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** A growable byte buffer. */
class Bytes {
  buf = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  push(...bytes: number[]): void {
    this.room(bytes.length);
    for (const b of bytes) this.buf[this.length++] = b;
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  card16(v: number): void {
    this.push((v >> 8) & 0xff, v & 0xff);
  }

  /** A DICT integer operand in its fixed five-byte form, so offsets can be filled in after sizes are known. */
  int32(v: number): void {
    this.push(29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }

  op(op: number): void {
    if (op >= 1200) this.push(12, op - 1200);
    else this.push(op);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function writeIndex(out: Bytes, entries: Uint8Array[]): void {
  out.card16(entries.length);
  if (!entries.length) return;
  let total = 1;
  for (const e of entries) total += e.length;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  out.push(offSize);
  let off = 1;
  const writeOff = (v: number) => {
    for (let k = offSize - 1; k >= 0; k--) out.push(Math.floor(v / 256 ** k) & 0xff);
  };
  writeOff(off);
  for (const e of entries) writeOff((off += e.length));
  for (const e of entries) out.append(e);
}

interface FontDict {
  /** The font dict's entries other than Private and FontName (FontMatrix, …), raw. */
  rest: DictEntry[];
  /** The Private DICT's entries other than Subrs, raw. */
  priv: DictEntry[];
  subrs: Index | null;
}

/**
 * One CFF font program (a CID-keyed or plain CFF table), parsed lazily from its bytes.
 * `subset` writes a CID-keyed CFF of the given glyphs in the given order (entry 0 should be glyph 0).
 */
export class CffFont {
  private readonly charStrings: Index;
  private readonly globalSubrs: Index;
  private readonly top: DictEntry[];
  private readonly fds: FontDict[];
  private readonly fdSelect: (gid: number) => number;
  private readonly flat = new Map<number, Uint8Array>();

  constructor(private readonly data: Uint8Array) {
    const hdrSize = data[2]!;
    const names = new Index(data, hdrSize);
    const tops = new Index(data, names.end);
    const strings = new Index(data, tops.end);
    this.globalSubrs = new Index(data, strings.end);
    this.top = parseDict(tops.get(0));
    const entry = (dict: DictEntry[], op: number) => dict.find((e) => e.op === op);
    const cs = entry(this.top, OP.charStrings);
    if (!cs) throw new Error('CFF: no CharStrings');
    this.charStrings = new Index(data, cs.values[0]!);
    const fontDict = (priv: DictEntry | undefined, rest: DictEntry[]): FontDict => {
      if (!priv) return { rest, priv: [], subrs: null };
      const [size, at] = priv.values as [number, number];
      const entries = parseDict(data.subarray(at, at + size));
      const subrs = entries.find((e) => e.op === OP.subrs);
      return { rest, priv: entries.filter((e) => e.op !== OP.subrs), subrs: subrs ? new Index(data, at + subrs.values[0]!) : null };
    };
    const fdArray = entry(this.top, OP.fdArray);
    if (fdArray) {
      const index = new Index(data, fdArray.values[0]!);
      this.fds = Array.from({ length: index.count }, (_, i) => {
        const d = parseDict(index.get(i));
        return fontDict(
          d.find((e) => e.op === OP.private),
          d.filter((e) => e.op !== OP.private && e.op !== OP.fontName),
        );
      });
      const select = data.subarray(entry(this.top, OP.fdSelect)?.values[0] ?? 0);
      this.fdSelect = fdSelector(select, this.charStrings.count);
    } else {
      this.fds = [fontDict(entry(this.top, OP.private), [])];
      this.fdSelect = () => 0;
    }
  }

  get glyphCount(): number {
    return this.charStrings.count;
  }

  /** The glyph's charstring with every subroutine call inlined (cached). */
  charString(gid: number): Uint8Array {
    let cs = this.flat.get(gid);
    if (!cs) {
      const out = new Bytes();
      const fd = this.fds[this.fdSelect(gid)];
      if (!fd) throw new Error(`CFF: glyph ${gid} has no font dict`);
      inline(this.charStrings.get(gid), fd.subrs, this.globalSubrs, out, { stems: 0, stack: 0, hinted: false, ended: false }, 0);
      cs = out.bytes();
      this.flat.set(gid, cs);
    }
    return cs;
  }

  /** A CID-keyed CFF named `name` holding `gids` as CIDs 0…n-1. */
  subset(gids: readonly number[], name: string): Uint8Array {
    const n = gids.length;
    const fdMap = new Map<number, number>();
    const fdOf = gids.map((g) => {
      const fd = this.fdSelect(g);
      let k = fdMap.get(fd);
      if (k === undefined) fdMap.set(fd, (k = fdMap.size));
      return k;
    });
    const usedFds = [...fdMap.keys()].map((fd) => this.fds[fd]!);
    const charStrings = gids.map((g) => this.charString(g));

    const strings = ['Adobe', 'Identity'].map((s) => Buffer.from(s, 'latin1'));
    const keep = (op: number) => this.top.find((e) => e.op === op);
    const topFixed = (offsets: { charset: number; fdSelect: number; charStrings: number; fdArray: number }) => {
      const t = new Bytes();
      t.push(...rawInt(391), ...rawInt(392), ...rawInt(0));
      t.op(OP.ros);
      for (const op of [OP.fontBBox, OP.fontMatrix]) {
        const e = keep(op);
        if (e) {
          t.append(e.raw);
          t.op(op);
        }
      }
      t.int32(n);
      t.op(OP.cidCount);
      t.int32(offsets.charset);
      t.op(OP.charset);
      // CharStrings before FDSelect: some parsers size FDSelect by the glyph count.
      t.int32(offsets.charStrings);
      t.op(OP.charStrings);
      t.int32(offsets.fdSelect);
      t.op(OP.fdSelect);
      t.int32(offsets.fdArray);
      t.op(OP.fdArray);
      return t.bytes();
    };

    // Sizes first (every offset is a fixed five-byte operand), then the bytes.
    const head = new Bytes();
    head.push(1, 0, 4, 4);
    writeIndex(head, [Buffer.from(name, 'latin1')]);
    const topLength = topFixed({ charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0 }).length;
    const afterTop = head.length + indexLength([topLength]);
    const tail = new Bytes();
    writeIndex(tail, strings);
    writeIndex(tail, []); // no global subrs: every charstring is self-contained
    const charsetAt = afterTop + tail.length;
    if (n > 1) tail.push(2, 0, 1, ((n - 2) >> 8) & 0xff, (n - 2) & 0xff);
    else tail.push(0);
    const fdSelectAt = afterTop + tail.length;
    tail.push(0, ...fdOf);
    const charStringsAt = afterTop + tail.length;
    writeIndex(tail, charStrings);
    const fdArrayAt = afterTop + tail.length;
    const privs = usedFds.map((fd) => {
      const p = new Bytes();
      for (const e of fd.priv) {
        p.append(e.raw);
        p.op(e.op);
      }
      return p.bytes();
    });
    const fdDict = (fd: FontDict, size: number, at: number) => {
      const d = new Bytes();
      for (const e of fd.rest) {
        d.append(e.raw);
        d.op(e.op);
      }
      d.int32(size);
      d.int32(at);
      d.op(OP.private);
      return d.bytes();
    };
    const fdLengths = usedFds.map((fd) => fdDict(fd, 0, 0).length);
    let privAt = fdArrayAt + indexLength(fdLengths);
    const fdDicts = usedFds.map((fd, i) => {
      const d = fdDict(fd, privs[i]!.length, privAt);
      privAt += privs[i]!.length;
      return d;
    });
    writeIndex(tail, fdDicts);
    for (const p of privs) tail.append(p);

    const out = new Bytes();
    out.append(head.bytes());
    writeIndex(out, [topFixed({ charset: charsetAt, fdSelect: fdSelectAt, charStrings: charStringsAt, fdArray: fdArrayAt })]);
    out.append(tail.bytes());
    return out.bytes();
  }
}

function indexLength(lengths: number[]): number {
  if (!lengths.length) return 2;
  const total = lengths.reduce((a, b) => a + b, 1);
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  return 3 + (lengths.length + 1) * offSize + total - 1;
}

/** A small DICT integer operand. */
function rawInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  const b = new Bytes();
  b.int32(v);
  return [...b.bytes()];
}

function fdSelector(d: Uint8Array, glyphs: number): (gid: number) => number {
  if (d[0] === 0) return (gid) => d[1 + gid] ?? 0;
  if (d[0] === 3) {
    const n = (d[1]! << 8) | d[2]!;
    const firsts = new Uint32Array(n + 1);
    const fds = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      firsts[i] = (d[3 + i * 3]! << 8) | d[4 + i * 3]!;
      fds[i] = d[5 + i * 3]!;
    }
    firsts[n] = (d[3 + n * 3]! << 8) | d[4 + n * 3]!;
    return (gid) => {
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (firsts[mid]! <= gid) lo = mid;
        else hi = mid - 1;
      }
      return fds[lo]!;
    };
  }
  throw new Error(`CFF: FDSelect format ${d[0]} (${glyphs} glyphs) not supported`);
}

interface InlineState {
  /** Stem hints declared so far (hintmask and cntrmask carry one bit per stem). */
  stems: number;
  /** Operands on the argument stack since the last operator. */
  stack: number;
  /** A hintmask or cntrmask has been seen (stems before it may be implicit vstems). */
  hinted: boolean;
  ended: boolean;
}

/**
 * Copies a Type 2 charstring to `out`, replacing each `n callsubr` / `n callgsubr` by the body of
 * that subroutine (without its `return`). The operand count is followed across calls so the
 * hintmask bytes (their length depends on the stems declared) are copied whole.
 */
function inline(cs: Uint8Array, local: Index | null, global: Index, out: Bytes, st: InlineState, depth: number): void {
  if (depth > 10) throw new Error('CFF: subroutines nested too deep');
  let lastOperandAt = -1;
  let lastValue = 0;
  for (let i = 0; i < cs.length && !st.ended; ) {
    const b = cs[i]!;
    if (b >= 32 || b === 28) {
      const len = b === 28 ? 3 : b <= 246 ? 1 : b <= 254 ? 2 : 5;
      lastOperandAt = out.length;
      lastValue =
        b === 28 ? ((cs[i + 1]! << 24) | (cs[i + 2]! << 16)) >> 16 : b <= 246 ? b - 139 : b <= 250 ? (b - 247) * 256 + cs[i + 1]! + 108 : b <= 254 ? -(b - 251) * 256 - cs[i + 1]! - 108 : NaN;
      out.append(cs.subarray(i, i + len));
      st.stack++;
      i += len;
      continue;
    }
    if (b === 10 || b === 29) {
      const subrs = b === 10 ? local : global;
      if (!subrs || lastOperandAt < 0 || Number.isNaN(lastValue)) throw new Error('CFF: subroutine call without its number');
      out.length = lastOperandAt;
      st.stack--;
      lastOperandAt = -1;
      inline(subrs.get(lastValue + subrBias(subrs.count)), local, global, out, st, depth + 1);
      i += 1;
      continue;
    }
    lastOperandAt = -1;
    if (b === 11) return; // return
    if (b === 1 || b === 3 || b === 18 || b === 23) {
      st.stems += st.stack >> 1;
      st.stack = 0;
      out.push(b);
      i += 1;
    } else if (b === 19 || b === 20) {
      if (!st.hinted) st.stems += st.stack >> 1;
      st.hinted = true;
      st.stack = 0;
      const maskLength = (st.stems + 7) >> 3;
      out.append(cs.subarray(i, i + 1 + maskLength));
      i += 1 + maskLength;
    } else if (b === 12) {
      out.append(cs.subarray(i, i + 2));
      st.stack = 0;
      i += 2;
    } else {
      out.push(b);
      st.stack = 0;
      if (b === 14) st.ended = true; // endchar
      i += 1;
    }
  }
}
