import type Phaser from 'phaser';

/** Small shapes drawn in code: stars and a check mark. */

/** Points for Graphics' fillPoints and strokePoints, which only read x and y. */
export function asPoints(pts: readonly { x: number; y: number }[]): Phaser.Math.Vector2[] {
  return pts as unknown as Phaser.Math.Vector2[];
}

export function drawStar(
  g: Phaser.GameObjects.Graphics,
  x: number,
  y: number,
  r: number,
  fill: number,
): void {
  const pts: { x: number; y: number }[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    pts.push({ x: x + Math.cos(a) * rr, y: y + Math.sin(a) * rr });
  }
  const points = asPoints(pts);
  g.fillStyle(fill, 1);
  g.fillPoints(points, true);
  g.lineStyle(2, 0x1b2a3a, 1);
  g.strokePoints(points, true);
}

export function drawCheck(
  g: Phaser.GameObjects.Graphics,
  x: number,
  y: number,
  s: number,
  color: number,
): void {
  g.lineStyle(Math.max(4, s * 0.3), color, 1);
  g.beginPath();
  g.moveTo(x - s * 0.7, y);
  g.lineTo(x - s * 0.15, y + s * 0.55);
  g.lineTo(x + s * 0.75, y - s * 0.55);
  g.strokePath();
}
