/**
 * Painting an automaton's cells into RGBA pixels (no engine: `npm run bench` times it in Node).
 * Each pixel shows a k × k block of cells: with k = 1 a cell a pixel, black or white; with more,
 * the block's share of black cells as a grey (a little darker), so a picture of 1,000 steps shrunk onto a phone
 * keeps its look instead of flickering. Rows not worked out yet are a pale hatch.
 */

/** What a level drew last, and how long it took: for `npm run bench`, the tests and the notes. */
export interface DrawStats {
  rule: number;
  steps: number;
  width: number;
  cellsPerPixel: number;
  /** Milliseconds spent working out and painting rows (all frames together). */
  workMs: number;
  /** Milliseconds from the request to the whole picture on its texture. */
  wallMs: number;
  frames: number;
  /** The longest single frame's work. */
  longestFrameMs: number;
}

/** The colours, as 0xRRGGBB: black cells in the game's ink, white cells white, the hatch of unknown rows. */
export const CELL_COLOURS = { black: 0x1b2a3a, white: 0xffffff, hatch: 0xc9d1da, unknown: 0xeef1f4 } as const;

/** 0xRRGGBB as a pixel of a Uint32Array over RGBA bytes (little-endian: 0xAABBGGRR). */
function pixel(rgb: number): number {
  return (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
}

const palettes = new Map<number, Uint32Array>();

/** The pixel of each count of black cells in a k × k block (made once for each k). */
function greys(k: number): Uint32Array {
  const made = palettes.get(k);
  if (made) return made;
  const n = k * k;
  const b = CELL_COLOURS.black;
  const palette = Uint32Array.from({ length: n + 1 }, (_, black) => {
    // Shrunk pictures a little darker than the plain share, so the white triangles stand out.
    const f = k === 1 ? black / n : Math.sqrt(black / n);
    const ch = (s: number) => Math.round(255 + (((b >> s) & 0xff) - 255) * f) << s;
    return pixel(ch(16) | ch(8) | ch(0));
  });
  palettes.set(k, palette);
  return palette;
}

/** The size in pixels of a picture of `width` × `rows` cells at k × k cells a pixel. */
export function pictureSize(width: number, rows: number, k: number): { w: number; h: number } {
  return { w: Math.ceil(width / k), h: Math.ceil(rows / k) };
}

/** The cells a pixel must hold so that a picture of width × rows cells fits w × h screen pixels (at least 1). */
export function cellsPerPixel(width: number, rows: number, w: number, h: number): number {
  if (w <= 0 || h <= 0) return 1;
  return Math.max(1, Math.ceil(Math.max(width / w, rows / h) - 1e-9));
}

/**
 * Paints the pixel rows that show cell rows [from, to) of `cells` (`width` cells a row, `rows`
 * rows in all, rows 0 … `known` worked out) into `out` (pictureSize's width a row). Returns the
 * pixel rows painted, [top, bottom).
 */
export function paintCells(
  cells: Uint8Array,
  width: number,
  rows: number,
  known: number,
  k: number,
  out: Uint32Array,
  from: number,
  to: number,
): { top: number; bottom: number } {
  const { w, h } = pictureSize(width, rows, k);
  const top = Math.max(0, Math.floor(from / k));
  const bottom = Math.min(h, Math.ceil(Math.min(to, rows) / k));
  const palette = greys(k);
  const hatch = pixel(CELL_COLOURS.hatch);
  const unknown = pixel(CELL_COLOURS.unknown);
  const counts = new Uint16Array(w);
  for (let py = top; py < bottom; py++) {
    const r0 = py * k;
    const r1 = Math.min(rows, r0 + k, known + 1);
    const line = py * w;
    if (r1 <= r0) {
      // Not worked out yet: a diagonal hatch.
      for (let px = 0; px < w; px++) out[line + px] = (px + py) % 6 === 0 ? hatch : unknown;
      continue;
    }
    if (k === 1) {
      const row = r0 * width;
      const black = palette[1] as number;
      const white = palette[0] as number;
      for (let px = 0; px < w; px++) out[line + px] = cells[row + px] ? black : white;
      continue;
    }
    counts.fill(0);
    for (let r = r0; r < r1; r++) {
      const row = r * width;
      let i = 0;
      for (let px = 0; px < w; px++) {
        let c = counts[px] as number;
        for (const end = Math.min(width, i + k); i < end; i++) c += cells[row + i] as number;
        counts[px] = c;
      }
    }
    // A block cut short (the last rows or columns, or rows still to come) counts as if full: its share scaled.
    const full = k * k;
    for (let px = 0; px < w; px++) {
      const cols = Math.min(k, width - px * k);
      const have = cols * (r1 - r0);
      const c = counts[px] as number;
      out[line + px] = palette[have === full ? c : Math.round((c * full) / have)] as number;
    }
  }
  return { top, bottom };
}
