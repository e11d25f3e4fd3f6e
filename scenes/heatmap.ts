import type Phaser from 'phaser';

/** 0xRRGGBB between `a` (t = 0) and `b` (t = 1). */
export function mix(a: number, b: number, t: number): number {
  const k = Math.min(1, Math.max(0, t));
  const ch = (s: number): number => {
    const x = (a >> s) & 0xff;
    const y = (b >> s) & 0xff;
    return Math.round(x + (y - x) * k) << s;
  };
  return ch(16) | ch(8) | ch(0);
}

/**
 * A picture of a function over a square, painted pixel by pixel into a small canvas texture and
 * shown stretched (smoothly) over a rectangle: `size` × `size` spots (the neuron's ground 64, the
 * loss landscape 128). Painting them takes well under a millisecond for the functions the levels draw.
 */
export class Heatmap {
  readonly image: Phaser.GameObjects.Image;
  private readonly texture: Phaser.Textures.CanvasTexture;
  private readonly pixels: ImageData;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly key: string,
    readonly size: number,
  ) {
    if (scene.textures.exists(key)) scene.textures.remove(key);
    const texture = scene.textures.createCanvas(key, size, size);
    if (!texture) throw new Error(`could not make the canvas texture ${key}`);
    this.texture = texture;
    this.pixels = texture.getContext().createImageData(size, size);
    this.image = scene.add.image(0, 0, key).setOrigin(0, 0);
  }

  /** Paints `colour(u, v)` for u left → right and v bottom → top, both from 0 to 1 (spot centres). */
  paint(colour: (u: number, v: number) => number): void {
    const n = this.size;
    const d = this.pixels.data;
    for (let y = 0; y < n; y++) {
      const v = 1 - (y + 0.5) / n;
      for (let x = 0; x < n; x++) {
        const c = colour((x + 0.5) / n, v);
        const i = 4 * (y * n + x);
        d[i] = (c >> 16) & 0xff;
        d[i + 1] = (c >> 8) & 0xff;
        d[i + 2] = c & 0xff;
        d[i + 3] = 255;
      }
    }
    this.texture.putData(this.pixels, 0, 0);
    this.texture.refresh();
  }

  place(r: Phaser.Geom.Rectangle): void {
    this.image.setPosition(r.x, r.y).setDisplaySize(Math.max(1, r.width), Math.max(1, r.height));
    this.image.setVisible(r.width > 0 && r.height > 0);
  }

  destroy(): void {
    if (this.image.scene) this.image.destroy();
    if (this.scene.textures.exists(this.key)) this.scene.textures.remove(this.key);
  }
}
