import type Phaser from 'phaser';
import { ModelLevelScene } from './ModelLevelScene';
import { drawBarChart } from '../barChart';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { actionButton, barsPlayfield, choiceRow, rangeSlider, storyCard, tokenLabel } from '../widgets';
import { content, t, type Key } from '../../src/i18n';
import { mulberry32 } from '../../src/lessons/rng';
import { percent, readable } from '../../src/lessons/nextWord';
import * as lesson from '../../src/lessons/temperature';
import type { Label, Story, TemperatureState } from '../../src/lessons/temperature';

const LABELS: readonly Label[] = ['boring', 'justRight', 'nonsense'];

/** Level "temperature": drag the temperature, see the chances reshape, and find a good story. */
export class TemperatureScene extends ModelLevelScene {
  private state!: TemperatureState;
  private probs: Float64Array = new Float64Array();
  /** What the model returned for the prompt: its top ten next words at T = 1. */
  private modelTop: { id: number; token: string; p: number }[] = [];
  private busy = false;
  private topWords = lesson.topWords();
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private els!: ReturnType<TemperatureScene['makeElements']>;

  constructor() {
    super('temperature');
  }

  /** A token as the bars show it: a word, a mark said in words, or the end of the story. */
  private show(token: string): string {
    return tokenLabel(this.lang, token, 'temperature:end').text;
  }

  protected build(): void {
    this.state = lesson.start(this.lang, this.seed, mulberry32(this.seed));
    this.probs = new Float64Array();
    this.modelTop = [];
    this.busy = false;
    this.topWords = lesson.topWords();
    this.graphics = this.add.graphics();
    this.els = this.makeElements();
    this.mount({ body: this.els.body, start: 'temperature:start' }, () => void this.begin());
    this.render();
  }

  private makeElements() {
    const ui = this.ui;
    const prompt = h('p', { class: 'sentence', 'data-testid': 'prompt' });
    const {
      row: sliderRow,
      input: slider,
      output: value,
    } = rangeSlider(ui, {
      ...{ id: `temperature-slider-${this.seed}`, label: 'temperature:sliderLabel', value: 1 },
      ...{ min: lesson.MIN_T, max: lesson.MAX_T, step: 0.05, marks: [0, lesson.BOOK_T, 1, 2] },
    });
    ui.listen(slider, 'input', () => this.onSlide());
    const bookMark = ui.text(
      h('p', { class: 'note book-mark', 'data-testid': 'book-mark' }),
      'temperature:bookMark',
    );
    const explain = h('p', { class: 'note', 'data-testid': 'explain' });
    const { box: playfield, summary } = barsPlayfield(ui, 'temperature:barsLabel', true);
    const step = h('p', { class: 'instruction', 'data-testid': 'step' });
    const matchBox = h('div', { class: 'stories', 'data-testid': 'match' });
    const check = actionButton(ui, 'temperature:check', 'check', () => this.onCheck(), true);
    const write = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'write' });
    ui.listen(write, 'click', () => void this.onWrite(false));
    const again = actionButton(ui, 'temperature:again', 'again-write', () => void this.onWrite(true));
    const columns = h('div', { class: 'stories stories-3', 'data-testid': 'columns' });
    const writeRow = h('div', { class: 'find' }, h('div', { class: 'level-actions' }, write, again));
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const finish = actionButton(ui, 'temperature:finish', 'finish', () => void this.finish(), true);
    const checkRow = h('div', { class: 'level-actions' }, check);
    const finishRow = h('div', { class: 'level-actions' }, finish);
    // Focusable: the keyboard scrolls it even while none of its controls can be used yet.
    const body = h('main', { class: 'level-body level-scroll', tabindex: 0 });
    const order = {
      // Step 1: the slider and its bars, then the three stories to label and the check.
      match: [prompt, sliderRow, bookMark, explain, playfield, step, matchBox, checkRow, message],
      // Step 2: what to do, the slider with the Write button right under it and what the level
      // says of the story, the bars, the stories written; step 1's stories last.
      find: [prompt, step, sliderRow, bookMark, writeRow, message, finishRow, explain, playfield, columns],
    };
    const all = [...order.match, writeRow, finishRow, columns];
    /** Puts the parts in the step's order (the others, hidden or done with, after them). */
    const arrange = (at: 'match' | 'find') => {
      const want = [...order[at], ...all.filter((el) => !order[at].includes(el))];
      if (want.every((el, i) => body.children[i] === el)) return;
      body.replaceChildren(...want);
      // A new step starts at the top: its instruction, the slider and its button.
      body.scrollTop = 0;
    };
    // prettier-ignore
    return { body, arrange, prompt, slider, value, explain, playfield, summary, step, matchBox, check, writeRow, write, again, columns, message, finish };
  }

  protected hasProgress(): boolean {
    return this.state.match.checks > 0 || this.state.writes > 0;
  }

  private async generate(t: number, seed: number): Promise<Story> {
    const out = await app().model.generate(this.state.prompt, lesson.STORY_TOKENS[this.lang], {
      temperature: t,
      seed,
    });
    return {
      text: out.text,
      tokens: out.tokens.map((k) => k.token),
      plain: out.tokens.map((k) => k.plain ?? k.p),
    };
  }

  private async begin(): Promise<void> {
    if (this.modelPhase !== 'ready' || this.state.phase !== 'intro') return;
    this.state = lesson.begin(this.state, content('temperature').openings as readonly string[]);
    app().sound.play('tap');
    this.render();
    try {
      const d = await app().model.distribution(this.state.prompt, 10, { full: true });
      this.probs = d.probs ?? new Float64Array();
      this.modelTop = d.top.map((c) => ({ id: c.id, token: c.token, p: c.p }));
      const { temperatures, seed } = lesson.toWrite(this.state);
      const texts: string[] = [];
      for (const [i, temp] of temperatures.entries()) {
        // The "just right" example must be one the level's own check calls just right.
        let out = await this.generate(temp, seed);
        for (
          let k = 1;
          k < lesson.EXAMPLE_TRIES && !lesson.showsLabel(this.state.lang, i, out.tokens, out.plain);
          k++
        )
          out = await this.generate(temp, lesson.exampleSeed(seed, k));
        texts.push(out.text);
      }
      if (!this.sys.isActive()) return;
      this.state = lesson.matchWritten(this.state, texts);
      this.render();
      this.els.slider.focus();
    } catch {
      this.rest();
    }
  }

  private onSlide(): void {
    this.state = lesson.setTemperature(this.state, Number(this.els.slider.value));
    this.renderSlider();
    this.publishState();
    this.redrawSoon();
  }

  private onLabel(position: number, value: Label): void {
    this.state = lesson.labelText(this.state, position, value);
    this.render();
  }

  private onCheck(): void {
    const before = this.state;
    this.state = lesson.checkLabels(this.state);
    if (this.state === before) return;
    const solved = this.state.match.solved;
    app().sound.play(solved ? 'good' : 'try');
    this.render();
    if (solved) this.els.write.focus();
  }

  private async onWrite(again: boolean): Promise<void> {
    if (this.busy || (this.state.phase !== 'find' && this.state.phase !== 'done')) return;
    const { temperatures, seed } = lesson.toWrite(this.state, again);
    this.busy = true;
    this.render();
    try {
      const [tZero, tYours, tHot] = temperatures as [number, number, number];
      const stories: [Story, Story, Story] = [
        await this.generate(tZero, seed),
        await this.generate(tYours, seed),
        await this.generate(tHot, seed),
      ];
      if (!this.sys.isActive()) return;
      this.state = lesson.written(this.state, tYours, seed, stories);
      this.busy = false;
      app().sound.play(this.state.written?.verdict === 'justRight' ? 'good' : 'try');
      this.render();
      // The story just written is what changed: on a small screen, it scrolls into view.
      this.els.columns.querySelector('[data-testid="story-yours"]')?.scrollIntoView({ block: 'nearest' });
      if (this.state.phase === 'done') this.els.finish.focus({ preventScroll: true });
    } catch {
      this.busy = false;
      this.rest();
    }
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.levelStars(this.state));
  }

  /** The next-word chances at the slider's temperature: the model's own, reshaped (once per value). */
  private reshapedTop(): { token: string; p: number }[] {
    return this.topWords(this.probs, this.state.temperature, this.info?.tokens ?? []);
  }

  private renderSlider(): void {
    const e = this.els;
    const tt = this.state.temperature.toFixed(2);
    e.value.textContent = t('temperature:value', { t: tt });
    e.slider.setAttribute('aria-valuetext', t('temperature:value', { t: tt }));
    e.explain.textContent = `${t('temperature:formula')} ${t(this.state.temperature < 1 ? 'temperature:low' : 'temperature:high')}`;
    e.write.textContent = t('temperature:write', { t: tt });
    const top = this.reshapedTop();
    e.summary.textContent = top.length
      ? t('temperature:barsSummary', {
          t: tt,
          list: top.map((b) => `${this.show(b.token)} ${percent(b.p)}`).join(', '),
        })
      : '';
  }

  private storyCard(heading: string, text: string, testId: string, ...extra: HTMLElement[]): HTMLElement {
    const story = readable(this.lang, `${this.state.prompt}${this.lang === 'en' ? ' ' : ''}${text}`);
    return storyCard({ heading, text: story, zh: this.lang === 'zh', testId }, ...extra);
  }

  /** Step 1: a radio group of the three labels under each story. */
  private labelGroup(pos: number): HTMLElement {
    return choiceRow<Label>({
      ...{
        name: `story-${this.seed}-${pos}`,
        label: t('temperature:labelFor', { n: pos + 1 }),
        values: LABELS,
      },
      ...{ text: (v) => t(`temperature:label.${v}`), checked: this.state.match.answers[pos] ?? null },
      ...{
        disabled: this.state.match.solved,
        testPrefix: `label-${pos}`,
        onPick: (v) => this.onLabel(pos, v),
      },
    });
  }

  protected render(): void {
    const s = this.state;
    const p = s.phase;
    const e = this.els;
    this.showIntro(this.modelPhase !== 'ready' || p === 'intro');
    e.prompt.textContent = s.prompt ? t('temperature:prompt', { text: s.prompt }) : '';
    e.slider.value = String(s.temperature);
    e.slider.disabled = p === 'writing';
    this.renderSlider();
    e.step.textContent = t(
      p === 'writing' ? 'temperature:writing' : p === 'match' ? 'temperature:step1' : 'temperature:step2',
    );

    // Step 1: three stories to label (rebuilt, so keyboard focus moves to the same radio again).
    const active = document.activeElement;
    const focused = active instanceof HTMLInputElement ? active.dataset.testid : undefined;
    e.matchBox.hidden = p === 'writing';
    e.matchBox.replaceChildren(
      ...s.match.order.map((m, pos) => {
        const mark =
          s.right === null
            ? []
            : [h('p', { class: 'mark', 'data-testid': `mark-${pos}` }, s.right[pos] ? '✓' : '✗')];
        const heading = t('temperature:story', { n: pos + 1 });
        return this.storyCard(heading, s.matchTexts[m] ?? '', 'story', this.labelGroup(pos), ...mark);
      }),
    );
    if (focused?.startsWith('label-'))
      (e.matchBox.querySelector(`[data-testid="${focused}"]`) as HTMLInputElement | null)?.focus();
    e.check.hidden = p !== 'match';
    e.check.disabled = s.match.answers.some((a) => a === null);

    // Step 2: write at the slider's temperature, next to T = 0 and T = 2.
    const finding = p === 'find' || p === 'done';
    e.arrange(finding ? 'find' : 'match');
    e.writeRow.hidden = !finding;
    e.columns.hidden = !finding;
    e.write.disabled = this.busy;
    e.again.disabled = this.busy || s.written === null;
    const w = s.written;
    e.columns.replaceChildren(
      ...(w
        ? [
            this.storyCard(t('temperature:side.zero'), w.zero.text, 'story-zero'),
            this.storyCard(t('temperature:side.yours', { t: w.t.toFixed(2) }), w.yours.text, 'story-yours'),
            this.storyCard(t('temperature:side.hot'), w.hot.text, 'story-hot'),
          ]
        : []),
    );
    const said = lesson.feedback(s);
    const verdict: Key | null = this.busy
      ? 'temperature:writing'
      : said === 'matchRight' || said === 'matchWrong'
        ? `temperature:${said}`
        : said && `temperature:verdict.${said}`;
    e.message.textContent = verdict ? t(verdict) : '';
    e.finish.hidden = p !== 'done';
    this.publishState();
    this.redrawSoon();
  }

  private publishState(): void {
    const s = this.state;
    const w = s.written;
    this.publish({
      phase: this.phaseShown(s.phase),
      seed: s.seed,
      temperature: s.temperature,
      prompt: s.prompt,
      distribution: this.modelTop,
      bars: this.reshapedTop().map((b) => ({ ...b, label: this.show(b.token) })),
      match: {
        order: s.match.order,
        answers: s.match.answers,
        checks: s.match.checks,
        solved: s.match.solved,
      },
      matchTexts: s.matchTexts,
      writes: s.writes,
      written: w
        ? { t: w.t, verdict: w.verdict, text: w.yours.text, zero: w.zero.text, hot: w.hot.text }
        : null,
      writesToJustRight: s.writesToJustRight,
      stars: lesson.levelStars(s),
    });
  }

  protected layout(): void {
    if (!this.els) return;
    const top = this.playing ? this.reshapedTop() : [];
    drawBarChart(
      this,
      this.graphics,
      this.labels,
      this.rectOf(this.els.playfield),
      top.map((b, i) => ({ label: this.show(b.token), value: b.p, text: percent(b.p), favourite: i === 0 })),
      { maxRow: 30 },
    );
  }

  protected override shutdown(): void {
    this.labels = [];
  }
}
