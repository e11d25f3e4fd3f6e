import type Phaser from 'phaser';
import { BaseScene } from '../BaseScene';
import { Colors, FONT_STACK, SceneKey } from '../keys';
import { drawStar } from '../draw';
import mascotUrl from '../../assets/mascot.svg';
import { app } from '../../src/app';
import { h, openDialog, starsElement } from '../../src/ui/overlay';
import { content, t } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import { levelById } from '../../src/lessons/levels';
import * as lesson from '../../src/lessons/oneWord';

type Phase = 'intro' | lesson.Phase;

/** Level "one-word": the player adds one word at a time, guessing the model's favourite. */
export class OneWordScene extends BaseScene {
  private state!: lesson.OneWordState;
  private intro = true;
  private saved = false;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private grow = { t: 1 };
  private growTween: Phaser.Tweens.Tween | null = null;
  private els!: {
    round: HTMLElement;
    sentence: HTMLElement;
    instruction: HTMLElement;
    playfield: HTMLElement;
    summary: HTMLElement;
    tiles: HTMLElement;
    next: HTMLButtonElement;
    introCard: HTMLElement;
    body: HTMLElement;
  };

  constructor() {
    super(SceneKey.OneWord);
  }

  private get content(): lesson.OneWordContent {
    return content('oneWord').content;
  }

  protected build(data: unknown): void {
    const seed = (data as { seed?: number } | undefined)?.seed ?? (Date.now() % 2 ** 31) + 1;
    this.state = lesson.start(this.content, seed);
    this.intro = true;
    this.saved = false;
    void app().startLevel('one-word');
    this.graphics = this.add.graphics();

    const ui = this.ui;
    const title = ui.text(h('h1', { class: 'level-title' }), 'levels:one-word.title');
    const round = h('p', { class: 'round', 'data-testid': 'round' });
    const sentence = h('p', { class: 'sentence', 'data-testid': 'sentence', 'aria-live': 'polite' });
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const summary = h('p', {
      class: 'visually-hidden',
      'aria-live': 'polite',
      'data-testid': 'bars-summary',
    });
    const playfield = h('div', { class: 'playfield', role: 'img', 'data-testid': 'playfield' }, summary);
    ui.attr(playfield, 'aria-label', 'oneWord:barsLabel');
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    ui.attr(tiles, 'aria-label', 'oneWord:choose');
    const next = h('button', { type: 'button', class: 'btn btn-primary btn-next', 'data-testid': 'next' });
    ui.listen(next, 'click', () => this.onNext());
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'oneWord:keyHint');

    const start = ui.button('oneWord:start', () => this.beginPlay(), { class: 'btn btn-primary' });
    start.setAttribute('data-testid', 'start');
    const introCard = h(
      'section',
      { class: 'card intro', 'data-testid': 'intro' },
      h('img', { src: mascotUrl, alt: '', width: 96, height: 96, class: 'mascot' }),
      ui.text(h('p', { class: 'goal' }), 'levels:one-word.goal'),
      ui.text(h('p', {}), 'oneWord:intro'),
      start,
    );
    const body = h(
      'main',
      { class: 'level-body' },
      sentence,
      instruction,
      playfield,
      tiles,
      h('div', { class: 'level-actions' }, next, keyHint),
    );
    ui.el.append(
      ui.topBar({
        back: () => app().navigate({ name: 'map' }),
        title: h('div', { class: 'title-block' }, title, round),
      }),
      body,
      introCard,
    );
    this.els = { round, sentence, instruction, playfield, summary, tiles, next, introCard, body };
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => this.render());
    this.render();
    start.focus();
  }

  private beginPlay(): void {
    if (!this.intro) return;
    this.intro = false;
    app().sound.play('tap');
    this.render();
    (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private phase(): Phase {
    return this.intro ? 'intro' : this.state.phase;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const n = Number(e.key);
    if (this.phase() === 'choose' && Number.isInteger(n) && n >= 1 && n <= this.state.order.length) {
      e.preventDefault();
      this.onPick(this.state.order[n - 1] as number);
    }
  }

  private onPick(index: number): void {
    const before = this.state;
    this.state = lesson.pick(this.state, this.content, index);
    if (this.state === before) return;
    const table = lesson.currentTable(this.state, this.content);
    app().sound.play(index === lesson.favouriteOf(table) ? 'good' : 'try');
    this.startGrow();
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    const before = this.state;
    this.state = lesson.advance(this.state, this.content);
    if (this.state === before) return;
    app().sound.play('tap');
    if (this.state.phase === 'done') {
      this.render();
      void this.finish();
      return;
    }
    this.render();
    (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private async finish(): Promise<void> {
    const stars = lesson.stars(this.state, this.content);
    if (!this.saved) {
      this.saved = true;
      await app().finishLevel('one-word', stars);
    }
    if (!this.sys.isActive()) return;
    app().sound.play('win');
    const next = levelById('one-word').unlocks;
    const nextPlayable = next !== null && levelById(next).scene !== null;
    openDialog(this.ui, {
      title: 'common:level.learnedTitle',
      testId: 'learned-card',
      body: [
        starsElement(stars, this.ui),
        this.ui.text(h('p', { class: 'earned' }), 'common:level.youEarned', { count: stars }),
        this.ui.text(h('p', { class: 'learned' }), 'oneWord:learned'),
      ],
      actions: [
        { key: 'common:level.again', testId: 'again', onClick: () => this.scene.restart({}) },
        ...(nextPlayable && next
          ? [
              {
                key: 'common:level.next' as const,
                testId: 'next-level',
                onClick: () => app().navigate({ name: 'play', levelId: next }),
              },
            ]
          : []),
        {
          key: 'common:level.toMap',
          primary: true,
          testId: 'to-map',
          onClick: () => app().navigate({ name: 'map' }),
        },
      ],
    });
  }

  private render(): void {
    const c = this.content;
    const s = this.state;
    const phase = this.phase();
    const { round, sentence, instruction, tiles, next, introCard, body, summary } = this.els;

    introCard.hidden = phase !== 'intro';
    body.hidden = phase === 'intro';
    round.textContent = t('oneWord:round', {
      n: Math.min(s.picks.length + (phase === 'choose' ? 1 : 0), s.rounds) || 1,
      total: s.rounds,
    });

    // The sentence: the prompt, the words added so far, and a blank while choosing.
    const words = lesson.addedWords(s, c);
    sentence.replaceChildren(
      h('span', { class: 'prompt' }, c.prompt),
      ...words.flatMap((w, i) => [
        c.joiner,
        h('span', { class: i === words.length - 1 && phase !== 'choose' ? 'added new' : 'added' }, w),
      ]),
      ...(phase === 'choose' ? [c.joiner, h('span', { class: 'blank', 'aria-hidden': 'true' }, '____')] : []),
    );
    if (c.joiner === '') sentence.classList.add('no-spaces');

    const table = lesson.currentTable(s, c);
    const fav = table.options[lesson.favouriteOf(table)] as lesson.WordOption;
    const picked =
      s.phase === 'choose'
        ? null
        : (table.options[s.picks[s.picks.length - 1] as number] as lesson.WordOption);
    instruction.textContent =
      phase === 'choose' || phase === 'intro'
        ? t('oneWord:choose')
        : picked === fav
          ? t('oneWord:revealFavourite', { word: fav.word })
          : t('oneWord:revealOther', { favourite: fav.word, word: picked?.word ?? '' });

    tiles.replaceChildren(
      ...s.order.map((index, pos) => {
        const option = table.options[index] as lesson.WordOption;
        const b = h(
          'button',
          {
            type: 'button',
            class: `tile${picked === option ? ' tile-picked' : ''}`,
            'data-testid': 'tile',
            'data-index': index,
            'aria-keyshortcuts': String(pos + 1),
            'aria-pressed': picked === option ? 'true' : 'false',
            disabled: phase !== 'choose',
          },
          h('span', { class: 'tile-key', 'aria-hidden': 'true' }, String(pos + 1)),
          h('span', { class: 'tile-word' }, option.word),
        );
        b.addEventListener('click', () => this.onPick(index));
        return b;
      }),
    );

    next.hidden = phase !== 'reveal' && phase !== 'done';
    next.disabled = phase === 'done';
    const last = s.tables.length === s.rounds && phase !== 'choose';
    next.textContent = t(last ? 'oneWord:finish' : 'oneWord:next');

    const bars = lesson.bars(s, c);
    summary.textContent =
      phase === 'reveal' || phase === 'done'
        ? t('oneWord:barsSummary', {
            list: bars.map((b) => `${b.word} ${b.p}%`).join(', '),
            word: picked?.word ?? '',
          })
        : '';
    this.publish(phase, bars);
    this.layout();
  }

  private publish(phase: Phase, bars: lesson.Bar[]): void {
    const c = this.content;
    const s = this.state;
    const table = lesson.currentTable(s, c);
    updateHook({
      level: {
        id: 'one-word',
        state: {
          phase,
          seed: s.seed,
          round: s.picks.length + (phase === 'choose' ? 1 : 0),
          rounds: s.rounds,
          sentence: lesson.sentence(s, c),
          options: s.order.map((i) => ({ index: i, word: (table.options[i] as lesson.WordOption).word })),
          bars: phase === 'reveal' || phase === 'done' ? bars : [],
          picks: s.picks,
          favouritesGuessed: lesson.favouritesGuessed(s, c),
          stars: lesson.stars(s, c),
        },
      },
      view: null,
    });
  }

  private startGrow(): void {
    this.growTween?.stop();
    this.grow.t = 0;
    const duration = this.motion(500);
    if (duration === 0) {
      this.grow.t = 1;
      return;
    }
    this.growTween = this.tweens.add({
      targets: this.grow,
      t: 1,
      duration,
      ease: 'Cubic.easeOut',
      onUpdate: () => this.drawBars(),
    });
  }

  protected layout(): void {
    this.drawBars();
  }

  /** The bars: the model's chance for each word, the player's pick marked by outline and tag, not colour alone. */
  private drawBars(): void {
    const g = this.graphics;
    g.clear();
    for (const l of this.labels) l.destroy();
    this.labels = [];
    const phase = this.phase();
    if (phase === 'intro') return;
    const area = this.rectOf(this.els.playfield);
    if (area.width < 40 || area.height < 40) return;
    const bars = lesson.bars(this.state, this.content);
    const revealed = phase === 'reveal' || phase === 'done';
    const rowH = Math.min(52, area.height / bars.length);
    const fontSize = Math.round(Math.max(14, Math.min(22, rowH * 0.42)));
    const labelW = Math.min(area.width * 0.3, 150);
    const barX = area.x + labelW + 12;
    // Room after the bar for the star, the percentage and the "your pick" tag.
    const narrow = area.width < 560;
    const maxW = Math.max(40, area.width - labelW - 12 - (narrow ? 110 : 250));
    const maxP = Math.max(...bars.map((b) => b.p));
    const text = (
      x: number,
      y: number,
      s: string,
      opts: Partial<Phaser.Types.GameObjects.Text.TextStyle> = {},
    ) => {
      const label = this.add.text(x, y, s, {
        fontFamily: FONT_STACK,
        fontSize: `${fontSize}px`,
        color: '#1b2a3a',
        resolution: window.devicePixelRatio || 1,
        ...opts,
      });
      this.labels.push(label);
      return label;
    };
    bars.forEach((b, i) => {
      const y = area.y + i * rowH + rowH / 2;
      const h = rowH * 0.62;
      text(barX - 10, y, revealed ? b.word : '?', { fontStyle: b.picked ? 'bold' : 'normal' }).setOrigin(
        1,
        0.5,
      );
      if (!revealed) {
        g.lineStyle(2, Colors.grey, 1);
        g.strokeRoundedRect(barX, y - h / 2, maxW * 0.15, h, 6);
        return;
      }
      const w = Math.max(4, (maxW * b.p * this.grow.t) / maxP);
      g.fillStyle(b.picked ? Colors.orange : Colors.blue, 1);
      g.fillRoundedRect(barX, y - h / 2, w, h, 6);
      if (b.picked) {
        g.lineStyle(4, Colors.ink, 1);
        g.strokeRoundedRect(barX, y - h / 2, w, h, 6);
      }
      let x = barX + w + 10;
      if (b.favourite) {
        drawStar(g, x + fontSize * 0.45, y, fontSize * 0.5, Colors.yellow);
        x += fontSize * 1.1;
      }
      const pct = text(x, y, `${b.p}%`, { fontStyle: 'bold' }).setOrigin(0, 0.5);
      if (b.picked)
        text(pct.x + pct.width + 6, y, narrow ? '◀' : `← ${t('oneWord:yourPick')}`).setOrigin(0, 0.5);
    });
  }

  protected override shutdown(): void {
    this.growTween = null;
    this.labels = [];
  }
}
