import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors, FONT_STACK } from '../keys';
import { CellPicture } from '../cellPicture';
import type { DrawStats } from '../cellPaint';
import { labBody, labPicture, radioGroup } from '../lab';
import { actionButton, wordTile } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { currentLang, t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/rule30';
import type { Cell, Pattern, Rule30State, WhyOption } from '../../src/lessons/rule30';

/** At most this much work a frame (ms) while a picture is worked out: the page never stalls. */
const FRAME_BUDGET_MS = 6;
/** How long drawing a picture row by row takes with motion on (ms); with reduced motion, at once. */
const EXPLORE_MS = 600;
const RUN_MS = 1200;
/** Pictures this tall or taller are worked out as fast as the frame budget allows, never slowed. */
const FAST_STEPS = 1000;
/** The picture's last step at the end: rule 30 after 1,000 steps. */
const DONE_STEPS = 1000;
const STEP_VALUES = lesson.EXPLORE_STEPS.map(String) as ('20' | '100' | '1000')[];

/** Level "rule-30": a cellular automaton from its 8 rule icons; predict a far cell, then run every step. */
export class Rule30Scene extends LevelScene {
  private state: Rule30State = lesson.start(1);
  private picture: CellPicture | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  /** The picture being worked out: up to which step, since when, how fast, and what then. */
  private drawing: {
    target: number;
    started: number;
    from: number;
    msPerRow: number;
    stats: DrawStats;
    then: (() => void) | null;
  } | null = null;
  private lastDraw: DrawStats | null = null;
  /** Which picture is on screen (the phase's, see `wanted`). */
  private pictureKey = '';
  /** Whether the run of the question on screen has been drawn to its step (its answer may show). */
  private revealed = false;
  private whyFeedback: WhyOption | null = null;
  private els!: {
    body: HTMLElement;
    progress: HTMLElement;
    instruction: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    rowsNote: HTMLElement;
    ruleIs: HTMLElement;
    icons: HTMLButtonElement[];
    iconBox: HTMLElement;
    presetBox: HTMLElement;
    presets: HTMLButtonElement[];
    stepsBox: HTMLElement;
    steps: HTMLInputElement[];
    toPuzzle: HTMLButtonElement;
    exploreBox: HTMLElement;
    predictBox: HTMLElement;
    question: HTMLElement;
    shownNote: HTMLElement;
    tiles: HTMLElement;
    run: HTMLButtonElement;
    message: HTMLElement;
    next: HTMLButtonElement;
    noStar: HTMLElement;
    whyBox: HTMLElement;
    whyTiles: HTMLElement;
    whyMessage: HTMLElement;
    doneBox: HTMLElement;
    doneText: HTMLElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super('rule-30');
  }

  protected build(): void {
    this.state = lesson.start(this.seed);
    this.drawing = null;
    this.lastDraw = null;
    this.pictureKey = '';
    this.revealed = false;
    this.whyFeedback = null;
    this.labels = [];
    this.picture = new CellPicture(this, `${this.scene.key}-cells`);
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const progress = h('p', { class: 'round', 'data-testid': 'progress' });
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const { box: plot, summary } = labPicture(ui, 'rule30:pictureLabel');
    plot.classList.add('cells-plot');
    const rowsNote = h('p', { class: 'note', 'data-testid': 'rows-note' });
    const legend = ui.text(h('p', { class: 'note' }), 'rule30:legend');

    const ruleIs = h('p', { class: 'readout rule-is', 'data-testid': 'rule-is' });
    const iconBox = h('div', { class: 'rule-icons', role: 'group', 'data-testid': 'icons' });
    ui.attr(iconBox, 'aria-label', 'rule30:iconsLabel');
    const icons = lesson.PATTERNS.map((p) => this.ruleIcon(p));
    iconBox.append(...icons);
    const presets = lesson.PRESETS.map((rule) =>
      ui.button('rule30:preset', () => this.onPreset(rule), {
        class: 'btn preset',
        params: { rule },
        testId: `preset-${rule}`,
      }),
    );
    const presetBox = h(
      'div',
      { class: 'presets', role: 'group' },
      ui.text(h('span', { class: 'slider-label' }), 'rule30:presetsLabel'),
      ...presets,
    );
    ui.attr(presetBox, 'aria-label', 'rule30:presetsLabel');
    const steps = radioGroup(ui, {
      name: 'steps',
      testPrefix: 'steps',
      legend: 'rule30:stepsLabel',
      values: STEP_VALUES,
      label: (v) => h('span', {}, Number(v).toLocaleString(this.locale)),
      checked: String(this.state.steps) as (typeof STEP_VALUES)[number],
      onPick: (v) => this.onSteps(Number(v)),
    });
    const toPuzzle = actionButton(ui, 'rule30:toPuzzle', 'to-puzzle', () => this.onToPuzzle(), true);
    const exploreBox = h(
      'div',
      { class: 'rule-explore' },
      presetBox,
      steps.group,
      h('div', { class: 'level-actions' }, toPuzzle),
    );

    const question = h('p', { class: 'instruction', 'data-testid': 'question' });
    const shownNote = h('p', { class: 'note', 'data-testid': 'shown-note' });
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    const run = actionButton(ui, 'rule30:run', 'run', () => this.onRun(), true);
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const next = actionButton(ui, 'rule30:next', 'next', () => this.onNext(), true);
    const noStar = ui.text(h('p', { class: 'note', 'data-testid': 'no-star' }), 'rule30:noStar30');
    const predictBox = h(
      'div',
      { class: 'rule-predict' },
      question,
      shownNote,
      tiles,
      h('div', { class: 'level-actions' }, run, next),
      message,
      noStar,
    );

    const whyTiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'why-tiles' });
    ui.attr(whyTiles, 'aria-label', 'rule30:whyQuestion');
    const whyMessage = h('p', { class: 'message', 'data-testid': 'why-message', role: 'status' });
    const whyBox = h(
      'div',
      { class: 'rule-why' },
      ui.text(h('p', { class: 'instruction', 'data-testid': 'why-question' }), 'rule30:whyQuestion'),
      whyTiles,
      whyMessage,
    );
    const doneText = h('p', { class: 'readout', 'data-testid': 'done-text' });
    const finish = this.finishButton(() => void this.finish());
    const doneBox = h(
      'section',
      { class: 'rule-done', 'data-testid': 'done' },
      doneText,
      h('div', { class: 'level-actions' }, finish),
    );

    const body = labBody(
      [instruction, h('div', { class: 'notes-row' }, rowsNote, legend), plot],
      [
        ruleIs,
        iconBox,
        exploreBox,
        predictBox,
        whyBox,
        doneBox,
        ui.text(h('p', { class: 'note' }), 'rule30:starsHint'),
      ],
    );
    body.classList.add('rule30');
    this.els = {
      body,
      progress,
      instruction,
      plot,
      summary,
      rowsNote,
      ruleIs,
      icons,
      iconBox,
      presetBox,
      presets,
      stepsBox: steps.group,
      steps: steps.inputs,
      toPuzzle,
      exploreBox,
      predictBox,
      question,
      shownNote,
      tiles,
      run,
      message,
      next,
      noStar,
      whyBox,
      whyTiles,
      whyMessage,
      doneBox,
      doneText,
      finish,
    };
    this.mount({ body, beside: [progress] }, () => this.begin());
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => this.render());
    this.render();
  }

  private get locale(): string {
    return currentLang() === 'zh' ? 'zh-CN' : 'en';
  }

  private number(n: number): string {
    return n.toLocaleString(this.locale);
  }

  private colour(c: Cell): string {
    return t(c ? 'rule30:black' : 'rule30:white');
  }

  /** One rule icon: its three cells above, the cell they make below; a tap flips that cell. */
  private ruleIcon(p: Pattern): HTMLButtonElement {
    const cell = (on: Cell, cls: string) =>
      h('span', { class: `cell ${cls}${on ? ' cell-black' : ''}`, 'aria-hidden': 'true' });
    const top = h('span', { class: 'icon-top' }, ...lesson.cellsOf(p).map((c) => cell(c, 'cell-top')));
    const b = h(
      'button',
      { type: 'button', class: 'rule-icon', 'data-testid': `icon-${p}`, 'data-pattern': p },
      top,
      h('span', { class: 'icon-bottom' }, cell(0, 'cell-result')),
      h('span', { class: 'icon-bit', 'aria-hidden': 'true' }),
    );
    this.ui.listen(b, 'click', () => this.onIcon(p));
    return b;
  }

  // -------------------------------------------------------------------------------------------
  // Actions.

  /** Takes the lesson's next state, with a tap's sound; false when the action changed nothing. */
  private take(next: Rule30State): boolean {
    if (next === this.state) return false;
    this.state = next;
    app().sound.play('tap');
    this.render();
    return true;
  }

  private begin(): void {
    if (this.take(lesson.begin(this.state))) this.els.icons[0]?.focus();
  }

  private onIcon(p: Pattern): void {
    this.take(lesson.tapIcon(this.state, p));
  }

  private onPreset(rule: number): void {
    this.take(lesson.preset(this.state, rule));
  }

  private onSteps(steps: number): void {
    this.state = lesson.setSteps(this.state, steps);
    this.render();
  }

  private onToPuzzle(): void {
    this.revealed = false;
    if (this.take(lesson.toPuzzle(this.state))) this.firstTile(this.els.tiles)?.focus();
  }

  private onGuess(cell: Cell): void {
    if (this.take(lesson.guess(this.state, cell))) this.els.run.focus();
  }

  private onRun(): void {
    if (!this.take(lesson.runIt(this.state))) return;
    const p = lesson.currentPrediction(this.state);
    if (!p) return;
    this.workOut(p.step, app().reducedMotion() ? 0 : RUN_MS, () => {
      this.revealed = true;
      app().sound.play(lesson.right(p) ? 'good' : 'try');
      this.render();
      this.els.next.focus();
    });
    // While it is worked out, the message says so.
    this.render();
  }

  private onNext(): void {
    if (this.drawing) return;
    const next = lesson.next(this.state);
    if (next === this.state) return;
    this.revealed = false;
    this.take(next);
    if (next.phase === 'why') this.firstTile(this.els.whyTiles)?.focus();
    else this.firstTile(this.els.tiles)?.focus();
  }

  private onWhy(option: WhyOption): void {
    const next = lesson.pickWhy(this.state, option);
    if (next === this.state) return;
    this.state = next;
    this.whyFeedback = option;
    app().sound.play(next.why.solved ? 'good' : 'try');
    this.render();
    if (next.phase === 'done') this.els.finish.focus();
    else (this.els.whyTiles.children[next.why.options.indexOf(option)] as HTMLElement | undefined)?.focus();
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.stars(this.state));
  }

  private firstTile(box: HTMLElement): HTMLButtonElement | null {
    return box.querySelector('button:not(:disabled)');
  }

  /** Number keys pick a tile (1 black, 2 white; 1–3 for the last question). */
  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
    const k = Number(e.key);
    if (!Number.isInteger(k) || k < 1) return;
    const s = this.state;
    const p = lesson.currentPrediction(s);
    if (p && !p.ran && k <= 2) {
      e.preventDefault();
      this.onGuess(k === 1 ? 1 : 0);
    } else if (s.phase === 'why' && k <= s.why.options.length) {
      e.preventDefault();
      this.onWhy(s.why.options[k - 1] as WhyOption);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The picture: which automaton, worked out how far.

  /** The automaton the phase shows: the explorer's rule, the question's, rule 30 at the end. */
  private wanted(): { key: string; rule: number; steps: number; upTo: number } | null {
    const s = this.state;
    if (s.phase === 'explore')
      return { key: `explore ${s.rule} ${s.steps}`, rule: s.rule, steps: s.steps, upTo: s.steps };
    const p = lesson.currentPrediction(s);
    if (p)
      return { key: `question ${s.current}`, rule: p.rule, steps: p.step, upTo: p.ran ? p.step : p.shown };
    // The last question's picture stays for the last question; the end shows rule 30 far down.
    const last = s.predictions[s.predictions.length - 1] as lesson.Prediction;
    if (s.phase === 'why')
      return { key: `question ${s.current}`, rule: last.rule, steps: last.step, upTo: last.step };
    if (s.phase === 'done') return { key: 'done', rule: 30, steps: DONE_STEPS, upTo: DONE_STEPS };
    return null;
  }

  /** Makes the picture the phase wants, and works it out as far as it should show. */
  private syncPicture(): void {
    const want = this.wanted();
    const pic = this.picture;
    if (!want || !pic) return;
    if (want.key === this.pictureKey) return;
    this.pictureKey = want.key;
    const auto = new lesson.Automaton(want.rule, want.steps);
    const box = this.rectOf(this.els.plot);
    pic.show(auto, box.width, box.height);
    this.drawing = null;
    const s = this.state;
    const shown = lesson.currentPrediction(s)?.shown;
    if (s.phase === 'predict' && shown !== undefined) {
      // A question's first rows come at once: they are what the player looks at to guess.
      this.workOut(shown, 0, null);
    } else {
      const slow = s.phase === 'explore' && want.steps < FAST_STEPS && !app().reducedMotion();
      this.workOut(want.upTo, slow ? EXPLORE_MS : 0, null);
    }
  }

  /** Works the picture out to `step`, row by row over about `ms` (0: as fast as the frame budget allows). */
  private workOut(step: number, ms: number, then: (() => void) | null): void {
    const a = this.picture?.automaton;
    if (!a) return;
    const rows = Math.max(1, step - a.row);
    this.drawing = {
      target: Math.min(step, a.steps),
      started: performance.now(),
      from: a.row,
      msPerRow: ms / rows,
      stats: {
        rule: a.rule,
        steps: a.steps,
        width: a.width,
        cellsPerPixel: this.picture?.cellsPerPixel ?? 1,
        workMs: 0,
        wallMs: 0,
        frames: 0,
        longestFrameMs: 0,
      },
      then,
    };
    this.publishState();
  }

  /** Each frame: a few more rows worked out and painted, within the frame's budget. */
  override update(): void {
    const d = this.drawing;
    const pic = this.picture;
    const a = pic?.automaton;
    if (!d || !pic || !a) return;
    const t0 = performance.now();
    const allowed =
      d.msPerRow > 0 ? Math.min(d.target, d.from + Math.floor((t0 - d.started) / d.msPerRow) + 1) : d.target;
    // Rows worked out and painted a few at a time (whole blocks of a shrunk picture), until the
    // frame's budget is spent.
    const chunk = Math.max(4, 2 * pic.cellsPerPixel);
    while (a.row < allowed && performance.now() - t0 < FRAME_BUDGET_MS) {
      a.advance(Math.min(chunk, allowed - a.row));
      pic.paint();
    }
    const work = performance.now() - t0;
    d.stats.workMs += work;
    d.stats.frames++;
    d.stats.longestFrameMs = Math.max(d.stats.longestFrameMs, work);
    this.layout();
    if (a.row < d.target) return;
    d.stats.wallMs = performance.now() - d.started;
    const round = (x: number) => Number(x.toFixed(2));
    this.lastDraw = {
      ...d.stats,
      workMs: round(d.stats.workMs),
      wallMs: round(d.stats.wallMs),
      longestFrameMs: round(d.stats.longestFrameMs),
    };
    this.drawing = null;
    if (d.then) d.then();
    else this.render();
  }

  // -------------------------------------------------------------------------------------------
  // The HTML.

  private render(): void {
    const s = this.state;
    const e = this.els;
    const p = s.phase;
    this.showIntro(p === 'intro');
    e.body.dataset.phase = p;
    const q = lesson.currentPrediction(s);
    const busy = this.drawing !== null && this.drawing.then !== null;
    const shownRule = q?.rule ?? (p === 'explore' ? s.rule : p === 'done' ? 30 : (this.wanted()?.rule ?? 30));
    e.ruleIs.textContent = t('rule30:ruleIs', { rule: shownRule, binary: lesson.binary(shownRule) });
    // The icons: tappable in the explorer; outside it they show the rule being asked about.
    e.icons.forEach((b, i) => {
      const pattern = lesson.PATTERNS[i] as Pattern;
      const bit = lesson.ruleBit(shownRule, pattern);
      b.setAttribute('aria-pressed', bit ? 'true' : 'false');
      b.disabled = p !== 'explore';
      b.querySelector('.cell-result')?.classList.toggle('cell-black', bit === 1);
      // Drawn by CSS from the attribute: the digit is a picture of the cell, the label says it in words.
      b.querySelector('.icon-bit')?.setAttribute('data-bit', String(bit));
      const cells = lesson
        .cellsOf(pattern)
        .map((c) => this.colour(c))
        .join(t('rule30:listJoiner'));
      b.setAttribute(
        'aria-label',
        t(p === 'explore' ? 'rule30:iconLabel' : 'rule30:iconLabelFixed', {
          cells,
          result: this.colour(bit),
        }),
      );
    });
    e.presets.forEach((b, i) =>
      b.setAttribute('aria-pressed', lesson.PRESETS[i] === s.rule ? 'true' : 'false'),
    );
    e.steps.forEach((input, i) => (input.checked = lesson.EXPLORE_STEPS[i] === s.steps));
    e.exploreBox.hidden = p !== 'explore';
    e.predictBox.hidden = p !== 'predict';
    e.whyBox.hidden = p !== 'why';
    e.doneBox.hidden = p !== 'done';

    const n = s.predictions.length;
    e.progress.textContent =
      p === 'predict'
        ? t('rule30:progress', { n: s.current + 1, total: n })
        : p === 'explore'
          ? t('rule30:exploreTag')
          : '';
    e.instruction.textContent =
      p === 'explore'
        ? t('rule30:exploreGoal')
        : q
          ? t('rule30:predictGoal', { rule: q.rule })
          : p === 'why'
            ? t('rule30:whyGoal')
            : p === 'done'
              ? t('rule30:doneGoal')
              : '';
    const want = this.wanted();
    e.rowsNote.textContent = want ? t('rule30:rowsNote', { steps: this.number(want.steps) }) : '';

    if (q) {
      e.question.textContent = t('rule30:predictQuestion', { rule: q.rule, step: q.step });
      e.shownNote.textContent = t('rule30:predictShown', { shown: q.shown });
      e.tiles.setAttribute('aria-label', e.question.textContent);
      // The tiles are made again only when what they show changes: a redraw never drops their focus.
      const tilesKey = `${s.current} ${q.pick} ${q.ran} ${currentLang()}`;
      if (e.tiles.dataset.key !== tilesKey) {
        e.tiles.dataset.key = tilesKey;
        const options: Cell[] = [1, 0];
        e.tiles.replaceChildren(
          ...options.map((c, pos) =>
            wordTile({
              pos,
              word: t(c ? 'rule30:blackTile' : 'rule30:whiteTile'),
              data: { pos, cell: c },
              picked: q.pick === c,
              disabled: q.ran,
              onPick: () => this.onGuess(c),
            }),
          ),
        );
      }
      e.run.disabled = q.pick === null || q.ran;
      e.run.hidden = q.ran && !busy;
      const done = q.ran && this.revealed;
      e.next.hidden = !done;
      e.noStar.hidden = q.rule !== 30;
      e.message.textContent = busy
        ? t('rule30:working', { step: q.step })
        : done
          ? this.verdict(q)
          : q.pick === null
            ? t('rule30:pickFirst')
            : '';
    }
    if (p === 'why') {
      const last = s.why.tries[s.why.tries.length - 1];
      const whyKey = `${s.why.tries.join()} ${currentLang()}`;
      if (e.whyTiles.dataset.key !== whyKey) {
        e.whyTiles.dataset.key = whyKey;
        e.whyTiles.replaceChildren(
          ...s.why.options.map((o, pos) => {
            const tile = wordTile({
              pos,
              word: t(`rule30:why.${o}` as Key),
              data: { pos },
              picked: o === last,
              disabled: s.why.solved,
              onPick: () => this.onWhy(o),
            });
            tile.dataset.option = o;
            return tile;
          }),
        );
      }
      e.whyMessage.textContent =
        this.whyFeedback && !s.why.solved ? t(`rule30:whyWrong.${this.whyFeedback}` as Key) : '';
    }
    if (p === 'done') {
      e.doneText.textContent = t('rule30:doneText', {
        cells: this.number((DONE_STEPS + 1) * lesson.widthFor(DONE_STEPS)),
      });
    }
    this.syncPicture();
    e.summary.textContent = this.summaryText();
    this.publishState();
    this.redrawSoon();
  }

  /** What the run showed, and what it means for the rule. */
  private verdict(q: lesson.Prediction): string {
    const colour = this.colour(q.answer);
    if (q.rule === 90)
      return t(lesson.right(q) ? 'rule30:right90' : 'rule30:wrong90', { colour, step: q.step });
    return t(lesson.right(q) ? 'rule30:right30' : 'rule30:wrong30', { colour, step: q.step });
  }

  private summaryText(): string {
    const a = this.picture?.automaton;
    const s = this.state;
    if (!a) return '';
    const q = lesson.currentPrediction(s);
    if (q && !(q.ran && this.revealed))
      return t('rule30:summaryHidden', { rule: q.rule, shown: q.shown, step: q.step });
    const step = q?.step ?? a.steps;
    if (a.row < step) return t('rule30:summaryWorking', { rule: a.rule });
    return t('rule30:summary', {
      rule: a.rule,
      steps: this.number(a.steps),
      step: this.number(step),
      colour: this.colour(a.centre(step)),
    });
  }

  private publishState(): void {
    const s = this.state;
    const a = this.picture?.automaton ?? null;
    this.publish({
      phase: s.phase,
      seed: s.seed,
      rule: s.rule,
      binary: lesson.binary(s.rule),
      steps: s.steps,
      tried: s.tried,
      current: s.current,
      predictions: s.predictions,
      revealed: this.revealed,
      why: s.why,
      picture: a
        ? {
            rule: a.rule,
            steps: a.steps,
            width: a.width,
            row: a.row,
            cellsPerPixel: this.picture?.cellsPerPixel,
          }
        : null,
      drawing: this.drawing !== null,
      lastDraw: this.lastDraw,
      stars: lesson.stars(s),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The canvas: the cells, the middle column's mark and the asked cell's ring.

  protected layout(): void {
    const g = this.graphics;
    const pic = this.picture;
    if (!g || !pic) return;
    g.clear();
    const a = pic.automaton;
    if (!this.els || !this.playing || !a) {
      pic.hide();
      this.labels.forEach((l) => l.setVisible(false));
      return;
    }
    const box = this.rectOf(this.els.plot);
    const top = 22;
    const avail = { w: box.width - 8, h: box.height - top - 6 };
    // Cells square; whole pixels a cell when they are big, so the grid stays crisp.
    let size = Math.min(avail.w / a.width, avail.h / (a.steps + 1));
    if (size >= 3) size = Math.floor(size);
    const w = size * a.width;
    const hgt = size * (a.steps + 1);
    const x0 = Math.round(box.x + (box.width - w) / 2);
    const y0 = Math.round(box.y + top);
    if (size <= 0 || w < 4) {
      pic.hide();
      return;
    }
    pic.show(a, w, hgt);
    pic.place(x0, y0, w, hgt);
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(x0 - 1, y0 - 1, w + 2, hgt + 2);
    // The middle column: a ▼ over it.
    const cx = x0 + ((a.width - 1) / 2 + 0.5) * size;
    g.fillStyle(Colors.ink, 1);
    g.fillTriangle(cx - 8, y0 - 18, cx + 8, y0 - 18, cx, y0 - 4);
    let used = 0;
    const label = (x: number, y: number, text: string, origin: [number, number], bold = false) => {
      let l = this.labels[used];
      if (!l) {
        l = this.add.text(0, 0, '', {
          fontFamily: FONT_STACK,
          fontSize: '15px',
          color: '#1b2a3a',
          backgroundColor: '#ffffff',
          padding: { x: 4, y: 2 },
          resolution: window.devicePixelRatio || 1,
        });
        this.labels.push(l);
      }
      used++;
      // A Text draws itself again on every change of style: only what really changes is set.
      const weight = bold ? 'bold' : 'normal';
      if (l.style.fontStyle !== weight) l.setFontStyle(weight);
      if (l.text !== text) l.setText(text);
      return l
        .setPosition(x, y)
        .setOrigin(...origin)
        .setVisible(true);
    };
    const q = lesson.currentPrediction(this.state);
    // Rows not worked out yet, said in words over their hatch.
    const unknownTop = y0 + (a.row + 1) * size;
    if (unknownTop < y0 + hgt - 24)
      label(x0 + w / 2, (unknownTop + y0 + hgt) / 2, t('rule30:unknown'), [0.5, 0.5]);
    if (q) {
      // The asked cell: a thick ring round it (and a second, white one, so it shows on black and white alike).
      const ty = y0 + (q.step + 0.5) * size;
      const r = Math.max(11, size * 1.6);
      g.lineStyle(6, Colors.white, 1);
      g.strokeCircle(cx, ty, r);
      g.lineStyle(3, Colors.ink, 1);
      g.strokeCircle(cx, ty, r);
      const shown = q.ran && this.revealed;
      const text = shown
        ? t('rule30:targetShown', { step: q.step, colour: this.colour(q.answer) })
        : t('rule30:target', { step: q.step });
      const right = cx + r + 6 + 150 < box.right;
      label(right ? cx + r + 6 : cx - r - 6, ty, text, right ? [0, 0.5] : [1, 0.5], true);
    }
    for (const l of this.labels.slice(used)) l.setVisible(false);
  }

  protected override shutdown(): void {
    this.drawing = null;
    this.picture?.destroy();
    this.picture = null;
    this.labels = [];
  }
}
