import type Phaser from 'phaser';
import { Colors } from './keys';
import { drawCheck } from './draw';
import type { Animal } from '../src/lessons/neuron';

/** The square of the plane inside `r`, with room around it, and where a spot (0–1, 0–1) lands in it. */
export function planeSquare(r: Phaser.Geom.Rectangle, pad = 12): Phaser.Geom.Rectangle {
  const side = Math.max(0, Math.min(r.width, r.height) - 2 * pad);
  return {
    x: r.x + (r.width - side) / 2,
    y: r.y + (r.height - side) / 2,
    width: side,
    height: side,
  } as Phaser.Geom.Rectangle;
}

export function toScreen(sq: Phaser.Geom.Rectangle, ears: number, tail: number): { x: number; y: number } {
  return { x: sq.x + ears * sq.width, y: sq.y + (1 - tail) * sq.height };
}

/**
 * The neuron's dividing line w1·ears + w2·tail + b = 0, clipped to the square (nothing when the
 * line misses it or the weights are both zero).
 */
export function drawLine(
  g: Phaser.GameObjects.Graphics,
  sq: Phaser.Geom.Rectangle,
  w1: number,
  w2: number,
  b: number,
): void {
  const pts: { x: number; y: number }[] = [];
  const edge = (x: number, y: number): void => {
    if (x >= -1e-9 && x <= 1 + 1e-9 && y >= -1e-9 && y <= 1 + 1e-9) pts.push({ x, y });
  };
  if (w2 !== 0) {
    edge(0, -b / w2);
    edge(1, -(b + w1) / w2);
  }
  if (w1 !== 0) {
    edge(-b / w1, 0);
    edge(-(b + w2) / w1, 1);
  }
  if (pts.length < 2) return;
  const [p, q] = [pts[0] as { x: number; y: number }, pts[pts.length - 1] as { x: number; y: number }];
  const a = toScreen(sq, p.x, p.y);
  const c = toScreen(sq, q.x, q.y);
  g.lineStyle(4, Colors.ink, 1);
  g.lineBetween(a.x, a.y, c.x, c.y);
}

/**
 * The animals: rabbits as blue circles with two ears, cats as orange triangles (shape, not colour
 * alone, says which). With `right`, each gets a green tick or a black cross.
 */
export function drawAnimals(
  g: Phaser.GameObjects.Graphics,
  sq: Phaser.Geom.Rectangle,
  animals: readonly Animal[],
  right: readonly boolean[] | null,
): void {
  const s = Math.max(7, sq.width / 28);
  animals.forEach((a, i) => {
    const { x, y } = toScreen(sq, a.ears, a.tail);
    g.lineStyle(2, Colors.ink, 1);
    if (a.rabbit === 1) {
      g.fillStyle(Colors.blue, 1);
      g.fillEllipse(x - s * 0.35, y - s * 1.1, s * 0.45, s * 1.2);
      g.fillEllipse(x + s * 0.35, y - s * 1.1, s * 0.45, s * 1.2);
      g.fillCircle(x, y, s * 0.75);
      g.strokeCircle(x, y, s * 0.75);
    } else {
      g.fillStyle(Colors.orange, 1);
      g.fillTriangle(x - s, y + s * 0.7, x + s, y + s * 0.7, x, y - s);
      g.strokeTriangle(x - s, y + s * 0.7, x + s, y + s * 0.7, x, y - s);
    }
    const ok = right?.[i];
    if (ok === undefined) return;
    const mx = x + s * 1.2;
    const my = y - s * 0.9;
    g.fillStyle(Colors.white, 1);
    g.fillCircle(mx, my, s * 0.65);
    if (ok) drawCheck(g, mx, my, s * 0.5, Colors.green);
    else {
      g.lineStyle(Math.max(3, s * 0.25), Colors.ink, 1);
      g.lineBetween(mx - s * 0.35, my - s * 0.35, mx + s * 0.35, my + s * 0.35);
      g.lineBetween(mx - s * 0.35, my + s * 0.35, mx + s * 0.35, my - s * 0.35);
    }
  });
}
