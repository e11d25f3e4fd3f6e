import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { SceneKey } from '../keys';
import { drawBarChart } from '../barChart';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { content, currentLang, t, type Key } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import { mulberry32 } from '../../src/lessons/rng';
import { percent, readable } from '../../src/lessons/nextWord';
import * as lesson from '../../src/lessons/temperature';
import type { Label, MatchState, Verdict } from '../../src/lessons/temperature';
import type { LoadInfo } from '../../src/model/client';
import type { Lang } from '../../src/lm/tokenizer';
import { topK } from '../../src/lm/sampling';

type Phase = 'loading' | 'resting' | 'intro' | 'writing' | 'match' | 'find' | 'done';

/** Pad, unknown and begin are never shown as next words; the end of the story is. */
const SPECIAL = new Set([0, 1, 2]);
const show = (token: string): string => (token === '<eos>' ? t('temperature:end') : token);
const STORY_TOKENS: Record<Lang, number> = { en: 40, zh: 60 };
const LABELS: readonly Label[] = ['boring', 'justRight', 'nonsense'];

interface Story {
  readonly text: string;
  readonly tokens: string[];
  readonly plain: number[];
}

/** Level "temperature": drag the temperature, see the chances reshape, and find a good story. */
export class TemperatureScene extends LevelScene {
  private lang: Lang = 'en';
  private seed = 1;
  private phase: Phase = 'loading';
  private info: LoadInfo | null = null;
  private prompt = '';
  private temperature = 1;
  private probs: Float64Array = new Float64Array();
  /** What the model returned for the prompt: its top ten next words at T = 1. */
  private modelTop: { id: number; token: string; p: number }[] = [];
  private match!: MatchState;
  private right: boolean[] | null = null;
  /** The three matching texts, by MATCH index (T = 0, 0.8, 2). */
  private matchTexts: string[] = [];
  private writes = 0;
  private writeSeed = 1;
  private written: { t: number; yours: Story; zero: Story; hot: Story; verdict: Verdict } | null = null;
  private writesToJustRight: number | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private els!: {
    body: HTMLElement;
    introCard: HTMLElement;
    introStatus: HTMLElement;
    start: HTMLButtonElement;
    prompt: HTMLElement;
    slider: HTMLInputElement;
    value: HTMLElement;
    explain: HTMLElement;
    playfield: HTMLElement;
    summary: HTMLElement;
    step: HTMLElement;
    matchBox: HTMLElement;
    check: HTMLButtonElement;
    findBox: HTMLElement;
    write: HTMLButtonElement;
    again: HTMLButtonElement;
    columns: HTMLElement;
    message: HTMLElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super(SceneKey.Temperature);
  }

  protected build(data: unknown): void {
    this.lang = currentLang();
    this.seed = (data as { seed?: number } | undefined)?.seed ?? (Date.now() % 2 ** 31) + 1;
    this.writeSeed = this.seed;
    this.phase = 'loading';
    this.temperature = 1;
    this.match = lesson.startMatch(mulberry32(this.seed));
    this.right = null;
    this.matchTexts = [];
    this.writes = 0;
    this.written = null;
    this.writesToJustRight = null;
    void app().startLevel('temperature');
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const introStatus = h('p', { class: 'note', 'data-testid': 'intro-status', role: 'status' });
    const { card: introCard, start } = this.introCard(
      'temperature',
      'temperature:intro',
      () => void this.beginPlay(),
      { start: 'temperature:start', before: [introStatus] },
    );

    const prompt = h('p', { class: 'sentence', 'data-testid': 'prompt' });
    const sliderId = `temperature-slider-${this.seed}`;
    const slider = h('input', {
      id: sliderId,
      type: 'range',
      min: lesson.MIN_T,
      max: lesson.MAX_T,
      step: 0.05,
      value: this.temperature,
      class: 'slider',
      'data-testid': 'slider',
      list: `${sliderId}-marks`,
    });
    const marks = h(
      'datalist',
      { id: `${sliderId}-marks` },
      h('option', { value: '0' }),
      h('option', { value: String(lesson.BOOK_T) }),
      h('option', { value: '1' }),
      h('option', { value: '2' }),
    );
    const value = h('output', { class: 'slider-value', 'data-testid': 'value', for: sliderId });
    ui.listen(slider, 'input', () => this.onSlide());
    const sliderLabel = ui.text(
      h('label', { for: sliderId, class: 'slider-label' }),
      'temperature:sliderLabel',
    );
    const bookMark = ui.text(
      h('p', { class: 'note book-mark', 'data-testid': 'book-mark' }),
      'temperature:bookMark',
    );
    const explain = h('p', { class: 'note', 'data-testid': 'explain' });
    const summary = h('p', {
      class: 'visually-hidden',
      'aria-live': 'polite',
      'data-testid': 'bars-summary',
    });
    const playfield = h(
      'div',
      { class: 'playfield playfield-short', role: 'img', 'data-testid': 'playfield' },
      summary,
    );
    ui.attr(playfield, 'aria-label', 'temperature:barsLabel');

    const step = h('p', { class: 'instruction', 'data-testid': 'step' });
    const matchBox = h('div', { class: 'stories', 'data-testid': 'match' });
    const check = ui.button('temperature:check', () => this.onCheck(), {
      class: 'btn btn-primary',
      testId: 'check',
    });
    const write = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'write' });
    ui.listen(write, 'click', () => void this.onWrite(false));
    const again = ui.button('temperature:again', () => void this.onWrite(true), {
      class: 'btn',
      testId: 'again-write',
    });
    const columns = h('div', { class: 'stories stories-3', 'data-testid': 'columns' });
    const findBox = h('div', { class: 'find' }, h('div', { class: 'level-actions' }, write, again), columns);
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const finish = ui.button('temperature:finish', () => void this.finish(), {
      class: 'btn btn-primary',
      testId: 'finish',
    });

    const body = h(
      'main',
      { class: 'level-body level-scroll' },
      prompt,
      h('div', { class: 'slider-row' }, sliderLabel, slider, marks, value),
      bookMark,
      explain,
      playfield,
      step,
      matchBox,
      h('div', { class: 'level-actions' }, check),
      findBox,
      message,
      h('div', { class: 'level-actions' }, finish),
    );
    ui.listen(body, 'scroll', () => this.redrawSoon());
    this.mountLevel('temperature', body, introCard);
    this.els = {
      body,
      introCard,
      introStatus,
      start,
      prompt,
      slider,
      value,
      explain,
      playfield,
      summary,
      step,
      matchBox,
      check,
      findBox,
      write,
      again,
      columns,
      message,
      finish,
    };
    // The model is per language: a new language starts the level again with its model.
    this.followLanguage(this.lang, this.seed, () => this.render());
    this.render();
    void this.loadModel();
  }

  private async loadModel(): Promise<void> {
    this.info = await this.loadLevelModel(this.lang, this.els.introStatus, 'temperature:loading');
    if (!this.sys.isActive()) return;
    this.phase = this.info ? 'intro' : 'resting';
    this.render();
    if (this.info) this.els.start.focus();
  }

  private rest(): void {
    this.phase = 'resting';
    this.render();
  }

  private async generate(t: number, seed: number): Promise<Story> {
    const out = await app().model.generate(this.prompt, STORY_TOKENS[this.lang], { temperature: t, seed });
    return {
      text: out.text,
      tokens: out.tokens.map((k) => k.token),
      plain: out.tokens.map((k) => k.plain ?? k.p),
    };
  }

  private async beginPlay(): Promise<void> {
    if (this.phase !== 'intro') return;
    const openings = content('temperature').openings as readonly string[];
    this.prompt = openings[(this.seed - 1) % openings.length] as string;
    app().sound.play('tap');
    this.phase = 'writing';
    this.render();
    try {
      const d = await app().model.distribution(this.prompt, 10, { full: true });
      this.probs = d.probs ?? new Float64Array();
      this.modelTop = d.top.map((c) => ({ id: c.id, token: c.token, p: c.p }));
      this.matchTexts = [];
      for (const m of lesson.MATCH) this.matchTexts.push((await this.generate(m.t, this.seed)).text);
      if (!this.sys.isActive()) return;
      this.phase = 'match';
      this.render();
      this.els.slider.focus();
    } catch {
      if (this.sys.isActive()) this.rest();
    }
  }

  private onSlide(): void {
    const v = Number(this.els.slider.value);
    if (!Number.isFinite(v)) return;
    this.temperature = Math.min(lesson.MAX_T, Math.max(lesson.MIN_T, v));
    this.renderSlider();
    this.publish();
    this.redrawSoon();
  }

  private onLabel(position: number, value: Label): void {
    this.match = lesson.label(this.match, position, value);
    this.right = null;
    this.render();
  }

  private onCheck(): void {
    if (this.phase !== 'match') return;
    const { state, right } = lesson.check(this.match);
    this.match = state;
    this.right = right;
    app().sound.play(state.solved ? 'good' : 'try');
    if (state.solved) this.phase = 'find';
    this.render();
    if (state.solved) this.els.write.focus();
  }

  private async onWrite(newSeed: boolean): Promise<void> {
    if (this.phase !== 'find' && this.phase !== 'done') return;
    if (newSeed) this.writeSeed += 1;
    const temperature = this.temperature;
    const phase = this.phase;
    this.els.write.disabled = true;
    this.els.again.disabled = true;
    this.els.message.textContent = t('temperature:writing');
    try {
      const [zero, yours, hot] = [
        await this.generate(0, this.writeSeed),
        await this.generate(temperature, this.writeSeed),
        await this.generate(lesson.MAX_T, this.writeSeed),
      ];
      if (!this.sys.isActive()) return;
      const verdict = lesson.judge(yours.tokens, yours.plain, lesson.LIMITS[this.lang]);
      this.writes += 1;
      this.written = { t: temperature, yours, zero, hot, verdict };
      if (verdict === 'justRight' && this.writesToJustRight === null) this.writesToJustRight = this.writes;
      app().sound.play(verdict === 'justRight' ? 'good' : 'try');
      this.phase = this.writesToJustRight !== null ? 'done' : phase;
      this.render();
      if (this.phase === 'done') this.els.finish.focus();
    } catch {
      if (this.sys.isActive()) this.rest();
    }
  }

  private async finish(): Promise<void> {
    if (this.phase !== 'done') return;
    await this.completeLevel(
      'temperature',
      lesson.stars(this.match, this.writesToJustRight),
      'temperature:learned',
    );
  }

  /** The last reshape: the summary, the hook and the chart all read it for the same temperature. */
  private top: { probs: Float64Array; t: number; bars: { token: string; p: number }[] } | null = null;

  /** The next-word chances at the slider's temperature: the model's own, reshaped (once per value). */
  private reshapedTop(): { token: string; p: number }[] {
    if (this.probs.length === 0) return [];
    if (this.top?.probs === this.probs && this.top.t === this.temperature) return this.top.bars;
    const tokens = this.info?.tokens ?? [];
    const bars = topK(lesson.reshape(this.probs, this.temperature), 10, SPECIAL).map((r) => ({
      token: tokens[r.id] ?? '?',
      p: r.p,
    }));
    this.top = { probs: this.probs, t: this.temperature, bars };
    return bars;
  }

  private tText(): string {
    return this.temperature.toFixed(2);
  }

  private renderSlider(): void {
    const e = this.els;
    e.value.textContent = t('temperature:value', { t: this.tText() });
    e.slider.setAttribute('aria-valuetext', t('temperature:value', { t: this.tText() }));
    e.explain.textContent = `${t('temperature:formula')} ${t(this.temperature < 1 ? 'temperature:low' : 'temperature:high')}`;
    e.write.textContent = t('temperature:write', { t: this.tText() });
    const top = this.reshapedTop();
    e.summary.textContent = top.length
      ? t('temperature:barsSummary', {
          t: this.tText(),
          list: top.map((b) => `${show(b.token)} ${percent(b.p)}`).join(', '),
        })
      : '';
  }

  private storyCard(n: number, text: string, extra: HTMLElement[] = [], testId = 'story'): HTMLElement {
    return h(
      'article',
      { class: 'story card', 'data-testid': testId },
      h('h2', { class: 'story-title' }, t('temperature:story', { n })),
      h(
        'p',
        { class: `story-text${this.lang === 'zh' ? ' no-spaces' : ''}` },
        readable(this.lang, `${this.prompt}${this.lang === 'en' ? ' ' : ''}${text}`),
      ),
      ...extra,
    );
  }

  private render(): void {
    const p = this.phase;
    const e = this.els;
    const playing = p === 'writing' || p === 'match' || p === 'find' || p === 'done';
    e.introCard.hidden = playing;
    e.body.hidden = !playing;
    e.start.disabled = p !== 'intro';
    e.introStatus.textContent =
      p === 'resting'
        ? t('temperature:resting')
        : p === 'loading'
          ? t('temperature:loading', { percent: 0 })
          : '';
    e.prompt.textContent = this.prompt ? t('temperature:prompt', { text: this.prompt }) : '';
    e.slider.value = String(this.temperature);
    e.slider.disabled = p === 'writing';
    this.renderSlider();
    e.step.textContent =
      p === 'writing'
        ? t('temperature:writing')
        : t(p === 'match' ? 'temperature:step1' : 'temperature:step2');

    // Step 1: three stories to label (rebuilt, so keyboard focus moves to the same radio again).
    const focused =
      document.activeElement instanceof HTMLInputElement ? document.activeElement.dataset.testid : undefined;
    e.matchBox.hidden = p === 'writing';
    e.matchBox.replaceChildren(
      ...this.match.order.map((m, pos) => {
        const group = h('div', { class: 'choices', role: 'radiogroup' });
        group.setAttribute('aria-label', t('temperature:labelFor', { n: pos + 1 }));
        for (const value of LABELS) {
          const input = h('input', {
            type: 'radio',
            name: `story-${this.seed}-${pos}`,
            value,
            'data-testid': `label-${pos}-${value}`,
            disabled: this.match.solved,
          });
          input.checked = this.match.answers[pos] === value;
          input.addEventListener('change', () => this.onLabel(pos, value));
          group.append(
            h('label', { class: 'choice' }, input, h('span', {}, t(`temperature:label.${value}` as Key))),
          );
        }
        const mark =
          this.right === null
            ? []
            : [h('p', { class: 'mark', 'data-testid': `mark-${pos}` }, this.right[pos] ? '✓' : '✗')];
        return this.storyCard(pos + 1, this.matchTexts[m] ?? '', [group, ...mark]);
      }),
    );
    if (focused?.startsWith('label-'))
      (e.matchBox.querySelector(`[data-testid="${focused}"]`) as HTMLInputElement | null)?.focus();
    e.check.hidden = p !== 'match';
    e.check.disabled = this.match.answers.some((a) => a === null);

    // Step 2: write at the slider's temperature, next to T = 0 and T = 2.
    e.findBox.hidden = p !== 'find' && p !== 'done';
    e.write.disabled = false;
    e.again.disabled = this.written === null;
    const w = this.written;
    e.columns.replaceChildren(
      ...(w
        ? [
            this.storyCard(1, w.zero.text, [], 'story-zero'),
            this.storyCard(2, w.yours.text, [], 'story-yours'),
            this.storyCard(3, w.hot.text, [], 'story-hot'),
          ].map((card, i) => {
            const heading = card.querySelector('h2') as HTMLElement;
            heading.textContent =
              i === 0
                ? t('temperature:side.zero')
                : i === 1
                  ? t('temperature:side.yours', { t: w.t.toFixed(2) })
                  : t('temperature:side.hot');
            return card;
          })
        : []),
    );
    e.message.textContent =
      w && (p === 'find' || p === 'done')
        ? t(`temperature:verdict.${w.verdict}` as Key)
        : this.right
          ? t(this.match.solved ? 'temperature:matchRight' : 'temperature:matchWrong')
          : '';
    e.finish.hidden = p !== 'done';
    this.publish();
    this.redrawSoon();
  }

  private publish(): void {
    const w = this.written;
    updateHook({
      level: {
        id: 'temperature',
        state: {
          phase: this.phase,
          seed: this.seed,
          temperature: this.temperature,
          prompt: this.prompt,
          distribution: this.modelTop,
          bars: this.reshapedTop(),
          match: {
            order: this.match.order,
            answers: this.match.answers,
            checks: this.match.checks,
            solved: this.match.solved,
          },
          matchTexts: this.matchTexts,
          writes: this.writes,
          written: w
            ? { t: w.t, verdict: w.verdict, text: w.yours.text, zero: w.zero.text, hot: w.hot.text }
            : null,
          writesToJustRight: this.writesToJustRight,
          stars: lesson.stars(this.match, this.writesToJustRight),
        },
      },
      view: null,
    });
  }

  protected layout(): void {
    const g = this.graphics;
    if (!this.els) return;
    const top = this.els.body.hidden ? [] : this.reshapedTop();
    drawBarChart(
      this,
      g,
      this.labels,
      this.rectOf(this.els.playfield),
      top.map((b, i) => ({ label: show(b.token), value: b.p, text: percent(b.p), favourite: i === 0 })),
      { maxRow: 30 },
    );
  }

  protected override shutdown(): void {
    this.labels = [];
  }
}
