import type Phaser from 'phaser';
import { ModelLevelScene } from './ModelLevelScene';
import { drawBarChart } from '../barChart';
import { Colors, FONT_STACK } from '../keys';
import { asPoints } from '../draw';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { barsPlayfield, submitForm, textInput, tokenLabel, wordTile } from '../widgets';
import { labPicture } from '../lab';
import { currentLang, t, type Key } from '../../src/i18n';
import { percent, readable } from '../../src/lessons/nextWord';
import * as lesson from '../../src/lessons/inside';
import type { InsideData, InsideProgress, Challenge, Verdict } from '../../src/lessons/inside';
import type { InsideView } from '../../src/model/client';
import { BOS, SPECIALS } from '../../src/lm/tokenizer';

/** Beams are drawn to at most this many of the last tokens (the ones before are one row). */
const BEAM_ROWS = 10;
/** Next-word bars shown. */
const TOP = 5;
/** Beginnings on tiles (the data has more: the challenge is found among them). */
const TILES = 4;

/** Level "inside": the three steps, the heads' beams, switching a head off, and how big real models are. */
export class InsideScene extends ModelLevelScene {
  private measured: InsideData | null = null;
  private view: InsideView | null = null;
  /** The favourite with every head on, for the text shown. */
  private allOnFavourite: { id: number; token: string } | null = null;
  private text = '';
  private mask: number[] = [];
  private selected: number | null = null;
  private progress: InsideProgress = lesson.START;
  private challenge: Challenge | null = null;
  private verdict: Verdict | null = null;
  private busy = false;
  /** How many answers of the model have come (the tokens and blocks are drawn once for each). */
  private answers = 0;
  private drawnKey = '';
  private tilesKey = '';
  /** The next render plays the pipeline's animation (a new text was read). */
  private animate = false;
  /** The player pressed start. */
  private started = false;
  /** Asks in flight are numbered: only the newest answer is drawn. */
  private asked = 0;
  private message: { key: Key; params?: Record<string, string> } | null = null;
  private beamGrow = 1;
  private beamTween: Phaser.Tweens.Tween | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private beamGraphics!: Phaser.GameObjects.Graphics;
  private barLabels: Phaser.GameObjects.Text[] = [];
  private beamLabels: Phaser.GameObjects.Text[] = [];
  private els!: ReturnType<InsideScene['makeElements']>;

  constructor() {
    super('inside');
  }

  private show(token: string): string {
    if (token === SPECIALS[BOS]) return t('inside:startToken');
    return tokenLabel(this.lang, token, 'nextWord:end').text;
  }

  protected build(): void {
    this.measured = null;
    this.view = null;
    this.allOnFavourite = null;
    this.text = '';
    this.mask = [];
    this.selected = null;
    this.progress = lesson.START;
    this.challenge = null;
    this.verdict = null;
    this.busy = false;
    this.answers = 0;
    this.drawnKey = '';
    this.tilesKey = '';
    this.started = false;
    this.message = null;
    this.beamGrow = 1;
    this.beamTween = null;
    this.graphics = this.add.graphics();
    this.beamGraphics = this.add.graphics();
    this.barLabels = [];
    this.beamLabels = [];
    this.els = this.makeElements();
    this.mount({ body: this.els.body, start: 'inside:start' }, () => void this.begin());
    this.ui.listen(window, 'keydown', (ev) => this.onKey(ev));
    void this.fetchData<InsideData>('inside').then(
      (d) => {
        if (!d) return;
        this.measured = d;
        this.render();
      },
      () => this.rest(),
    );
    this.render();
  }

  private makeElements() {
    const ui = this.ui;
    const section = (cls: string, ...kids: HTMLElement[]) =>
      h('section', { class: `inside-step ${cls}` }, ...kids);
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    ui.attr(tiles, 'aria-label', 'inside:beginnings');
    const typed = textInput(ui, {
      testId: 'typed',
      maxlength: 200,
      label: 'inside:typeLabel',
      placeholder: 'inside:typePlaceholder',
    });
    const typeForm = submitForm(ui, {
      testId: 'type-form',
      input: typed,
      go: 'inside:go',
      goId: 'go',
      onSubmit: () => void this.look(typed.value, true),
    });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const step1Title = h('h2', { class: 'inside-title' });
    const step1Text = h('p', { class: 'note' });
    const tokens = h('ol', { class: 'inside-tokens', 'data-testid': 'tokens' });
    const step2Title = h('h2', { class: 'inside-title' });
    const step2Text = h('p', { class: 'note' });
    const blocks = h('div', { class: 'inside-blocks', 'data-testid': 'blocks' });
    const headInfo = h('p', { class: 'inside-head-info', 'data-testid': 'head-info', 'aria-live': 'polite' });
    const { box: beams, summary: beamsSummary } = labPicture(ui, 'inside:beamsLabel', {
      testId: 'beams',
      summaryId: 'beams-summary',
      kind: 'playfield-short inside-beams',
    });
    const switchHead = ui.button('inside:allOn', () => this.onSwitch(), { class: 'btn', testId: 'switch' });
    const allOn = ui.button('inside:allOn', () => this.onAllOn(), { class: 'btn', testId: 'all-on' });
    const step3Title = ui.text(h('h2', { class: 'inside-title' }), 'inside:step3');
    const step3Text = ui.text(h('p', { class: 'note' }), 'inside:step3Text');
    const favourite = h('p', {
      class: 'inside-favourite',
      'data-testid': 'favourite',
      'aria-live': 'polite',
    });
    const favouriteWas = h('p', { class: 'note', 'data-testid': 'favourite-was' });
    const { box: bars, summary: barsSummary } = barsPlayfield(ui, 'inside:barsLabel', true);
    bars.classList.add('inside-bars');
    const challengeIntro = ui.text(h('p', { class: 'note' }), 'inside:challenge.intro');
    const challengeText = h('p', { 'data-testid': 'challenge-text' });
    const challengeStatus = h('p', { class: 'message', 'data-testid': 'challenge-status', role: 'status' });
    const challengeGo = ui.button('inside:challenge.go', () => void this.startChallenge(), {
      class: 'btn btn-primary',
      testId: 'challenge-go',
    });
    const sizeGo = ui.button('inside:size.go', () => this.onSize(), { class: 'btn', testId: 'size-go' });
    const sizeBox = h('div', { class: 'inside-size', 'data-testid': 'size' });
    const finish = this.finishButton(() => void this.completeLevel(lesson.starsFor(this.progress)));
    const finishHint = ui.text(h('p', { class: 'note' }), 'inside:finishHint');
    const body = h(
      'main',
      { class: 'level-body level-scroll inside' },
      section(
        'inside-pick',
        ui.text(h('p', { class: 'instruction' }), 'inside:pick'),
        tiles,
        typeForm,
        message,
      ),
      section('inside-step1', step1Title, step1Text, tokens),
      section(
        'inside-step2',
        step2Title,
        step2Text,
        blocks,
        headInfo,
        beams,
        h('div', { class: 'level-actions' }, switchHead, allOn),
      ),
      section('inside-step3', step3Title, step3Text, favourite, favouriteWas, bars),
      section(
        'inside-challenge',
        ui.text(h('h2', { class: 'inside-title' }), 'inside:challenge.title'),
        challengeIntro,
        challengeText,
        challengeGo,
        challengeStatus,
      ),
      section('inside-size-step', sizeGo, sizeBox),
      h(
        'div',
        { class: 'level-actions' },
        finishHint,
        finish,
        ui.text(h('p', { class: 'note key-hint' }), 'inside:keyHint'),
      ),
    );
    // prettier-ignore
    return { body, tiles, typed, typeForm, message, step1Title, step1Text, tokens, step2Title, step2Text, blocks, headInfo, beams, beamsSummary, switchHead, allOn, favourite, favouriteWas, bars, barsSummary, challengeText, challengeStatus, challengeGo, sizeGo, sizeBox, finish, finishHint };
  }

  protected hasProgress(): boolean {
    return this.progress.looked.size > 0 || this.progress.found !== null;
  }

  private async begin(): Promise<void> {
    if (this.modelPhase !== 'ready' || !this.measured) return;
    const first = this.measured.beginnings[this.seed % Math.min(TILES, this.measured.beginnings.length)];
    this.started = true;
    await this.look(first ?? '', false);
  }

  /** The model reads a beginning (a tile's or the player's own) with every head on. */
  private async look(text: string, own: boolean): Promise<void> {
    if (this.modelPhase !== 'ready' || this.busy) return;
    if (text.trim() === '') {
      this.message = { key: 'inside:problem.empty' };
      this.render();
      return;
    }
    this.text = text.trim();
    this.mask = lesson.allOn(this.layers(), this.heads());
    if (!own || this.challenge?.text !== this.text) {
      this.challenge = null;
      this.verdict = null;
    }
    app().sound.play('tap');
    const view = await this.ask();
    if (!view) return;
    this.allOnFavourite = view.top[0] ?? null;
    this.animate = true;
    this.message = null;
    if (view.unknown.length > 0)
      this.message = { key: 'inside:problem.unknown', params: { words: view.unknown.join(', ') } };
    else if (view.cut > 0)
      this.message = { key: 'inside:problem.cut', params: { n: String(this.info?.context ?? 0) } };
    this.render();
    this.growBeams();
  }

  private layers(): number {
    return this.measured?.layers ?? 0;
  }

  private heads(): number {
    return this.measured?.heads ?? 0;
  }

  /** One run of the model on the text with the mask; the newest ask wins. */
  private async ask(): Promise<InsideView | null> {
    const n = ++this.asked;
    this.busy = true;
    this.render();
    try {
      const view = await app().model.inside(this.text, TOP, this.mask.length > 0 ? this.mask : undefined);
      if (!this.sys.isActive() || n !== this.asked) return null;
      this.busy = false;
      this.view = view;
      this.answers++;
      return view;
    } catch {
      if (this.sys.isActive()) this.rest();
      return null;
    }
  }

  private onPickHead(index: number): void {
    if (!this.view || this.busy) return;
    this.selected = index;
    const looked = new Set(this.progress.looked);
    looked.add(index);
    this.progress = { ...this.progress, looked };
    app().sound.play('tap');
    this.render();
    this.growBeams();
  }

  private async onSwitch(): Promise<void> {
    if (this.selected === null || !this.view || this.busy) return;
    const before = lesson.offHeads(this.mask);
    this.mask = lesson.switchOne(this.mask, this.selected);
    this.message = before.length > 0 && !before.includes(this.selected) ? { key: 'inside:oneOff' } : null;
    await this.rerun();
  }

  private async onAllOn(): Promise<void> {
    if (!this.view || this.busy) return;
    this.mask = lesson.allOn(this.layers(), this.heads());
    this.message = null;
    await this.rerun();
  }

  private async rerun(): Promise<void> {
    app().sound.play('tap');
    const view = await this.ask();
    if (!view) return;
    const now = view.top[0]?.id ?? -1;
    if (this.challenge && this.challenge.text === this.text) {
      this.verdict = lesson.judge(this.challenge, this.mask, now);
      if (this.verdict === 'found' && this.progress.found === null) {
        this.progress = { ...this.progress, found: lesson.offHeads(this.mask)[0] ?? null };
        app().sound.play('good');
      }
    }
    this.render();
  }

  /** The challenge: the data's hardest beginning, every head tried by the model first. */
  private async startChallenge(): Promise<void> {
    const text = this.measured ? lesson.hardestChallenge(this.measured) : null;
    if (!text || this.modelPhase !== 'ready' || this.busy) return;
    setText(this.els.challengeStatus, t('inside:challenge.thinking'));
    await this.look(text, false);
    this.busy = true;
    this.render();
    try {
      const effects = await app().model.headEffects(text);
      if (!this.sys.isActive()) return;
      this.busy = false;
      if (this.text !== text || !this.allOnFavourite) return;
      this.challenge = lesson.challengeFrom(text, this.allOnFavourite.id, effects, this.heads());
      this.verdict = 'allOn';
      this.render();
    } catch {
      this.rest();
    }
  }

  private onSize(): void {
    this.progress = { ...this.progress, sized: true };
    app().sound.play('tap');
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    if (e.target instanceof HTMLInputElement || !this.playing) return;
    const b = this.measured?.beginnings.slice(0, TILES)[Number(e.key) - 1];
    if (b && /^[1-9]$/.test(e.key)) {
      e.preventDefault();
      void this.look(b, false);
    }
  }

  /** The beams grow from the last word (at once with reduced motion). */
  private growBeams(): void {
    this.beamTween?.stop();
    const ms = this.motion(500);
    if (ms === 0) {
      this.beamGrow = 1;
      this.layout();
      return;
    }
    this.beamGrow = 0;
    const o = { v: 0 };
    this.beamTween = this.tweens.add({
      targets: o,
      v: 1,
      duration: ms,
      // Only the beams are drawn again while they grow.
      onUpdate: () => {
        this.beamGrow = o.v;
        if (this.els) this.drawBeams(this.playing ? this.view : null);
      },
    });
  }

  protected render(): void {
    if (!this.els) return;
    const e = this.els;
    const ready = this.modelPhase === 'ready';
    const v = this.view;
    const d = this.measured;
    this.showIntro(!ready || !this.started);
    // Tiles and heads are drawn anew: the one that had the focus gets it back.
    const focused = document.activeElement as HTMLElement | null;
    const keep = focused?.dataset.testid === 'head' || focused?.dataset.testid === 'tile' ? focused : null;
    const keepId = keep ? `${keep.dataset.testid}:${keep.dataset.index ?? keep.dataset.pos}` : null;
    const L = v?.layers ?? 0;
    const H = v?.heads ?? 0;
    const tilesKey = `${this.text}|${(d?.beginnings ?? []).join('|')}`;
    if (tilesKey !== this.tilesKey) {
      this.tilesKey = tilesKey;
      e.tiles.replaceChildren(
        ...(d?.beginnings ?? []).slice(0, TILES).map((b, pos) =>
          wordTile({
            pos,
            word: readable(this.lang, b),
            picked: b === this.text,
            disabled: false,
            data: { pos },
            onPick: () => void this.look(b, false),
          }),
        ),
      );
    }
    setText(e.message, this.message ? t(this.message.key, this.message.params) : '');

    // Step 1: the tokens, their ids and the first numbers they enter the blocks with.
    const strip = v && v.tokens.length > 0 ? v.entering.length / v.tokens.length : 0;
    setText(e.step1Title, t('inside:step1'));
    setText(e.step1Text, t('inside:step1Text', { n: String(strip), d: String(v?.dModel ?? 0) }));
    const table = d?.table ?? [];
    const off = new Set(lesson.offHeads(this.mask));
    // The tokens and the blocks are drawn anew only for a new answer of the model (or language).
    const key = `${this.answers}:${currentLang()}`;
    const rebuild = key !== this.drawnKey;
    this.drawnKey = key;
    if (rebuild) {
      const ids = v?.ids ?? [];
      e.tokens.replaceChildren(
        ...(v?.tokens ?? []).map((tok, i) => {
          const values = Array.from(v?.entering.subarray(i * strip, i * strip + strip) ?? []);
          const li = h(
            'li',
            { class: `inside-token${this.animate ? ' inside-anim' : ''}` },
            h('span', { class: 'inside-word' }, this.show(tok)),
            h('span', { class: 'inside-id' }, t('inside:tokenId', { id: String(ids[i] ?? '') })),
            this.strip(
              values,
              t('inside:strip', { word: this.show(tok), values: values.map(lesson.shownValue).join(', ') }),
            ),
          );
          return styled(li, '--i', String(i));
        }),
      );

      // Step 2: the blocks and their heads.
      setText(e.step2Title, t('inside:step2', { blocks: String(L) }));
      setText(e.step2Text, t('inside:step2Text', { heads: String(H) }));
      const rows: HTMLElement[] = [];
      for (let l = 0; l < L; l++) {
        const after = Array.from(v?.lastStates.subarray((l + 1) * strip, (l + 2) * strip) ?? []);
        const heads = Array.from({ length: H }, (_, hd) => {
          const index = l * H + hd;
          const rec = table[index];
          const pattern = rec?.pattern ?? 'spread';
          const b = h(
            'button',
            {
              type: 'button',
              class: 'inside-head',
              'data-testid': 'head',
              'data-index': index,
              'data-pattern': pattern,
            },
            h(
              'span',
              { class: 'inside-head-name' },
              t('inside:head', { block: String(l + 1), head: String(hd + 1) }),
            ),
            h('span', { class: 'inside-head-tag' }, t(`inside:pattern.${pattern}`)),
          );
          b.addEventListener('click', () => this.onPickHead(index));
          return b;
        });
        rows.push(
          styled(
            h(
              'div',
              { class: `inside-block${this.animate ? ' inside-anim' : ''}`, 'data-testid': 'block' },
              h('p', { class: 'inside-block-name' }, t('inside:block', { n: String(l + 1) })),
              h('div', { class: 'inside-heads' }, ...heads),
              this.strip(
                after,
                t('inside:stripAfter', { n: String(l + 1), values: after.map(lesson.shownValue).join(', ') }),
              ),
            ),
            '--i',
            String(l),
          ),
        );
      }
      e.blocks.replaceChildren(...rows);
    }
    // What changes without a new answer: which head is picked and which are off.
    for (const b of e.blocks.querySelectorAll<HTMLButtonElement>('[data-testid="head"]')) {
      const index = Number(b.dataset.index);
      const rec = table[index];
      const pattern = rec?.pattern ?? 'spread';
      b.classList.toggle('inside-head-picked', this.selected === index);
      b.classList.toggle('inside-head-off', off.has(index));
      b.setAttribute('aria-pressed', this.selected === index ? 'true' : 'false');
      b.setAttribute(
        'aria-label',
        t('inside:headLabel', {
          block: String(Math.floor(index / Math.max(1, H)) + 1),
          head: String((index % Math.max(1, H)) + 1),
          does: t(`inside:does.${pattern}`),
          off: off.has(index) ? t('inside:headOff') : '',
        }),
      );
    }

    if (keepId) {
      const [id, n] = keepId.split(':');
      const again = this.ui.el.querySelector<HTMLElement>(
        `[data-testid="${id}"][data-${id === 'head' ? 'index' : 'pos'}="${n}"]`,
      );
      again?.focus();
    }
    // The pipeline plays once for each text read, not on every redraw.
    this.animate = false;
    const sel = this.selected;
    const rec = sel === null ? null : table[sel];
    if (sel === null || !rec) setText(e.headInfo, t('inside:pickHead'));
    else {
      const name = t('inside:head', { block: String(rec.layer + 1), head: String(rec.head + 1) });
      const top =
        rec.pattern === 'near'
          ? rec.shares.self + rec.shares.prev + rec.shares.twoBack
          : rec.pattern === 'spread'
            ? 0
            : rec.tops[rec.pattern];
      setText(
        e.headInfo,
        t('inside:headInfo', {
          name,
          does: t(`inside:does.${rec.pattern}`),
          measured:
            rec.pattern === 'spread'
              ? t('inside:measuredSpread')
              : t(rec.pattern === 'near' ? 'inside:measuredNear' : 'inside:measured', {
                  share: percent(top),
                }),
        }),
      );
    }
    e.switchHead.hidden = sel === null;
    if (sel !== null && rec)
      setText(
        e.switchHead,
        t(off.has(sel) ? 'inside:switchOn' : 'inside:switchOff', {
          head: `${rec.layer + 1}.${rec.head + 1}`,
        }),
      );
    e.allOn.hidden = off.size === 0;

    // Step 3: the chances.
    const fav = v?.top[0];
    setText(e.favourite, fav ? t('inside:favourite', { word: this.show(fav.token) }) : '');
    setText(
      e.favouriteWas,
      off.size > 0 && this.allOnFavourite
        ? t('inside:favouriteWas', { word: this.show(this.allOnFavourite.token) })
        : '',
    );
    setText(
      e.barsSummary,
      v
        ? t('inside:barsSummary', {
            list: v.top.map((c) => `${this.show(c.token)} ${percent(c.p)}`).join(', '),
          })
        : '',
    );

    // The challenge.
    const ch = this.challenge;
    const challengeText = d ? lesson.hardestChallenge(d) : null;
    e.challengeGo.hidden = ch !== null || !challengeText;

    setText(
      e.challengeText,
      ch && this.allOnFavourite
        ? t('inside:challenge.text', {
            text: readable(this.lang, ch.text),
            word: this.show(this.allOnFavourite.token),
          })
        : '',
    );
    const offOne = lesson.offHeads(this.mask)[0];
    const offName =
      offOne === undefined
        ? ''
        : `${Math.floor(offOne / Math.max(1, H)) + 1}.${(offOne % Math.max(1, H)) + 1}`;
    if (ch && this.text === ch.text && this.verdict === 'notYet')
      setText(
        e.challengeStatus,
        t('inside:challenge.notYet', {
          head: offName,
          word: this.show(fav?.token ?? ''),
        }),
      );
    else if (ch && this.text === ch.text && this.verdict === 'found')
      setText(
        e.challengeStatus,
        t('inside:challenge.found', {
          head: offName,
          word: this.show(fav?.token ?? ''),
          was: this.show(this.allOnFavourite?.token ?? ''),
        }),
      );
    else if (!this.busy || ch) setText(e.challengeStatus, '');

    // How big.
    e.sizeGo.hidden = this.progress.sized;
    e.sizeBox.hidden = !this.progress.sized;
    if (this.progress.sized && e.sizeBox.childElementCount === 0) e.sizeBox.append(...this.sizePicture());

    const isWon = lesson.won(this.progress);
    e.finish.hidden = !isWon;
    e.finishHint.hidden = !isWon;
    this.publishState();
    this.layout();
  }

  /** A strip of numbers: a bar up for a positive one, down for a negative one (its shape, not only its colour). */
  private strip(values: readonly number[], label: string): HTMLElement {
    const max = Math.max(1e-6, ...values.map((x) => Math.abs(x)));
    const s = h(
      'span',
      { class: 'inside-strip', role: 'img' },
      ...values.map((x) =>
        h(
          'span',
          { class: `inside-cell ${x < 0 ? 'inside-neg' : 'inside-pos'}` },
          styled(h('span', { class: 'inside-bar' }), 'height', `${Math.round((Math.abs(x) / max) * 100)}%`),
        ),
      ),
    );
    s.setAttribute('aria-label', label);
    return s;
  }

  private sizePicture(): HTMLElement[] {
    const ours = { layers: this.layers(), heads: this.heads(), parameters: this.measured?.parameters ?? 0 };
    const sizes = lesson.sizes(ours);
    const locale = this.lang === 'zh' ? 'zh-CN' : 'en';
    // "175 billion", "1750亿": words a child reads, not twelve digits.
    const fmt = new Intl.NumberFormat(locale, {
      notation: 'compact',
      compactDisplay: 'long',
      maximumSignificantDigits: 3,
    });
    const rows = sizes.map((m) =>
      h(
        'div',
        { class: 'inside-size-row', 'data-testid': `size-${m.key}` },
        h('p', { class: 'inside-size-name' }, t(`inside:size.${m.key}`)),
        h(
          'p',
          { class: 'note' },
          `${t('inside:size.blocks', { n: String(m.blocks) })} · ${t('inside:size.weights', { n: fmt.format(m.weights) })}`,
        ),
        h(
          'div',
          { class: 'inside-squares', 'aria-hidden': 'true' },
          ...Array.from({ length: m.blocks }, () =>
            h('span', { class: `inside-square inside-square-${m.key}` }),
          ),
        ),
      ),
    );
    const gpt3 = sizes[2]?.weights ?? 0;
    return [
      this.ui.text(h('h2', { class: 'inside-title' }), 'inside:size.title'),
      this.ui.text(h('p', { class: 'note' }), 'inside:size.picture'),
      ...rows,
      h(
        'p',
        { 'data-testid': 'size-times' },
        t('inside:size.times', { n: fmt.format(lesson.timesBigger(ours.parameters, gpt3)) }),
      ),
      this.ui.text(h('p', { class: 'note' }), 'inside:size.source'),
    ];
  }

  private publishState(): void {
    const v = this.view;
    const sel = this.selected;
    const H = v?.heads ?? 0;
    const t0 = v?.ids.length ?? 0;
    this.publish({
      phase: this.phaseShown(this.busy ? 'thinking' : v ? 'shown' : 'intro'),
      text: this.text,
      tokens: v?.tokens ?? [],
      ids: v?.ids ?? [],
      layers: v?.layers ?? 0,
      heads: H,
      mask: this.mask,
      off: lesson.offHeads(this.mask),
      selected: sel,
      beams: sel === null || !v ? [] : Array.from(v.lastRow.subarray(sel * t0, sel * t0 + t0)),
      patterns: (this.measured?.table ?? []).map((r) => r.pattern),
      top: v?.top ?? [],
      favourite: v?.top[0]?.token ?? null,
      allOnFavourite: this.allOnFavourite?.token ?? null,
      challenge: this.challenge,
      verdict: this.verdict,
      looked: [...this.progress.looked],
      found: this.progress.found,
      sized: this.progress.sized,
      won: lesson.won(this.progress),
      stars: lesson.starsFor(this.progress),
      message: this.message?.key ?? null,
    });
  }

  protected layout(): void {
    if (!this.els) return;
    const v = this.playing ? this.view : null;
    const r = this.rectOf(this.els.bars);
    drawBarChart(
      this,
      this.graphics,
      this.barLabels,
      r,
      (v?.top ?? []).map((c, i) => ({
        label: this.show(c.token),
        value: c.p,
        text: percent(c.p),
        favourite: i === 0,
      })),
      { maxRow: 34 },
    );
    this.drawBeams(v);
  }

  /** The selected head's beams from the last word back to the words before it, as thick as its weights. */
  private drawBeams(v: InsideView | null): void {
    const g = this.beamGraphics;
    g.clear();
    const sel = this.selected;
    const area = this.rectOf(this.els.beams);
    for (const l of this.beamLabels) l?.setVisible(false);
    if (!v || sel === null || area.width <= 0) {
      setText(this.els.beamsSummary, '');
      return;
    }
    const t0 = v.ids.length;
    const weights = v.lastRow.subarray(sel * t0, sel * t0 + t0);
    const { rows, earlier } = lesson.beamRows(v.tokens, weights, BEAM_ROWS);
    const all = [...(earlier ? [{ token: '', w: earlier.w, index: -1 }] : []), ...rows];
    const rowH = Math.min(28, (area.height - 12) / Math.max(1, all.length));
    const x0 = area.x + Math.min(150, area.width * 0.4);
    const yOf = (k: number) => area.y + 6 + rowH * (k + 0.5);
    const last = all.length - 1;
    const label = (k: number, text: string, x: number, y: number, right = false) => {
      let o = this.beamLabels[k];
      if (!o) {
        o = this.add.text(0, 0, '', { fontFamily: FONT_STACK, fontSize: '16px', color: '#1b2a3a' });
        this.beamLabels[k] = o;
      }
      o.setText(text)
        .setPosition(x, y)
        .setOrigin(right ? 1 : 0, 0.5)
        .setVisible(true);
      const size = `${Math.round(Math.min(16, rowH * 0.7))}px`;
      // Setting a text's size draws it again: only when it changes.
      if (o.style.fontSize !== size) o.setFontSize(size);
    };
    const maxW = Math.max(1e-6, ...all.map((r) => r.w));
    const bulgeOf = (y: number) => Math.min(area.width - (x0 - area.x) - 70, 30 + (yOf(last) - y) * 0.9);
    const maxBulge = bulgeOf(yOf(0));
    all.forEach((r, k) => {
      const y = yOf(k);
      const word = r.index < 0 ? t('inside:earlier', { n: String(earlier?.n ?? 0) }) : this.show(r.token);
      label(k * 2, word, x0 - 8, y, true);
      if (k === last) {
        // The word being read: a filled dot (shape, not colour alone).
        g.fillStyle(Colors.ink, 1).fillCircle(x0, y, 6);
        return;
      }
      const grow = this.beamGrow;
      const width = 1 + 12 * (r.w / maxW) * grow;
      const yl = yOf(last);
      const bulge = bulgeOf(y);
      const curve = new PhaserCurve(x0, yl, x0 + bulge, (y + yl) / 2, x0, y);
      g.lineStyle(width, Colors.blue, 0.35 + 0.65 * (r.w / maxW));
      g.strokePoints(asPoints(curve.points(24, grow)), false);
      g.fillStyle(Colors.orange, 1).fillTriangle(x0 - 6, y - 5, x0 - 6, y + 5, x0 + 2, y);
      // The weights in a column right of the widest beam.
      if (r.w >= 0.05) label(k * 2 + 1, percent(r.w), x0 + maxBulge + 20, y, false);
    });
    const rec = this.measured?.table[sel];
    setText(
      this.els.beamsSummary,
      t('inside:beamsSummary', {
        head: rec ? `${rec.layer + 1}.${rec.head + 1}` : '',
        word: this.show(v.tokens[t0 - 1] ?? ''),
        list: all
          .filter((r, k) => k !== last && r.w >= 0.05)
          .map(
            (r) =>
              `${r.index < 0 ? t('inside:earlier', { n: String(earlier?.n ?? 0) }) : this.show(r.token)} ${percent(r.w)}`,
          )
          .join(', '),
      }),
    );
  }

  protected override shutdown(): void {
    this.beamTween?.stop();
    this.barLabels = [];
    this.beamLabels = [];
  }
}

/** Sets an element's text only when it changes (a change makes the page lay itself out again). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets one style property through the CSSOM (the page's CSP allows no style attributes). */
function styled<E extends HTMLElement>(el: E, prop: string, value: string): E {
  el.style.setProperty(prop, value);
  return el;
}

/** A quadratic curve as points, the first `share` of it (the beams grow from the last word). */
class PhaserCurve {
  constructor(
    private readonly x0: number,
    private readonly y0: number,
    private readonly cx: number,
    private readonly cy: number,
    private readonly x1: number,
    private readonly y1: number,
  ) {}

  points(n: number, share: number): { x: number; y: number }[] {
    const out = [];
    const end = Math.max(0.02, Math.min(1, share));
    for (let i = 0; i <= n; i++) {
      const s = (i / n) * end;
      const a = (1 - s) * (1 - s);
      const b = 2 * (1 - s) * s;
      const c = s * s;
      out.push({ x: a * this.x0 + b * this.cx + c * this.x1, y: a * this.y0 + b * this.cy + c * this.y1 });
    }
    return out;
  }
}
