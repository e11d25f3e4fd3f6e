import { LevelScene, type LevelParts } from './LevelScene';
import { app } from '../../src/app';
import { h, openDialog } from '../../src/ui/overlay';
import { currentLang, t } from '../../src/i18n';
import { ModelSuperseded, type LoadInfo } from '../../src/model/client';
import type { Lang } from '../../src/lm/tokenizer';
import { openTeachStore } from '../../src/storage/teach';

export type ModelPhase = 'loading' | 'resting' | 'ready';

/**
 * A level that asks the language model. It owns, once for every such level: loading the model of
 * the player's language with progress on the intro card (`<ns>:loading`), the resting mode when the
 * model cannot run (`<ns>:resting`, every other level still plays), and the language switch: the
 * model speaks one language, so a switch starts again in the new one, after asking when the player
 * has something to lose.
 */
export abstract class ModelLevelScene extends LevelScene {
  /** The language of this game's model (fixed for the game). */
  protected lang: Lang = 'en';
  protected info: LoadInfo | null = null;
  protected modelPhase: ModelPhase = 'loading';
  /** The vocabulary by token, built once when the model is loaded. */
  protected vocab: ReadonlyMap<string, number> = new Map();
  private status: HTMLElement | null = null;
  private percent = 0;
  /** Whether this level's words come from the model with what the player taught it (level teach). */
  protected taughtInUse = false;
  /** False for the level that teaches: it shows the model with and without the change itself. */
  protected readonly usesTaught: boolean = true;

  /** Draws the level's state again (after the model is ready or rests, or a language change). */
  protected abstract render(): void;
  /** Whether the player has something to lose by starting again (points, answers). */
  protected abstract hasProgress(): boolean;
  /** The model is ready: the start button works now. */
  protected onModelReady(): void {}

  override create(data: unknown): void {
    this.lang = currentLang();
    this.info = null;
    this.modelPhase = 'loading';
    this.vocab = new Map();
    this.status = null;
    this.percent = 0;
    this.taughtInUse = false;
    super.create(data);
    void this.loadModel();
  }

  protected override mount(parts: LevelParts, onStart: () => void): HTMLButtonElement {
    this.status = h('p', { class: 'note', 'data-testid': 'intro-status', role: 'status' });
    const start = super.mount({ ...parts, before: [this.status, ...(parts.before ?? [])] }, onStart);
    this.ui.onRetranslate(() => this.followLanguage());
    this.renderStatus();
    return start;
  }

  private renderStatus(): void {
    const start = this.startButton;
    if (start) start.disabled = this.modelPhase !== 'ready';
    if (!this.status) return;
    this.status.textContent =
      this.modelPhase === 'resting'
        ? t(this.key('resting'))
        : this.modelPhase === 'loading'
          ? t(this.key('loading'), { percent: this.percent })
          : this.taughtInUse
            ? t('common:level.usesTaught')
            : '';
  }

  private async loadModel(): Promise<void> {
    let info: LoadInfo | null = null;
    try {
      info = await app().loadModel(this.lang, (loaded, total) => {
        this.percent = total > 0 ? Math.round((100 * loaded) / total) : 0;
        if (this.sys.isActive()) this.renderStatus();
      });
    } catch (e) {
      // A newer load (another language's game) took over: that game shows its own state.
      if (e instanceof ModelSuperseded) return;
    }
    if (!this.sys.isActive()) return;
    this.info = info;
    this.vocab = new Map(info?.tokens.map((token, id) => [token, id]));
    if (!info) {
      this.rest();
      return;
    }
    if (this.usesTaught) {
      await this.useTaught();
      if (!this.sys.isActive()) return;
    }
    this.modelPhase = 'ready';
    this.renderStatus();
    this.render();
    this.onModelReady();
    this.startButton?.focus();
  }

  /**
   * The change the player taught the model in this language, when they let the other levels use
   * it (level teach); else the model as trained. Unreadable storage: the model as trained.
   */
  private async useTaught(): Promise<void> {
    try {
      const store = openTeachStore();
      const [kept, shared] = await Promise.all([store.load(this.lang), store.shared(this.lang)]);
      const update = shared ? (kept.current?.update ?? null) : null;
      this.taughtInUse = await app().model.teachShare(update);
    } catch {
      this.taughtInUse = false;
    }
  }

  /** The phase the hook reports: the model's while it loads or rests, else the level's own. */
  protected phaseShown(phase: string): string {
    return this.modelPhase === 'ready' ? phase : this.modelPhase;
  }

  /** The model cannot answer: back to the intro card, which says so kindly. */
  protected rest(): void {
    if (!this.sys.isActive()) return;
    this.modelPhase = 'resting';
    this.showIntro(true);
    this.renderStatus();
    this.render();
  }

  private followLanguage(): void {
    this.renderStatus();
    if (currentLang() === this.lang) {
      this.render();
      return;
    }
    const restart = (): void => {
      this.scene.restart({ seed: this.seed });
    };
    if (!this.hasProgress()) {
      restart();
      return;
    }
    // The texts follow the new language at once; the game goes on in its own until the player says.
    this.render();
    openDialog(this.ui, {
      title: 'common:level.switchTitle',
      testId: 'switch-dialog',
      body: [this.ui.text(h('p', {}), 'common:level.switchText')],
      actions: [
        { key: 'common:level.switchRestart', testId: 'switch-restart', onClick: restart },
        {
          key: 'common:level.switchKeep',
          primary: true,
          testId: 'switch-keep',
          onClick: () => this.render(),
        },
      ],
    });
  }
}
