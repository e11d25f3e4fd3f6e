import type Phaser from 'phaser';
import { Colors, FONT_STACK } from './keys';
import { drawStar } from './draw';

/** One bar: a word and its chance. The player's pick is marked by outline and tag, not colour alone. */
export interface ChartBar {
  readonly label: string;
  /** Its share of the longest bar's length: any positive scale, drawn relative to the largest. */
  readonly value: number;
  /** What is printed after the bar (a percentage). */
  readonly text: string;
  readonly picked?: boolean;
  readonly favourite?: boolean;
}

export interface ChartOptions {
  /** 0..1: how far the bars have grown (for the reveal animation). */
  readonly grow?: number;
  /** Hidden bars: grey outlines and "?" for labels, before the reveal. */
  readonly hidden?: boolean;
  /** The tag after the pick's bar ("your pick"). */
  readonly pickTag?: string;
  /** The most a row may be tall (px; 52 unless given): rows shrink to fit many bars into the area. */
  readonly maxRow?: number;
}

/** Hides the labels a draw did not use (all of them when there is nothing to draw). */
function hideLabels(labels: readonly Phaser.GameObjects.Text[]): void {
  for (const l of labels) l.setVisible(false);
}

/**
 * Draws horizontal bars into `area` with `g` (cleared first). The text objects in `labels` are
 * reused from one draw to the next, so redrawing on every frame of a drag stays cheap.
 */
export function drawBarChart(
  scene: Phaser.Scene,
  g: Phaser.GameObjects.Graphics,
  labels: Phaser.GameObjects.Text[],
  area: Phaser.Geom.Rectangle,
  bars: readonly ChartBar[],
  opts: ChartOptions = {},
): void {
  g.clear();
  let used = 0;
  try {
    if (area.width >= 40 && area.height >= 40 && bars.length > 0)
      used = draw(scene, g, labels, area, bars, opts);
  } finally {
    hideLabels(labels.slice(used));
  }
}

function draw(
  scene: Phaser.Scene,
  g: Phaser.GameObjects.Graphics,
  labels: Phaser.GameObjects.Text[],
  area: Phaser.Geom.Rectangle,
  bars: readonly ChartBar[],
  opts: ChartOptions,
): number {
  let used = 0;
  const grow = opts.grow ?? 1;
  const rowH = Math.min(opts.maxRow ?? 52, area.height / bars.length);
  const fontSize = Math.round(Math.max(13, Math.min(22, rowH * 0.5)));
  const narrow = area.width < 560;
  const maxV = Math.max(...bars.map((b) => b.value), 1e-9);
  const text = (x: number, y: number, s: string, bold = false): Phaser.GameObjects.Text => {
    let label = labels[used];
    if (!label) {
      label = scene.add.text(0, 0, '', {
        fontFamily: FONT_STACK,
        color: '#1b2a3a',
        resolution: window.devicePixelRatio || 1,
      });
      labels.push(label);
    }
    used++;
    if (label.style.fontSize !== `${fontSize}px`) label.setFontSize(fontSize);
    const weight = bold ? 'bold' : 'normal';
    if (label.style.fontStyle !== weight) label.setFontStyle(weight);
    if (label.text !== s) label.setText(s);
    return label.setPosition(x, y).setScale(1).setVisible(true);
  };
  // The labels first: the widest sets where the bars start, so a long one ("end of the sentence .")
  // has room, up to 45 % of the area; one longer still is drawn smaller to fit.
  const names = bars.map((b) => text(0, 0, opts.hidden ? '?' : b.label, b.picked).setOrigin(1, 0.5));
  const widest = Math.max(...names.map((l) => l.width));
  const labelW = Math.min(Math.max(Math.min(area.width * 0.3, 150), widest), area.width * 0.45);
  const barX = area.x + labelW + 12;
  const maxW = Math.max(40, area.width - labelW - 12 - (narrow ? 110 : 250));
  bars.forEach((b, i) => {
    const y = area.y + i * rowH + rowH / 2;
    const h = rowH * 0.62;
    const name = (names[i] as Phaser.GameObjects.Text).setPosition(barX - 10, y);
    if (name.width > labelW) name.setScale(labelW / name.width);
    if (opts.hidden) {
      g.lineStyle(2, Colors.grey, 1);
      g.strokeRoundedRect(barX, y - h / 2, maxW * 0.15, h, 6);
      return;
    }
    const w = Math.max(4, (maxW * b.value * grow) / maxV);
    g.fillStyle(b.picked ? Colors.orange : Colors.blue, 1);
    const radius = Math.min(6, h / 2, w / 2);
    g.fillRoundedRect(barX, y - h / 2, w, h, radius);
    if (b.picked) {
      g.lineStyle(4, Colors.ink, 1);
      g.strokeRoundedRect(barX, y - h / 2, w, h, radius);
    }
    let x = barX + w + 10;
    if (b.favourite) {
      drawStar(g, x + fontSize * 0.45, y, fontSize * 0.5, Colors.yellow);
      x += fontSize * 1.1;
    }
    const pct = text(x, y, b.text, true).setOrigin(0, 0.5);
    if (b.picked && opts.pickTag)
      text(pct.x + pct.width + 6, y, narrow ? '◀' : `← ${opts.pickTag}`).setOrigin(0, 0.5);
  });
  return used;
}
