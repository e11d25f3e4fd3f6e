import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { SceneKey } from '../keys';
import { drawBarChart } from '../barChart';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { content, currentLang, t, type Key } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import { mulberry32 } from '../../src/lessons/rng';
import * as lesson from '../../src/lessons/nextWord';
import type { Candidate, Rating, RoundResult } from '../../src/lessons/nextWord';
import type { LoadInfo } from '../../src/model/client';
import type { Lang } from '../../src/lm/tokenizer';

type Phase = 'loading' | 'resting' | 'intro' | 'thinking' | 'choose' | 'reveal' | 'done';

/** Pad, unknown and begin are never shown; "end of story" (3) is shown as a bar, never as a tile. */
const FIRST_SHOWN_ID = 3;
const FIRST_WORD_ID = 4;
const show = (token: string): string => (token === '<eos>' ? t('nextWord:end') : token);

/** Level "next-word": guess the model's next word, one word at a time, on the real model. */
export class NextWordScene extends LevelScene {
  private lang: Lang = 'en';
  private seed = 1;
  private phase: Phase = 'loading';
  private info: LoadInfo | null = null;
  private text = '';
  private round = 0;
  private ranked: Candidate[] = [];
  private top: Candidate[] = [];
  private tiles: Candidate[] = [];
  private results: RoundResult[] = [];
  private message: { key: string; params?: Record<string, string> } | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private els!: {
    round: HTMLElement;
    score: HTMLElement;
    sentence: HTMLElement;
    instruction: HTMLElement;
    message: HTMLElement;
    playfield: HTMLElement;
    summary: HTMLElement;
    tiles: HTMLElement;
    typed: HTMLInputElement;
    typeForm: HTMLFormElement;
    next: HTMLButtonElement;
    introCard: HTMLElement;
    introStatus: HTMLElement;
    start: HTMLButtonElement;
    freeForm: HTMLFormElement;
    freeInput: HTMLInputElement;
    freeMessage: HTMLElement;
    body: HTMLElement;
  };

  constructor() {
    super(SceneKey.NextWord);
  }

  protected build(data: unknown): void {
    this.lang = currentLang();
    this.seed = (data as { seed?: number } | undefined)?.seed ?? (Date.now() % 2 ** 31) + 1;
    this.phase = 'loading';
    this.text = '';
    this.round = 0;
    this.results = [];
    this.message = null;
    void app().startLevel('next-word');
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const round = h('p', { class: 'round', 'data-testid': 'round' });
    const score = h('p', { class: 'round', 'data-testid': 'score' });
    const sentence = h('p', { class: 'sentence', 'data-testid': 'sentence', 'aria-live': 'polite' });
    if (this.lang === 'zh') sentence.classList.add('no-spaces');
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const summary = h('p', {
      class: 'visually-hidden',
      'aria-live': 'polite',
      'data-testid': 'bars-summary',
    });
    const playfield = h('div', { class: 'playfield', role: 'img', 'data-testid': 'playfield' }, summary);
    ui.attr(playfield, 'aria-label', 'nextWord:barsLabel');
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    ui.attr(tiles, 'aria-label', 'nextWord:choose');

    const typed = h('input', {
      type: 'text',
      class: 'text-input',
      'data-testid': 'typed',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      maxlength: 60,
    });
    ui.attr(typed, 'placeholder', 'nextWord:typePlaceholder');
    ui.attr(typed, 'aria-label', 'nextWord:typeLabel');
    const use = ui.button('nextWord:use', () => undefined, { class: 'btn' });
    use.type = 'submit';
    use.setAttribute('data-testid', 'use');
    const typeForm = h('form', { class: 'type-form', 'data-testid': 'type-form' }, typed, use);
    ui.listen(typeForm, 'submit', (e) => {
      e.preventDefault();
      this.onTyped();
    });

    const next = h('button', { type: 'button', class: 'btn btn-primary btn-next', 'data-testid': 'next' });
    ui.listen(next, 'click', () => this.onNext());
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'nextWord:keyHint');

    const introStatus = h('p', { class: 'note', 'data-testid': 'intro-status', role: 'status' });
    const freeInput = h('input', {
      type: 'text',
      class: 'text-input',
      'data-testid': 'free-input',
      autocomplete: 'off',
      maxlength: 400,
    });
    ui.attr(freeInput, 'aria-label', 'nextWord:free.label');
    ui.attr(freeInput, 'placeholder', 'nextWord:free.placeholder');
    const freeGo = ui.button('nextWord:free.go', () => undefined, { class: 'btn' });
    freeGo.type = 'submit';
    freeGo.setAttribute('data-testid', 'free-go');
    const freeMessage = h('p', { class: 'message', 'data-testid': 'free-message', role: 'status' });
    const freeForm = h(
      'form',
      { class: 'free-form' },
      ui.text(h('p', { class: 'free-title' }), 'nextWord:free.title'),
      h('div', { class: 'type-form' }, freeInput, freeGo),
      freeMessage,
    );
    ui.listen(freeForm, 'submit', (e) => {
      e.preventDefault();
      void this.beginPlay(freeInput.value);
    });
    const { card: introCard, start } = this.introCard(
      'next-word',
      'nextWord:intro',
      () => void this.beginPlay(null),
      { start: 'nextWord:start', before: [introStatus], after: [freeForm] },
    );
    const body = h(
      'main',
      { class: 'level-body' },
      sentence,
      instruction,
      message,
      playfield,
      tiles,
      typeForm,
      h('div', { class: 'level-actions' }, next, keyHint),
    );
    this.mountLevel('next-word', body, introCard, [round, score]);
    this.els = {
      round,
      score,
      sentence,
      instruction,
      message,
      playfield,
      summary,
      tiles,
      typed,
      typeForm,
      next,
      introCard,
      introStatus,
      start,
      freeForm,
      freeInput,
      freeMessage,
      body,
    };
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    // The model is per language: a new language starts the level again with its model.
    this.followLanguage(this.lang, this.seed, () => this.render());
    this.render();
    void this.loadModel();
  }

  private async loadModel(): Promise<void> {
    this.info = await this.loadLevelModel(this.lang, this.els.introStatus, 'nextWord:loading');
    this.ids = new Map(this.info?.tokens.map((token, id) => [token, id]));
    if (!this.sys.isActive()) return;
    this.phase = this.info ? 'intro' : 'resting';
    this.render();
    if (this.info) this.els.start.focus();
  }

  /** The vocabulary by token, built once when the model is loaded. */
  private ids = new Map<string, number>();
  private known = (token: string): boolean => this.ids.has(token);

  /** Starts with one of the level's openings (chosen by the seed) or the player's own beginning. */
  private async beginPlay(own: string | null): Promise<void> {
    if (this.phase !== 'intro') return;
    const openings = content('nextWord').openings as readonly string[];
    if (own !== null) {
      const text = own.normalize('NFKC').trim();
      if (text === '') {
        this.els.freeMessage.textContent = t('nextWord:free.empty');
        return;
      }
      this.text = text;
    } else {
      this.text = openings[(this.seed - 1) % openings.length] as string;
    }
    app().sound.play('tap');
    await this.startRound();
    if (own !== null && (this.phase as Phase) === 'choose') this.explainPrompt();
  }

  private prepared: { cut: number; unknown: string[] } = { cut: 0, unknown: [] };

  private explainPrompt(): void {
    const { cut, unknown } = this.prepared;
    if (unknown.length > 0)
      this.message = { key: 'nextWord:free.unknown', params: { words: unknown.join(', ') } };
    else if (cut > 0) this.message = { key: 'nextWord:free.cut' };
    this.render();
  }

  private async startRound(): Promise<void> {
    this.phase = 'thinking';
    this.message = null;
    this.render();
    try {
      const d = await app().model.distribution(this.text, lesson.TOP, { full: true });
      if (!this.sys.isActive()) return;
      const probs = d.probs ?? new Float64Array();
      const tokens = this.info?.tokens ?? [];
      this.prepared = { cut: d.cut, unknown: d.unknown };
      this.ranked = Array.from(probs, (p, id) => ({ id, token: tokens[id] ?? '', p }))
        .filter((c) => c.id >= FIRST_SHOWN_ID)
        .sort((a, b) => b.p - a.p || a.id - b.id);
      this.top = d.top.map((c) => ({ id: c.id, token: c.token, p: c.p }));
      const rng = mulberry32((this.seed ^ Math.imul(this.round + 1, 0x9e3779b1)) >>> 0);
      this.tiles = lesson.makeTiles(this.lang, this.ranked, rng);
      this.phase = 'choose';
      this.render();
      (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
    } catch {
      if (!this.sys.isActive()) return;
      this.phase = 'resting';
      this.render();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    if (e.target instanceof HTMLInputElement) return;
    const n = Number(e.key);
    if (this.phase === 'choose' && Number.isInteger(n) && n >= 1 && n <= this.tiles.length) {
      e.preventDefault();
      this.onPick((this.tiles[n - 1] as Candidate).id);
    }
  }

  private onTyped(): void {
    if (this.phase !== 'choose') return;
    const check = lesson.checkTyped(this.lang, this.els.typed.value, this.known);
    if (!check.ok) {
      this.message = {
        key: `nextWord:problem.${check.problem}`,
        params: { word: this.els.typed.value.trim().slice(0, lesson.MAX_TYPED) },
      };
      app().sound.play('try');
      this.render();
      this.els.typed.focus();
      return;
    }
    const id = this.ids.get(check.token) ?? -1;
    if (id >= FIRST_WORD_ID) this.onPick(id);
  }

  private onPick(id: number): void {
    if (this.phase !== 'choose') return;
    const result = lesson.score(this.lang, this.text, this.ranked, id);
    this.results = [...this.results, result];
    this.text = lesson.extend(this.lang, this.text, result.pick.token);
    this.round += 1;
    this.phase = 'reveal';
    this.message = { key: `nextWord:rating.${result.rating}` };
    this.els.typed.value = '';
    app().sound.play(result.rating === 'favourite' || result.rating === 'likely' ? 'good' : 'try');
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    if (this.phase !== 'reveal') return;
    app().sound.play('tap');
    if (this.round >= lesson.ROUNDS) {
      this.phase = 'done';
      this.render();
      void this.finish();
      return;
    }
    void this.startRound();
  }

  private ratings(): Rating[] {
    return this.results.map((r) => r.rating);
  }

  private async finish(): Promise<void> {
    await this.completeLevel('next-word', lesson.stars(this.ratings()), 'nextWord:learned');
  }

  private points(): number {
    return this.results.reduce((s, r) => s + lesson.points(r.rating), 0);
  }

  private currentBars(): lesson.Bar[] {
    if (this.phase !== 'reveal' && this.phase !== 'done') return [];
    const last = this.results[this.results.length - 1];
    return last ? lesson.bars(this.ranked, last.pick.id, last.favourite.id) : [];
  }

  private render(): void {
    const p = this.phase;
    const playing = p === 'thinking' || p === 'choose' || p === 'reveal' || p === 'done';
    const e = this.els;
    e.introCard.hidden = playing;
    e.body.hidden = !playing;
    e.start.disabled = p !== 'intro';
    e.freeForm.hidden = p !== 'intro';
    e.introStatus.textContent =
      p === 'resting' ? t('nextWord:resting') : p === 'loading' ? t('nextWord:loading', { percent: 0 }) : '';
    e.round.textContent = playing
      ? t('nextWord:round', {
          n: Math.min(this.round + (p === 'choose' || p === 'thinking' ? 1 : 0), lesson.ROUNDS) || 1,
          total: lesson.ROUNDS,
        })
      : '';
    e.score.textContent = playing ? t('nextWord:score', { n: this.points(), max: 3 * lesson.ROUNDS }) : '';

    const last = this.results[this.results.length - 1];
    const revealed = (p === 'reveal' || p === 'done') && last !== undefined;
    const before = revealed ? last.prompt : this.text;
    // Shown with capitals where sentences start (the model writes lower case); same length, so it splits.
    const shown = lesson.readable(this.lang, revealed ? this.text : before);
    e.sentence.replaceChildren(
      h('span', { class: 'prompt' }, shown.slice(0, before.length)),
      ...(revealed
        ? [
            shown.slice(before.length, shown.length - last.pick.token.length),
            h('span', { class: 'added new' }, shown.slice(shown.length - last.pick.token.length)),
          ]
        : [this.lang === 'en' ? ' ' : '', h('span', { class: 'blank', 'aria-hidden': 'true' }, '____')]),
    );
    e.instruction.textContent =
      p === 'thinking' ? t('nextWord:thinking') : p === 'choose' ? t('nextWord:choose') : '';
    e.message.textContent = this.message ? t(this.message.key as Key, this.message.params) : '';

    e.tiles.replaceChildren(
      ...this.tiles.map((c, pos) => {
        const picked = (p === 'reveal' || p === 'done') && last?.pick.id === c.id;
        const b = h(
          'button',
          {
            type: 'button',
            class: `tile${picked ? ' tile-picked' : ''}`,
            'data-testid': 'tile',
            'data-id': c.id,
            'aria-keyshortcuts': String(pos + 1),
            'aria-pressed': picked ? 'true' : 'false',
            disabled: p !== 'choose',
          },
          h('span', { class: 'tile-key', 'aria-hidden': 'true' }, String(pos + 1)),
          h('span', { class: 'tile-word' }, c.token),
        );
        b.addEventListener('click', () => this.onPick(c.id));
        return b;
      }),
    );
    e.typeForm.hidden = p !== 'choose';
    e.next.hidden = p !== 'reveal' && p !== 'done';
    e.next.disabled = p === 'done';
    e.next.textContent = t(this.round >= lesson.ROUNDS ? 'nextWord:finish' : 'nextWord:next');

    const bars = this.currentBars();
    e.summary.textContent = bars.length
      ? t('nextWord:barsSummary', {
          list: bars.map((b) => `${show(b.token)} ${lesson.percent(b.p)}`).join(', '),
          word: last?.pick.token ?? '',
          p: lesson.percent(last?.pick.p ?? 0),
        })
      : '';
    this.publish(bars);
    this.layout();
  }

  private publish(bars: lesson.Bar[]): void {
    const last = this.results[this.results.length - 1];
    updateHook({
      level: {
        id: 'next-word',
        state: {
          phase: this.phase,
          seed: this.seed,
          round: this.round,
          rounds: lesson.ROUNDS,
          text: this.text,
          backend: this.info?.backend ?? null,
          tiles: this.tiles.map((c) => ({ id: c.id, token: c.token })),
          // What the model returned for this round: its top words and their probabilities.
          distribution:
            this.phase === 'thinking' ? [] : this.top.map((c) => ({ id: c.id, token: c.token, p: c.p })),
          bars: bars.map((b) => ({ id: b.id, token: b.token, p: b.p, picked: b.picked })),
          pick: last
            ? { token: last.pick.token, p: last.pick.p, rank: last.rank, rating: last.rating }
            : null,
          ratings: this.ratings(),
          points: this.points(),
          stars: lesson.stars(this.ratings()),
          message: this.message?.key ?? null,
        },
      },
      view: null,
    });
  }

  protected layout(): void {
    const g = this.graphics;
    if (!this.els) return;
    const bars = this.els.body.hidden ? [] : this.currentBars();
    drawBarChart(
      this,
      g,
      this.labels,
      this.rectOf(this.els.playfield),
      bars.map((b) => ({
        label: show(b.token),
        value: b.p,
        text: lesson.percent(b.p),
        picked: b.picked,
        favourite: b.favourite,
      })),
      { pickTag: t('nextWord:yourPick'), maxRow: 36 },
    );
  }

  protected override shutdown(): void {
    this.labels = [];
  }
}
