import Phaser from 'phaser';
import type { Automaton } from '../src/lessons/rule30';
import { cellsPerPixel, paintCells, pictureSize } from './cellPaint';

/**
 * An automaton's picture: one canvas texture, painted into pixel by pixel (never an object per
 * cell), a cell a pixel or, when the picture is shrunk, a k × k block of cells a pixel. `paint`
 * paints the rows worked out since the last call (and only those pixels go to the canvas).
 */
export class CellPicture {
  readonly image: Phaser.GameObjects.Image;
  private texture: Phaser.Textures.CanvasTexture | null = null;
  private pixels: ImageData | null = null;
  private words: Uint32Array | null = null;
  private auto: Automaton | null = null;
  private k = 1;
  /** The last row painted as worked out (−1: none yet). */
  private painted = -1;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly key: string,
  ) {
    this.image = scene.add.image(0, 0, '__DEFAULT').setOrigin(0, 0).setVisible(false);
  }

  get automaton(): Automaton | null {
    return this.auto;
  }

  /**
   * Shows `auto` at k × k cells a pixel, fitting a box of w × h screen pixels: a new texture when
   * the picture's size in pixels changes, and everything worked out so far painted again.
   */
  show(auto: Automaton, w: number, h: number): void {
    const k = cellsPerPixel(auto.width, auto.steps + 1, w, h);
    if (auto === this.auto && k === this.k) return;
    this.auto = auto;
    this.k = k;
    const size = pictureSize(auto.width, auto.steps + 1, k);
    if (!this.texture || this.texture.width !== size.w || this.texture.height !== size.h) {
      if (this.scene.textures.exists(this.key)) this.scene.textures.remove(this.key);
      const texture = this.scene.textures.createCanvas(this.key, size.w, size.h);
      if (!texture) throw new Error(`could not make the canvas texture ${this.key}`);
      texture.setFilter(Phaser.Textures.FilterMode.NEAREST);
      this.texture = texture;
      this.pixels = texture.getContext().createImageData(size.w, size.h);
      this.words = new Uint32Array(this.pixels.data.buffer);
      this.image.setTexture(this.key);
    }
    this.painted = -1;
    this.paintRows(0, auto.steps + 1);
  }

  /** Paints the rows worked out since the last paint. */
  paint(): void {
    const a = this.auto;
    if (!a || a.row <= this.painted) return;
    this.paintRows(this.painted + 1, a.row + 1);
  }

  private paintRows(from: number, to: number): void {
    const a = this.auto;
    const texture = this.texture;
    const pixels = this.pixels;
    const words = this.words;
    if (!a || !texture || !pixels || !words) return;
    const { top, bottom } = paintCells(a.cells, a.width, a.steps + 1, a.row, this.k, words, from, to);
    this.painted = a.row;
    if (bottom > top) texture.putData(pixels, 0, 0, 0, top, pixels.width, bottom - top).refresh();
  }

  /** Cells a pixel of the texture. */
  get cellsPerPixel(): number {
    return this.k;
  }

  place(x: number, y: number, w: number, h: number): void {
    this.image.setPosition(x, y).setDisplaySize(Math.max(1, w), Math.max(1, h));
    this.image.setVisible(w > 0 && h > 0 && this.auto !== null);
  }

  hide(): void {
    this.image.setVisible(false);
  }

  destroy(): void {
    if (this.image.scene) this.image.destroy();
    if (this.scene.textures.exists(this.key)) this.scene.textures.remove(this.key);
    this.texture = null;
    this.auto = null;
  }
}
