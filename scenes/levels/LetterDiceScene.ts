import Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { drawBarChart, type ChartBar } from '../barChart';
import { Colors, FONT_STACK } from '../keys';
import { mix } from '../heatmap';
import { labBody, labPicture } from '../lab';
import { actionButton, rangeSlider, wordTile } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { currentLang, t } from '../../src/i18n';
import * as lesson from '../../src/lessons/letterDice';
import type { LetterDiceData, LetterDiceState, OwnSummary } from '../../src/lessons/letterDice';
import { shuffled, mulberry32 } from '../../src/lessons/rng';

/** A grid of counts to draw: its rows (also its columns), the counts, the selected row. */
interface Grid {
  readonly rows: readonly string[];
  readonly pairs: readonly (readonly number[])[];
  readonly selected: number | null;
}

/** Level "letter-dice": count letters, then pairs, then roll random words from the counts. */
export class LetterDiceScene extends LevelScene {
  private dice: LetterDiceData | null = null;
  private roller: lesson.Roller | null = null;
  private state: LetterDiceState | null = null;
  private feedback: { key: 'right' | 'wrong' | 'tooSmall' | 'tooBig'; pick: string } | null = null;
  private own: OwnSummary | null = null;
  private ownStatus: 'idle' | 'counting' | 'done' = 'idle';
  private ownMessage = '';
  private countRun = 0;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private gridLabels: Phaser.GameObjects.Text[] = [];
  /** Where the pair map's cells are (canvas coordinates), for a tap on a row. */
  private gridAt: { x0: number; y0: number; cell: number; n: number } | null = null;
  private els!: {
    step: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    rollList: HTMLElement;
    instruction: HTMLElement;
    goal: HTMLElement;
    rowPicker: HTMLElement;
    follows: HTMLElement;
    tiles: HTMLElement;
    keyHint: HTMLElement;
    message: HTMLElement;
    next: HTMLButtonElement;
    rollBox: HTMLElement;
    slider: HTMLInputElement;
    sliderOut: HTMLElement;
    nMeaning: HTMLElement;
    realCount: HTMLElement;
    reroll: HTMLButtonElement;
    pickN: HTMLButtonElement;
    ownBox: HTMLElement;
    textarea: HTMLTextAreaElement;
    ownMessage: HTMLElement;
    finish: HTMLButtonElement;
    loading: HTMLElement;
  };

  constructor() {
    super('letter-dice');
  }

  protected build(): void {
    this.dice = null;
    this.roller = null;
    this.state = null;
    this.feedback = null;
    this.own = null;
    this.ownStatus = 'idle';
    this.ownMessage = '';
    this.labels = [];
    this.gridLabels = [];
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const step = h('p', { class: 'round', 'data-testid': 'step' });
    const { box: plot, summary } = labPicture(ui, 'letterDice:lettersLabel');
    ui.listen(plot, 'click', (e) => this.onPlotTap(e));
    const rollList = h('ul', { class: 'dice-rolls', 'data-testid': 'rolls' });
    ui.attr(rollList, 'aria-label', 'letterDice:rollsLabel');
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const goal = h('p', { class: 'instruction', 'data-testid': 'roll-goal' });
    const rowPicker = h('div', { class: 'dice-rows', role: 'radiogroup', 'data-testid': 'rows' });
    ui.attr(rowPicker, 'aria-label', 'letterDice:rowsLabel');
    ui.listen(rowPicker, 'keydown', (e) => this.onRowKey(e));
    const follows = h('p', { class: 'readout', 'data-testid': 'follows', 'aria-live': 'polite' });
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'letterDice:keyHint');
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const next = actionButton(ui, 'letterDice:next', 'next', () => this.onNext(), true);

    const {
      row: sliderRow,
      input: slider,
      output: sliderOut,
    } = rangeSlider(ui, {
      id: 'dice-n',
      label: 'letterDice:nLabel',
      min: 1,
      max: 5,
      step: 1,
      value: 1,
      marks: [1, 2, 3, 4, 5],
    });
    ui.listen(slider, 'input', () => this.onN(Number(slider.value)));
    const nMeaning = h('p', { class: 'note', 'data-testid': 'n-meaning' });
    const realCount = h('p', { class: 'readout', 'data-testid': 'real-count', 'aria-live': 'polite' });
    const reroll = actionButton(ui, 'letterDice:reroll', 'reroll', () => this.onReroll());
    const pickN = actionButton(ui, 'letterDice:pickN', 'pick-n', () => this.onPickN(), true);
    const rollBox = h(
      'div',
      { class: 'dice-roll' },
      sliderRow,
      nMeaning,
      realCount,
      h('div', { class: 'level-actions' }, reroll, pickN),
    );

    const textarea = h('textarea', {
      class: 'text-input dice-own',
      'data-testid': 'own-text',
      rows: 4,
      maxlength: 200000,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    ui.attr(textarea, 'aria-label', 'letterDice:ownLabel');
    ui.attr(textarea, 'placeholder', 'letterDice:ownPlaceholder');
    const countButton = actionButton(ui, 'letterDice:count', 'count', () => void this.onCount());
    const ownMessage = h('p', { class: 'message', 'data-testid': 'own-message', role: 'status' });
    const finish = this.finishButton(() => void this.finish());
    const ownBox = h(
      'section',
      { class: 'free-form', 'data-testid': 'own' },
      ui.text(h('h2', { class: 'free-title' }), 'letterDice:ownTitle'),
      ui.text(h('p', {}), 'letterDice:ownText'),
      textarea,
      ownMessage,
      h('div', { class: 'level-actions' }, countButton, finish),
    );

    const body = labBody(
      [plot, rollList],
      [
        instruction,
        goal,
        rowPicker,
        follows,
        tiles,
        rollBox,
        message,
        h('div', { class: 'level-actions' }, next),
        keyHint,
        ownBox,
      ],
    );
    body.classList.add('dice');
    const loading = ui.text(
      h('p', { class: 'note', 'data-testid': 'loading', role: 'status' }),
      'letterDice:loading',
    );
    this.els = {
      step,
      plot,
      summary,
      rollList,
      instruction,
      goal,
      rowPicker,
      follows,
      tiles,
      keyHint,
      message,
      next,
      rollBox,
      slider,
      sliderOut,
      nMeaning,
      realCount,
      reroll,
      pickN,
      ownBox,
      textarea,
      ownMessage,
      finish,
      loading,
    };
    const start = this.mount({ body, beside: [step], start: 'letterDice:start', before: [loading] }, () =>
      this.begin(),
    );
    start.disabled = true;
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => {
      if (this.state && this.state.lang !== currentLang()) this.scene.restart({ seed: this.seed });
      else this.render();
    });
    void this.loadData(start);
    this.render();
  }

  private async loadData(start: HTMLButtonElement): Promise<void> {
    try {
      const data = await this.fetchData<LetterDiceData>('letter-dice');
      if (data === null) return;
      this.dice = data;
      this.roller = new lesson.Roller(data);
      this.state = lesson.start(data, this.seed);
      this.els.loading.hidden = true;
      start.disabled = false;
      start.focus();
      this.render();
      // The roll tables, one per task (each takes a few milliseconds), before the roll step needs them.
      // Nothing on screen changes with them: no render after, which would rebuild the tiles the
      // player may already be on (and drop their focus).
      for (let n = 1; n <= lesson.MAX_N[data.lang]; n++) {
        await new Promise((r) => setTimeout(r, 0));
        if (!this.sys.isActive() || this.roller === null) return;
        this.roller.model(n);
      }
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.els.loading.textContent = t('letterDice:loadFailed');
      this.render();
    }
  }

  private begin(): void {
    if (!this.state) return;
    this.state = lesson.begin(this.state);
    app().sound.play('tap');
    this.render();
    this.focusFirstTile();
  }

  private focusFirstTile(): void {
    (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private get phase(): lesson.Phase {
    return this.state?.phase ?? 'intro';
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
    const s = this.state;
    if (!s) return;
    const n = Number(e.key);
    if ((s.phase === 'letters' || s.phase === 'pairs') && Number.isInteger(n) && n >= 1 && n <= 4) {
      const q = s.phase === 'letters' ? s.letters : s.pairs;
      const option = q.options[n - 1];
      if (option !== undefined && !q.solved) {
        e.preventDefault();
        this.onPick(option);
      }
      return;
    }
    if (s.phase === 'roll' && Number.isInteger(n) && n >= 1 && n <= lesson.MAX_N[s.lang]) {
      e.preventDefault();
      this.onN(n);
      return;
    }
    // English: typing a letter on the pair map selects its row.
    if (s.phase === 'pairs' && this.dice && e.key.length === 1) {
      const row = this.dice.rows.indexOf(e.key.toLowerCase());
      if (row >= 0 && e.key !== ' ') {
        e.preventDefault();
        this.onRow(row, true);
      }
    }
  }

  private onRowKey(e: KeyboardEvent): void {
    const s = this.state;
    if (!s || !this.dice) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const by = moves[e.key];
    if (by === undefined) return;
    e.preventDefault();
    this.onRow(s.row + by, true);
  }

  private onRow(row: number, focus = false): void {
    if (!this.state || !this.dice) return;
    this.state = lesson.selectRow(this.state, this.dice, row);
    this.render();
    if (focus)
      (this.els.rowPicker.querySelector(`[data-row="${this.state.row}"]`) as HTMLElement | null)?.focus();
  }

  /** A tap on the pair map picks the row under it. */
  private onPlotTap(e: MouseEvent): void {
    const at = this.gridAt;
    if (this.phase !== 'pairs' || !at) return;
    const c = this.game.canvas.getBoundingClientRect();
    const x = e.clientX - c.left;
    const row = Math.floor((e.clientY - c.top - at.y0) / at.cell);
    if (row >= 0 && row < at.n && x >= at.x0 - at.cell && x <= at.x0 + at.n * at.cell) this.onRow(row);
  }

  private onPick(option: string): void {
    const before = this.state;
    if (!before) return;
    this.state = lesson.pickOption(before, option);
    if (this.state === before) return;
    const q = this.state.phase === 'letters' ? this.state.letters : this.state.pairs;
    this.feedback = { key: q.solved ? 'right' : 'wrong', pick: option };
    app().sound.play(q.solved ? 'good' : 'try');
    this.render();
    if (q.solved) this.els.next.focus();
  }

  private onNext(): void {
    const before = this.state;
    if (!before) return;
    this.state = lesson.advance(before);
    if (this.state === before) return;
    this.feedback = null;
    app().sound.play('tap');
    this.render();
    if (this.state.phase === 'pairs') this.focusFirstTile();
    else this.els.slider.focus();
  }

  private onN(n: number): void {
    if (!this.state) return;
    const next = lesson.setN(this.state, n);
    if (next === this.state) return;
    this.state = next;
    if (this.feedback?.key !== 'right') this.feedback = null;
    this.render();
  }

  private onReroll(): void {
    if (!this.state) return;
    this.state = lesson.reroll(this.state);
    if (this.feedback?.key !== 'right') this.feedback = null;
    app().sound.play('tap');
    this.render();
  }

  private onPickN(): void {
    if (!this.state || !this.roller || this.state.phase !== 'roll') return;
    const { state, result } = lesson.pickN(this.state, this.roller);
    this.state = state;
    this.feedback = { key: result === 'right' ? 'right' : result, pick: String(state.n) };
    app().sound.play(result === 'right' ? 'good' : 'try');
    this.render();
    if (result === 'right') this.els.textarea.focus();
  }

  private async onCount(): Promise<void> {
    const text = this.els.textarea.value;
    const run = ++this.countRun;
    this.ownStatus = 'counting';
    this.ownMessage = t('letterDice:counting', { percent: 0 });
    this.renderOwnMessage();
    this.publishState();
    const counted = await lesson.countInSlices(text, {
      size: 4000,
      pause: () => new Promise((r) => setTimeout(r, 0)),
      onProgress: (done) => {
        if (run !== this.countRun) return;
        this.els.ownMessage.textContent = t('letterDice:counting', { percent: Math.round(done * 100) });
      },
      cancelled: () => run !== this.countRun || !this.sys.isActive(),
    });
    if (!counted || run !== this.countRun || !this.sys.isActive()) return;
    const own = lesson.summarize(counted, text);
    this.own = own;
    this.ownStatus = 'done';
    this.ownMessage =
      own.kind === 'empty'
        ? t('letterDice:ownEmpty')
        : own.kind === 'nothing'
          ? t('letterDice:ownNothing')
          : t('letterDice:ownDone', {
              count: own.counted.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en'),
              list: own.top
                .slice(0, 5)
                .map(([s]) => this.symbolName(s))
                .join(currentLang() === 'zh' ? '、' : ', '),
            });
    this.render();
  }

  private renderOwnMessage(): void {
    this.els.ownMessage.textContent = this.ownMessage;
  }

  private async finish(): Promise<void> {
    if (this.state?.phase === 'own') await this.completeLevel(lesson.stars(this.state));
  }

  /** A symbol as the player reads it: the space said in words. */
  private symbolName(s: string): string {
    return s === lesson.EDGE ? t('letterDice:space') : s;
  }

  private number(n: number): string {
    return n.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en');
  }

  private render(): void {
    const e = this.els;
    const s = this.state;
    const data = this.dice;
    const phase = this.phase;
    this.showIntro(phase === 'intro');
    const stepNo = { intro: 1, letters: 1, pairs: 2, roll: 3, own: 4 }[phase];
    e.step.textContent = t('letterDice:step', { n: stepNo });
    const inQuestion = phase === 'letters' || phase === 'pairs';
    e.tiles.hidden = !inQuestion;
    e.keyHint.hidden = !inQuestion;
    e.rowPicker.hidden = phase !== 'pairs';
    e.follows.hidden = phase !== 'pairs';
    e.rollBox.hidden = phase !== 'roll';
    e.goal.hidden = phase !== 'roll';
    e.ownBox.hidden = phase !== 'own';
    e.next.parentElement?.toggleAttribute('hidden', !inQuestion);
    e.rollList.hidden = phase !== 'roll';
    e.plot.hidden = phase === 'roll' || (phase === 'own' && this.own === null);
    if (!s || !data) {
      this.layout();
      return;
    }
    const fb = this.feedback;
    if (phase === 'letters' || phase === 'pairs') {
      const q = phase === 'letters' ? s.letters : s.pairs;
      const row = lesson.PAIR_QUESTION[s.lang];
      e.instruction.textContent =
        phase === 'letters' ? t('letterDice:lettersChoose') : t('letterDice:pairsChoose', { row });
      const countOf = (answer: string): number =>
        phase === 'letters'
          ? (data.counts[data.symbols.indexOf(answer)] ?? 0)
          : (lesson.followersOf(data, row).find((f) => f[0] === answer)?.[1] ?? 0);
      e.message.textContent = !fb
        ? ''
        : fb.key === 'right'
          ? t(phase === 'letters' ? 'letterDice:lettersRight' : 'letterDice:pairsRight', {
              answer: q.answer,
              row,
              count: this.number(countOf(q.answer)),
            })
          : t(phase === 'letters' ? 'letterDice:lettersWrong' : 'letterDice:pairsWrong', {
              pick: fb.pick,
              row,
            });
      e.next.hidden = !q.solved;
      const last = q.tries[q.tries.length - 1];
      e.tiles.replaceChildren(
        ...q.options.map((option, pos) =>
          wordTile({
            pos,
            word: option,
            data: { pos },
            picked: option === last,
            disabled: q.solved,
            onPick: () => this.onPick(option),
          }),
        ),
      );
      // Set on every render (which a language change also runs), not bound once per render.
      e.tiles.setAttribute('aria-label', e.instruction.textContent ?? '');
    }
    if (phase === 'pairs') this.renderRows(s, data);
    if (phase === 'roll' || phase === 'own') this.renderRoll(s, data);
    if (phase === 'own') {
      e.instruction.textContent = '';
      e.message.textContent = t('letterDice:rollRight', { n: s.n });
      this.renderOwnMessage();
    }
    e.plot.setAttribute(
      'aria-label',
      t(
        phase === 'pairs'
          ? 'letterDice:pairsLabel'
          : phase === 'own'
            ? 'letterDice:ownPlotLabel'
            : 'letterDice:lettersLabel',
      ),
    );
    e.summary.textContent =
      phase === 'letters'
        ? t('letterDice:lettersSummary', {
            list: this.letterBars(data)
              .slice()
              .sort((a, b) => b.value - a.value)
              .slice(0, 5)
              .map((b) => `${b.label} ${b.text}`)
              .join(', '),
          })
        : phase === 'pairs'
          ? e.follows.textContent
          : phase === 'own'
            ? this.ownMessage
            : '';
    this.publishState();
    this.redrawSoon();
  }

  private renderRows(s: LetterDiceState, data: LetterDiceData): void {
    const e = this.els;
    const row = data.rows[s.row] ?? '';
    const list = lesson
      .followersOf(data, row)
      .slice(0, 5)
      .map(([c, n]) => `${this.symbolName(c)} ${this.number(n)}`)
      .join(' · ');
    e.follows.textContent = t('letterDice:follows', { row: this.symbolName(row), list });
    const buttons = data.rows.map((r, i) => {
      const b = h(
        'button',
        {
          type: 'button',
          class: `dice-row${i === s.row ? ' dice-row-on' : ''}`,
          role: 'radio',
          'aria-checked': i === s.row ? 'true' : 'false',
          tabindex: i === s.row ? 0 : -1,
          'data-row': i,
          'data-testid': `row-${r === ' ' ? 'space' : r}`,
          'aria-label': this.symbolName(r),
        },
        r === ' ' ? '␣' : r,
      );
      b.addEventListener('click', () => this.onRow(i));
      return b;
    });
    const had = e.rowPicker.contains(document.activeElement);
    e.rowPicker.replaceChildren(...buttons);
    if (had) (buttons[s.row] as HTMLElement).focus();
  }

  private renderRoll(s: LetterDiceState, data: LetterDiceData): void {
    const e = this.els;
    const roller = this.roller as lesson.Roller;
    const max = lesson.MAX_N[s.lang];
    e.slider.max = String(max);
    e.slider.value = String(s.n);
    e.slider.disabled = false;
    e.sliderOut.textContent = t('letterDice:nValue', { n: s.n });
    e.nMeaning.textContent =
      s.n === 1 ? t('letterDice:nMeaningNone') : t('letterDice:nMeaning', { count: s.n - 1 });
    e.instruction.textContent = t('letterDice:rollChoose');
    e.goal.textContent = t('letterDice:rollGoal');
    const rolls = roller.rolls(s);
    const share = roller.check.share(rolls);
    e.realCount.textContent =
      s.lang === 'en'
        ? t('letterDice:realCount', { count: Math.round(share * lesson.ROLLS) })
        : t('letterDice:realCount', { count: Math.round(share * 100) });
    e.pickN.hidden = s.phase !== 'roll';
    const fb = this.feedback;
    if (s.phase === 'roll')
      e.message.textContent = !fb
        ? ''
        : fb.key === 'tooSmall'
          ? t('letterDice:tooSmall', { n: fb.pick })
          : fb.key === 'tooBig'
            ? t('letterDice:tooBig')
            : '';
    e.rollList.classList.toggle('no-spaces', data.lang === 'zh');
    e.rollList.replaceChildren(
      ...rolls.map((roll) =>
        h(
          'li',
          { class: 'dice-roll-line', 'data-testid': 'roll' },
          ...roller.check.pieces(roll).map((p) =>
            h(
              'span',
              {
                class: p.real ? 'dice-piece dice-real' : 'dice-piece',
                'data-real': p.real ? 'true' : 'false',
                'aria-label': `${p.text} (${t(p.real ? 'letterDice:real' : 'letterDice:notReal')})`,
              },
              p.real ? h('span', { class: 'dice-check', 'aria-hidden': 'true' }, '✓') : null,
              p.text,
            ),
          ),
        ),
      ),
    );
  }

  private publishState(): void {
    const s = this.state;
    const data = this.dice;
    if (!s || !data || !this.roller) {
      this.publish({ phase: 'intro', loaded: false });
      return;
    }
    const roller = this.roller;
    const rolling = s.phase === 'roll' || s.phase === 'own';
    this.publish({
      phase: s.phase,
      loaded: true,
      lang: s.lang,
      seed: s.seed,
      letters: s.letters,
      pairs: s.pairs,
      row: data.rows[s.row],
      follows: lesson.followersOf(data, data.rows[s.row] ?? ''),
      n: s.n,
      rolls: rolling ? roller.rolls(s) : [],
      shares: rolling ? roller.shares(s) : [],
      answerN: rolling ? roller.answer(s) : null,
      picks: s.picks,
      firstTries: lesson.firstTries(s),
      stars: lesson.stars(s),
      own: this.own
        ? { kind: this.own.kind, counted: this.own.counted, top: this.own.top.slice(0, 5) }
        : null,
      ownStatus: this.ownStatus,
    });
  }

  /** The letters' bars: en a–z in order of the alphabet, zh the common 字 in a seeded order. */
  private letterBars(data: LetterDiceData): ChartBar[] {
    const total = data.total || 1;
    const items = data.symbols
      .map((sym, i) => ({ sym, c: data.counts[i] ?? 0 }))
      .filter((x) => x.sym !== lesson.EDGE);
    const shown = data.lang === 'zh' ? shuffled(items, mulberry32(this.seed)) : items;
    const q = this.state?.letters;
    const last = q?.tries[q.tries.length - 1];
    return shown.map((x) => ({
      label: x.sym,
      value: x.c,
      text: `${((100 * x.c) / total).toFixed(1)}%`,
      picked: x.sym === last,
      favourite: q?.solved === true && x.sym === q.answer,
    }));
  }

  protected layout(): void {
    const g = this.graphics;
    if (!g) return;
    const s = this.state;
    const data = this.dice;
    const area = this.els ? this.rectOf(this.els.plot) : null;
    const hideAll = () => {
      g.clear();
      for (const l of [...this.labels, ...this.gridLabels]) l.setVisible(false);
    };
    if (!s || !data || !area || !this.playing || this.els.plot.hidden) {
      hideAll();
      return;
    }
    if (s.phase === 'letters') {
      this.hideGrid();
      drawBarChart(this, g, this.labels, area, this.letterBars(data), { maxRow: 30 });
      return;
    }
    if (s.phase === 'pairs') {
      drawBarChart(this, g, this.labels, new Phaser.Geom.Rectangle(0, 0, 0, 0), []);
      this.drawGrid(g, area, { rows: data.rows, pairs: data.pairs, selected: s.row }, true);
      return;
    }
    if (s.phase === 'own' && this.own && this.own.kind !== 'empty' && this.own.kind !== 'nothing') {
      const own = this.own;
      const wide = area.width > area.height * 1.3;
      const barsArea = wide
        ? new Phaser.Geom.Rectangle(area.x, area.y, area.width * 0.45, area.height)
        : new Phaser.Geom.Rectangle(area.x, area.y, area.width, area.height * 0.42);
      const gridArea = wide
        ? new Phaser.Geom.Rectangle(area.x + area.width * 0.48, area.y, area.width * 0.52, area.height)
        : new Phaser.Geom.Rectangle(area.x, area.y + area.height * 0.45, area.width, area.height * 0.55);
      const total = own.counted || 1;
      drawBarChart(
        this,
        g,
        this.labels,
        barsArea,
        own.top.slice(0, 8).map(([sym, c]) => ({
          label: this.symbolName(sym),
          value: c,
          text: `${((100 * c) / total).toFixed(1)}%`,
        })),
        { maxRow: 30 },
      );
      this.drawGrid(g, gridArea, { rows: own.rows, pairs: own.pairs, selected: null }, false);
      return;
    }
    hideAll();
  }

  private hideGrid(): void {
    for (const l of this.gridLabels) l.setVisible(false);
  }

  /**
   * The pair map: a square of cells, row = the first letter, column = the one after it, darker
   * blue the more often (one hue, light to dark: readable with every kind of colour blindness).
   * The selected row is framed in ink and marked ▶, not by colour alone.
   */
  private drawGrid(
    g: Phaser.GameObjects.Graphics,
    area: Phaser.Geom.Rectangle,
    grid: Grid,
    clear: boolean,
  ): void {
    if (clear) g.clear();
    const n = grid.rows.length;
    let used = 0;
    const label = (x: number, y: number, text: string, size: number, bold: boolean) => {
      let l = this.gridLabels[used];
      if (!l) {
        l = this.add.text(0, 0, '', {
          fontFamily: FONT_STACK,
          color: '#1b2a3a',
          resolution: window.devicePixelRatio || 1,
        });
        this.gridLabels.push(l);
      }
      used++;
      if (l.style.fontSize !== `${size}px`) l.setFontSize(size);
      const weight = bold ? 'bold' : 'normal';
      if (l.style.fontStyle !== weight) l.setFontStyle(weight);
      if (l.text !== text) l.setText(text);
      return l.setPosition(x, y).setOrigin(0.5, 0.5).setVisible(true);
    };
    if (n > 0 && area.width > 40 && area.height > 40) {
      const side = Math.min(area.width, area.height);
      const cell = Math.floor((side - 4) / (n + 1));
      const x0 = area.x + (area.width - cell * (n + 1)) / 2 + cell;
      const y0 = area.y + (area.height - cell * (n + 1)) / 2 + cell;
      if (clear) this.gridAt = { x0, y0, cell, n };
      const size = Math.max(7, Math.min(16, Math.round(cell * 0.75)));
      // Cells too small for a label each: every other one is labelled.
      const every = cell < 9 ? 2 : 1;
      const max = Math.max(1, ...grid.pairs.flat());
      const shown = (r: string) => (r === lesson.EDGE ? '␣' : r);
      grid.rows.forEach((r, i) => {
        const on = grid.selected === i;
        if (on || i % every === 0)
          label(x0 - cell / 2, y0 + i * cell + cell / 2, on ? `▶${shown(r)}` : shown(r), size, on);
        if (i % every === 0) label(x0 + i * cell + cell / 2, y0 - cell / 2, shown(r), size, false);
        grid.rows.forEach((_, j) => {
          const c = grid.pairs[i]?.[j] ?? 0;
          const k = c === 0 ? 0 : 0.12 + (0.88 * Math.log(1 + c)) / Math.log(1 + max);
          g.fillStyle(mix(0xffffff, Colors.blue, k), 1);
          g.fillRect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1);
        });
      });
      g.lineStyle(1, Colors.grey, 1);
      g.strokeRect(x0, y0, cell * n, cell * n);
      if (grid.selected !== null) {
        g.lineStyle(3, Colors.ink, 1);
        g.strokeRect(x0 - 1, y0 + grid.selected * cell - 1, cell * n + 1, cell + 1);
      }
    }
    for (const l of this.gridLabels.slice(used)) l.setVisible(false);
  }

  protected override shutdown(): void {
    this.countRun++;
    this.labels = [];
    this.gridLabels = [];
  }
}
