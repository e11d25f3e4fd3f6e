/**
 * A small reader of an ONNX file's initializers (the weights), in pure TypeScript: just enough
 * protobuf to find `ModelProto.graph.initializer` and each tensor's name, type, dims and raw bytes.
 * The level "teach" reads the output layer (the tied token embedding) and the final LayerNorm with
 * it, so it can train a small change on top of the frozen model. NF4-stored matrices (see
 * training/export.py: `<name>_nf4` two 4-bit codes a byte, low code first, `<name>_scale16` an fp16
 * scale per row, `<name>_shape`) are decoded to fp32 here exactly as the graph does.
 */

/** ONNX TensorProto data types used here. */
const FLOAT = 1;
const UINT8 = 2;
const INT64 = 7;
const FLOAT16 = 10;

export interface RawTensor {
  readonly name: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  /** The tensor's bytes (raw_data, or float_data packed as little-endian float32). */
  readonly bytes: Uint8Array;
}

/** The sixteen NF4 levels (training/export.py's `NF4`). */
export const NF4_LEVELS = Float32Array.from([
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
  -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
  0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
]);

class Reader {
  at = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}
  get done(): boolean {
    return this.at >= this.end;
  }
  varint(): number {
    let out = 0;
    let mul = 1;
    for (;;) {
      if (this.at >= this.end) throw new Error('onnx: truncated varint');
      const b = this.buf[this.at++] as number;
      out += (b & 0x7f) * mul;
      if (b < 0x80) return out;
      mul *= 128;
    }
  }
  /** Skips a field of wire type `wire`, or returns its bytes when length-delimited. */
  field(wire: number): Uint8Array | null {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 5) this.at += 4;
    else if (wire === 2) {
      const n = this.varint();
      const out = this.buf.subarray(this.at, this.at + n);
      this.at += n;
      if (this.at > this.end) throw new Error('onnx: truncated field');
      return out;
    } else throw new Error(`onnx: wire type ${wire}`);
    return null;
  }
}

/** A field of a protobuf message: its number, where it lies (whole) and, length-delimited, its contents. */
export interface Span {
  readonly field: number;
  readonly start: number;
  readonly end: number;
  readonly body: Uint8Array | null;
}

/** Every field of a message, in order. */
export function spans(buf: Uint8Array): Span[] {
  const r = new Reader(buf);
  const out: Span[] = [];
  while (!r.done) {
    const start = r.at;
    const key = r.varint();
    const body = r.field(key & 7);
    out.push({ field: key >>> 3, start, end: r.at, body });
  }
  return out;
}

/** Each length-delimited field `want` of a message, in order. */
function messages(buf: Uint8Array, want: number): Uint8Array[] {
  return spans(buf).flatMap((s) => (s.field === want && s.body ? [s.body] : []));
}

function tensor(buf: Uint8Array): RawTensor {
  const r = new Reader(buf);
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let raw: Uint8Array | null = null;
  const floats: number[] = [];
  const ints: number[] = [];
  while (!r.done) {
    const key = r.varint();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === 0) dims.push(r.varint());
    else if ((field === 1 || field === 7) && wire === 2) {
      const p = new Reader(r.field(2) as Uint8Array);
      while (!p.done) (field === 1 ? dims : ints).push(p.varint());
    } else if (field === 7 && wire === 0) ints.push(r.varint());
    else if (field === 2 && wire === 0) dataType = r.varint();
    else if (field === 4 && wire === 2) {
      const b = r.field(2) as Uint8Array;
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      for (let i = 0; i + 4 <= b.length; i += 4) floats.push(v.getFloat32(i, true));
    } else if (field === 8 && wire === 2) name = new TextDecoder().decode(r.field(2) as Uint8Array);
    else if (field === 9 && wire === 2) raw = r.field(2);
    else r.field(wire);
  }
  let bytes = raw ?? new Uint8Array(0);
  if (!raw && floats.length) bytes = new Uint8Array(Float32Array.from(floats).buffer);
  if (!raw && ints.length && dataType === INT64) {
    const b = new BigInt64Array(ints.map((i) => BigInt(i)));
    bytes = new Uint8Array(b.buffer);
  }
  return { name, dataType, dims, bytes };
}

/** Every initializer of an ONNX model file, by name. */
export function readInitializers(model: Uint8Array): Map<string, RawTensor> {
  const out = new Map<string, RawTensor>();
  for (const graph of messages(model, 7))
    for (const init of messages(graph, 5)) {
      const t = tensor(init);
      out.set(t.name, t);
    }
  return out;
}

/** An IEEE half float (its 16 bits) as a number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function need(inits: ReadonlyMap<string, RawTensor>, name: string, type: number): RawTensor {
  const t = inits.get(name);
  if (!t) throw new Error(`onnx: no initializer ${name}`);
  if (t.dataType !== type) throw new Error(`onnx: ${name} has type ${t.dataType}, not ${type}`);
  return t;
}

/** An fp32 initializer as a Float32Array (a copy). */
export function floatTensor(inits: ReadonlyMap<string, RawTensor>, name: string): Float32Array {
  const t = need(inits, name, FLOAT);
  const out = new Float32Array(t.bytes.length / 4);
  const v = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = v.getFloat32(4 * i, true);
  return out;
}

/** A matrix stored as NF4 by training/export.py, decoded to fp32: [rows, cols] row by row. */
export function nf4Matrix(
  inits: ReadonlyMap<string, RawTensor>,
  name: string,
): { rows: number; cols: number; data: Float32Array } {
  const codes = need(inits, `${name}_nf4`, UINT8).bytes;
  const scales = need(inits, `${name}_scale16`, FLOAT16).bytes;
  const shape = need(inits, `${name}_shape`, INT64).bytes;
  const sv = new DataView(shape.buffer, shape.byteOffset, shape.byteLength);
  const rows = Number(sv.getBigInt64(0, true));
  const cols = Number(sv.getBigInt64(8, true));
  if (codes.length * 2 !== rows * cols || scales.length !== rows * 2)
    throw new Error(`onnx: ${name} does not fit its shape ${rows}×${cols}`);
  const hv = new DataView(scales.buffer, scales.byteOffset, scales.byteLength);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    // A row's scale once (an fp16 value is exact in fp32): a level times it is the graph's fp32 product.
    const s = halfToFloat(hv.getUint16(2 * r, true));
    for (let i = r * cols, end = i + cols; i < end; i++) {
      const byte = codes[i >> 1] as number;
      // + 0: a level 0 times a scale is +0, as the graph gives it.
      data[i] = (NF4_LEVELS[i & 1 ? byte >> 4 : byte & 15] as number) * s + 0;
    }
  }
  return { rows, cols, data };
}

/** What the teach level needs of a language model: its output layer and final LayerNorm. */
export interface OutputLayer {
  readonly vocab: number;
  readonly dModel: number;
  /** The output projection [vocab, dModel] (the tied token embedding). */
  readonly weight: Float32Array;
  /** The output bias [vocab] (zeros: the model has none). */
  readonly bias: Float32Array;
  readonly lnGamma: Float32Array;
  readonly lnBeta: Float32Array;
  readonly lnEps: number;
}

/** Reads the output layer of a model exported by training/export.py (TinyLM: tied, no bias). */
export function readOutputLayer(model: Uint8Array): OutputLayer {
  const inits = readInitializers(model);
  // The file as shipped (NF4), or as the worker unfolds it (src/lm/onnxUnfold.ts: plain fp32).
  const plain = inits.get('model.tok.weight');
  const w =
    plain && plain.dataType === FLOAT && plain.dims.length === 2
      ? {
          rows: plain.dims[0] as number,
          cols: plain.dims[1] as number,
          data: floatTensor(inits, 'model.tok.weight'),
        }
      : nf4Matrix(inits, 'model.tok.weight');
  const lnGamma = floatTensor(inits, 'model.ln.weight');
  const lnBeta = floatTensor(inits, 'model.ln.bias');
  if (lnGamma.length !== w.cols || lnBeta.length !== w.cols)
    throw new Error('onnx: the final LayerNorm does not fit the embedding');
  return {
    vocab: w.rows,
    dModel: w.cols,
    weight: w.data,
    bias: new Float32Array(w.rows),
    lnGamma,
    lnBeta,
    lnEps: 1e-5,
  };
}
