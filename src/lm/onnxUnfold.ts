/**
 * The language models ship their big matrices as NF4 (two 4-bit codes a byte and an fp16 scale
 * per row) and their biases as fp16, each with the few graph nodes that rebuild the fp32 weight
 * (training/export.py). onnxruntime rebuilds them by constant folding when a session starts: most
 * of a cold session's time. `unfoldWeights` does that work once, in TypeScript, before the session:
 * the very fp32 weights the graph computes become plain initializers and the nodes that made them
 * are dropped. The graph the session optimises is then the model alone.
 */
import { halfToFloat, nf4Matrix, readInitializers, spans, type RawTensor } from './onnxWeights';

const FLOAT = 1;
const FLOAT16 = 10;

const text = (b: Uint8Array | null): string => (b ? new TextDecoder().decode(b) : '');

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A length-delimited field `field` holding `body`. */
const delimited = (field: number, body: Uint8Array): Uint8Array =>
  concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(body.length)]), body]);

/** An fp32 TensorProto: dims (1), data_type (2), name (8), raw_data (9). */
function floatTensorProto(name: string, dims: readonly number[], data: Float32Array): Uint8Array {
  const head = Uint8Array.from([...dims.flatMap((d) => [0x08, ...varint(d)]), 0x10, FLOAT]);
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return concat([head, delimited(8, new TextEncoder().encode(name)), delimited(9, raw)]);
}

function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c] as number;
  return out;
}

function halves(t: RawTensor): Float32Array {
  const v = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  return Float32Array.from({ length: t.bytes.length / 2 }, (_, i) => halfToFloat(v.getUint16(2 * i, true)));
}

/** The nodes training/export.py makes to rebuild the NF4 matrix `name`, by node name. */
const NF4_STEPS = ['bytes', 'low', 'high', 'low1', 'high1', 'pairs', 'levels', 'scale', 'rows'];
const NF4_SHARED = new Set(['nf4_low', 'nf4_high', 'nf4_last']);

/**
 * The model with its NF4 matrices, fp16 biases and tied transposed embedding as fp32
 * initializers, and the nodes that rebuilt them gone. A model without them comes back as it is.
 */
export function unfoldWeights(model: Uint8Array): Uint8Array {
  const top = spans(model);
  const graphSpan = top.find((s) => s.field === 7 && s.body);
  if (!graphSpan?.body) throw new Error('onnx: no graph');
  const inits = readInitializers(model);
  const made = new Map<string, { dims: number[]; data: Float32Array }>();
  const dropInits = new Set<string>();
  const dropNodes = new Set<string>();
  for (const name of inits.keys()) {
    if (name.endsWith('_nf4')) {
      const base = name.slice(0, -'_nf4'.length);
      const m = nf4Matrix(inits, base);
      made.set(
        base,
        base.endsWith('.T')
          ? { dims: [m.cols, m.rows], data: transpose(m.data, m.rows, m.cols) }
          : { dims: [m.rows, m.cols], data: m.data },
      );
      for (const part of ['nf4', 'scale16', 'shape']) dropInits.add(`${base}_${part}`);
      for (const step of NF4_STEPS) dropNodes.add(`${step}_${base}`);
      dropNodes.add(`nf4_${base}`).add(`transpose_${base}`);
    } else if (name.endsWith('_fp16')) {
      const t = inits.get(name) as RawTensor;
      if (t.dataType !== FLOAT16) continue;
      const base = name.slice(0, -'_fp16'.length);
      made.set(base, { dims: [...t.dims], data: halves(t) });
      dropInits.add(name);
      dropNodes.add(`cast_${base}`);
    }
  }
  if (made.size === 0) return model;
  for (const name of NF4_SHARED) dropInits.add(name);
  // Each node's (field 1: name is its field 3) and initializer's (field 5: name is its field 8) name.
  const body = graphSpan.body;
  const graph = spans(body).map((s) => {
    const nameField = s.field === 1 ? 3 : s.field === 5 ? 8 : 0;
    const name =
      nameField && s.body ? text(spans(s.body).find((f) => f.field === nameField)?.body ?? null) : '';
    return { ...s, name };
  });
  // A tied weight's transposed copy (`tied_<name>.T`), from the matrix just made.
  for (const s of graph) {
    const tied = s.field === 1 && s.name.startsWith('tied_') ? s.name.slice('tied_'.length) : null;
    const source = tied?.endsWith('.T') ? made.get(tied.slice(0, -2)) : undefined;
    if (tied && source?.dims.length === 2) {
      const [rows, cols] = source.dims as [number, number];
      made.set(tied, { dims: [cols, rows], data: transpose(source.data, rows, cols) });
      dropNodes.add(s.name);
    }
  }
  const isNode = (s: (typeof graph)[number]): boolean => s.field === 1 && dropNodes.has(s.name);
  const dropped = graph.filter(isNode).length;
  const kept = graph
    .filter((s) => !isNode(s) && !(s.field === 5 && dropInits.has(s.name)))
    .map((s) => body.subarray(s.start, s.end));
  if (dropped === 0) throw new Error('onnx: no weight-rebuilding nodes found');
  for (const [name, t] of made) kept.push(delimited(5, floatTensorProto(name, t.dims, t.data)));
  const newGraph = concat(kept);
  const parts: Uint8Array[] = [];
  for (const s of top) parts.push(s === graphSpan ? delimited(7, newGraph) : model.subarray(s.start, s.end));
  return concat(parts);
}

/** A varint field `field` holding `n`. */
const varintField = (field: number, n: number): Uint8Array =>
  Uint8Array.from([...varint(field << 3), ...varint(n)]);
const str = (field: number, s: string): Uint8Array => delimited(field, new TextEncoder().encode(s));

/**
 * The smallest model there is: y = Identity(x), one float. A session of it starts onnxruntime's
 * WebAssembly runtime (its download and compilation, most of a cold load) while the real model's
 * bytes are still on their way.
 */
export function identityModel(): Uint8Array {
  const oneFloat = delimited(
    2,
    delimited(1, concat([varintField(1, FLOAT), delimited(2, delimited(1, varintField(1, 1)))])),
  );
  const graph = concat([
    delimited(1, concat([str(1, 'x'), str(2, 'y'), str(3, 'identity'), str(4, 'Identity')])),
    str(2, 'warm-up'),
    delimited(11, concat([str(1, 'x'), oneFloat])),
    delimited(12, concat([str(1, 'y'), oneFloat])),
  ]);
  return concat([
    varintField(1, 8),
    delimited(7, graph),
    delimited(8, concat([str(1, ''), varintField(2, 17)])),
  ]);
}
