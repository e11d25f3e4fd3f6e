import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors } from '../keys';
import { knobControl, type KnobControl } from '../knobControl';
import { axes, labBody, labPicture, radioGroup } from '../lab';
import { Heatmap, mix } from '../heatmap';
import { drawAnimals, drawLine, planeSquare, toScreen } from '../animalPlane';
import { asPoints } from '../draw';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/neuron';
import type { Activation, Neuron, NeuronLevel } from '../../src/lessons/neuron';

/** Ground colours: pale orange where the neuron says cat, pale blue where it says rabbit. */
const CAT_GROUND = 0xf6d9a8;
const RABBIT_GROUND = 0xaed3ec;
/**
 * The three parts of the nearest-point picture: the rabbits' part blue and the cats' part orange,
 * as the neuron's ground, the third animal's green. Each part's point is a ◆ (no animal's shape).
 */
const PART_COLOURS = { rabbit: RABBIT_GROUND, cat: CAT_GROUND, third: 0xb5e3cf } as const;
const POINT_COLOURS = { rabbit: Colors.blue, cat: Colors.orange, third: Colors.green } as const;

/** The neuron's output, scaled to 0–1 for the ground's colour. */
function shade(n: Neuron, ears: number, tail: number): number {
  const o = lesson.output(n, ears, tail);
  if (n.activation === 'tanh') return (o + 1) / 2;
  return Math.min(1, o);
}

/** Level "neuron": set w1, w2, b and the activation until the neuron sorts rabbits from cats. */
export class NeuronScene extends LevelScene {
  private state: NeuronLevel = lesson.startLevel();
  private graphics!: Phaser.GameObjects.Graphics;
  private heat!: Heatmap;
  private controls: KnobControl[] = [];
  private painted = '';
  private els!: {
    body: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    score: HTMLElement;
    sortHint: HTMLElement;
    message: HTMLElement;
    legend: HTMLElement;
    hint: HTMLElement;
    acts: HTMLInputElement[];
    nearestText: HTMLElement;
    nearest: HTMLButtonElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super('neuron');
  }

  protected build(): void {
    this.state = lesson.startLevel();
    this.painted = '';
    this.heat = new Heatmap(this, `${this.scene.key}-ground`, 64);
    this.graphics = this.add.graphics();
    const ui = this.ui;
    const knobs = [
      ['w1', 'neuron:w1'],
      ['w2', 'neuron:w2'],
      ['b', 'neuron:b'],
    ] as const;
    this.controls = knobs.map(([id, name]) =>
      knobControl(ui, {
        id: `neuron-${id}`,
        name,
        min: lesson.SLIDER.min,
        max: lesson.SLIDER.max,
        step: lesson.SLIDER.step,
        value: this.state.neuron[id],
        testId: `knob-${id}`,
        onChange: () => this.onTurn(),
      }),
    );
    const { group, inputs: acts } = radioGroup(ui, {
      name: 'activation',
      testPrefix: 'act',
      legend: 'neuron:activation',
      values: lesson.ACTIVATIONS,
      label: (a) => ui.text(h('span', {}), `neuron:act.${a}` as Key),
      checked: this.state.neuron.activation,
      onPick: (a) => this.onActivation(a),
    });
    const { box: plot, summary } = labPicture(ui, 'neuron:plotLabel');
    const score = h('p', { class: 'readout', 'data-testid': 'score' });
    const sortHint = h('p', { class: 'message', 'data-testid': 'sort-hint', 'aria-live': 'polite' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const legend = h('p', { class: 'note', 'data-testid': 'legend' });
    const hint = ui.text(h('p', { class: 'note' }), 'neuron:starsHint');
    const nearestText = ui.text(
      h('p', { class: 'note', 'data-testid': 'nearest-text' }),
      'neuron:nearestText',
    );
    const nearest = ui.button('neuron:nearest', () => this.showNearest(), {
      class: 'btn btn-primary',
      testId: 'nearest',
    });
    const finish = this.finishButton(() => void this.finish());
    const body = labBody(
      [plot, axes(ui, 'neuron:axisY', 'neuron:axisX')],
      [
        ui.text(h('p', { class: 'formula' }), 'neuron:formula'),
        ...this.controls.map((c) => c.row),
        group,
        score,
        sortHint,
        legend,
        hint,
        message,
        nearestText,
        h('div', { class: 'level-actions' }, nearest, finish),
      ],
    );
    this.els = {
      body,
      plot,
      summary,
      score,
      sortHint,
      message,
      legend,
      hint,
      acts,
      nearestText,
      nearest,
      finish,
    };
    this.mount({ body }, () => this.begin());
    ui.onRetranslate(() => this.render());
    this.render();
  }

  private begin(): void {
    const next = lesson.begin(this.state);
    if (next === this.state) return;
    this.state = next;
    app().sound.play('tap');
    this.render();
    this.controls[0]?.input.focus();
  }

  private onTurn(): void {
    const [w1, w2, b] = this.controls.map((c) => c.value());
    this.change({ w1: w1 ?? 0, w2: w2 ?? 0, b: b ?? 0 });
  }

  private onActivation(activation: Activation): void {
    this.change({ activation });
  }

  private change(patch: Partial<Neuron>): void {
    const before = this.state;
    this.state = lesson.change(this.state, patch);
    if (before.phase === 'sort' && this.state.phase === 'sorted') app().sound.play('good');
    this.render();
  }

  private showNearest(): void {
    const next = lesson.showNearest(this.state);
    if (next === this.state) return;
    this.state = next;
    this.controls.forEach((c) => c.disable(true));
    this.els.acts.forEach((a) => (a.disabled = true));
    this.render();
    this.els.finish.focus();
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'nearest') await this.completeLevel(lesson.levelStars(this.state));
  }

  private render(): void {
    const { phase: p, neuron } = this.state;
    const e = this.els;
    const correct = lesson.correct(neuron);
    const right = correct.filter(Boolean).length;
    const total = lesson.ANIMALS.length;
    this.showIntro(p === 'intro');
    e.score.textContent = t('neuron:score', { right, total });
    const hint = p === 'sort' ? lesson.sortHint(neuron) : null;
    e.sortHint.textContent = hint ? t(`neuron:hint.${hint}`) : '';
    e.sortHint.hidden = !hint;
    e.summary.textContent =
      p === 'nearest' ? t('neuron:nearestSummary') : t('neuron:plotSummary', { right, total });
    e.message.textContent = p === 'sorted' || p === 'nearest' ? t('neuron:won') : '';
    e.legend.textContent = t(p === 'nearest' ? 'neuron:nearestLegend' : 'neuron:legend');
    e.nearestText.hidden = p !== 'nearest';
    e.nearest.hidden = p !== 'sorted';
    e.finish.hidden = p !== 'nearest';
    this.publish({
      phase: p,
      neuron: { ...neuron },
      right,
      total,
      correct,
      hint,
      // In the network's picture: which part each animal lands in.
      parts:
        p === 'nearest'
          ? lesson.ANIMALS.map((a) => lesson.PART_KINDS[lesson.nearestByNeurons(a.ears, a.tail)])
          : null,
      stars: lesson.stars(neuron),
    });
    this.redrawSoon();
  }

  protected layout(): void {
    const g = this.graphics;
    g.clear();
    if (!this.els || !this.playing) {
      this.heat?.image.setVisible(false);
      return;
    }
    const sq = planeSquare(this.rectOf(this.els.plot));
    const n = this.state.neuron;
    if (this.state.phase === 'nearest') {
      this.drawNetwork(g, sq);
      return;
    }
    this.heat.place(sq);
    // Repaint the ground only when what it shows changed (not on every resize).
    const key = `${n.w1},${n.w2},${n.b},${n.activation}`;
    if (key !== this.painted) {
      this.painted = key;
      this.heat.paint((u, v) => mix(CAT_GROUND, RABBIT_GROUND, shade(n, u, v)));
    }
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(sq.x, sq.y, sq.width, sq.height);
    drawLine(g, sq, n.w1, n.w2, n.b);
    drawAnimals(g, sq, lesson.ANIMALS, lesson.correct(n));
  }

  /**
   * The book's nearest-point network on the same plane: its three parts as exact polygons (straight,
   * smooth edges), the animals where they were, and each neuron's point as a ◆.
   */
  private drawNetwork(g: Phaser.GameObjects.Graphics, sq: Phaser.Geom.Rectangle): void {
    this.heat.image.setVisible(false);
    const parts = lesson.CENTRES.map((_, i) => lesson.nearestPart(i));
    parts.forEach((poly, i) => {
      g.fillStyle(PART_COLOURS[lesson.PART_KINDS[i] ?? 'third'], 1);
      g.fillPoints(asPoints(poly.map(([x, y]) => toScreen(sq, x, y))), true);
    });
    // The borders between parts (not the square's own sides, which the frame draws).
    const onSide = (a: number, b: number): boolean => a === b && (a === 0 || a === 1);
    g.lineStyle(3, Colors.ink, 1);
    for (const poly of parts)
      poly.forEach((p, k) => {
        const q = poly[(k + 1) % poly.length] ?? p;
        if (onSide(p[0], q[0]) || onSide(p[1], q[1])) return;
        const a = toScreen(sq, p[0], p[1]);
        const b = toScreen(sq, q[0], q[1]);
        g.lineBetween(a.x, a.y, b.x, b.y);
      });
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(sq.x, sq.y, sq.width, sq.height);
    drawAnimals(g, sq, lesson.ANIMALS, null);
    const s = Math.max(9, sq.width / 26);
    lesson.CENTRES.forEach(([x, y], i) => {
      const c = toScreen(sq, x, y);
      const diamond = asPoints([
        { x: c.x, y: c.y - s },
        { x: c.x + s, y: c.y },
        { x: c.x, y: c.y + s },
        { x: c.x - s, y: c.y },
      ]);
      g.fillStyle(POINT_COLOURS[lesson.PART_KINDS[i] ?? 'third'], 1);
      g.fillPoints(diamond, true);
      g.lineStyle(2, Colors.ink, 1);
      g.strokePoints(diamond, true);
    });
  }

  protected override shutdown(): void {
    this.heat.destroy();
  }
}
