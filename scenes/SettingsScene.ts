import { HtmlScene } from './HtmlScene';
import { SceneKey } from './keys';
import { app } from '../src/app';
import { h, openDialog, toast } from '../src/ui/overlay';
import { currentLang, t, type Lang } from '../src/i18n';
import { updateHook } from '../src/hook';

/** Settings: language, sound, less motion, reset progress (with a confirmation). */
export class SettingsScene extends HtmlScene {
  constructor() {
    super(SceneKey.Settings);
  }

  protected build(): void {
    const ui = this.ui;
    const heading = ui.text(h('h1', {}), 'common:settings.title');

    // Language: two radio buttons, each named in its own language.
    const langSet = h('fieldset', { class: 'setting' }, ui.text(h('legend', {}), 'common:settings.language'));
    const radios = (['en', 'zh'] as const).map((lang: Lang) => {
      const input = h('input', { type: 'radio', name: 'lang', value: lang, 'data-testid': `lang-${lang}` });
      ui.listen(input, 'change', () => {
        if (input.checked) void app().setLanguage(lang);
      });
      const label = h(
        'label',
        { class: 'choice' },
        input,
        ui.text(h('span', {}), `common:settings.langNames.${lang}`),
      );
      langSet.append(label);
      return input;
    });
    const syncRadios = (): void => radios.forEach((r) => (r.checked = r.value === currentLang()));
    syncRadios();
    ui.onRetranslate(syncRadios);

    const toggle = (
      key: 'sound' | 'reducedMotion',
      get: () => boolean,
      hintKey?: 'common:settings.reducedMotionHint',
    ) => {
      const input = h('input', { type: 'checkbox', role: 'switch', 'data-testid': `setting-${key}` });
      input.checked = get();
      ui.listen(input, 'change', () => {
        void app().updateSettings({ [key]: input.checked });
        this.publish();
      });
      const label = h(
        'label',
        { class: 'setting switch' },
        input,
        ui.text(h('span', {}), key === 'sound' ? 'common:settings.sound' : 'common:settings.reducedMotion'),
      );
      if (hintKey) label.append(ui.text(h('small', { class: 'hint' }), hintKey));
      return label;
    };

    const reset = ui.button('common:settings.reset', () => this.confirmReset(), { class: 'btn btn-danger' });
    reset.setAttribute('data-testid', 'reset');
    const storage = ui.text(
      h('p', { class: 'note', 'data-testid': 'storage-status' }),
      app().store.mode() === 'idb' && !app().storageProblem()
        ? 'common:settings.storageOk'
        : 'common:settings.storageMemory',
    );
    const version = ui.text(h('p', { class: 'note' }), 'common:app.version', { version: __APP_VERSION__ });
    const model = this.modelSection();

    const panel = h(
      'main',
      { class: 'card panel' },
      heading,
      langSet,
      toggle('sound', () => app().settings().sound),
      toggle('reducedMotion', () => app().reducedMotion(), 'common:settings.reducedMotionHint'),
      h('div', { class: 'setting' }, ui.text(h('h2', {}), 'common:settings.storage'), storage, reset),
      model,
      version,
    );
    ui.el.append(ui.topBar({ back: () => app().navigate({ name: 'map' }) }), panel);
    this.publish();
  }

  /** Which backend runs the model and how fast, with a button to try it. */
  private modelSection(): HTMLElement {
    const ui = this.ui;
    const status = h('p', { class: 'note', 'data-testid': 'model-status', 'aria-live': 'polite' });
    // What runs the model, in words; its technical name small, under it.
    const technical = h('small', { class: 'hint', 'data-testid': 'model-technical' });
    const answer = h('p', { 'data-testid': 'model-answer' });
    const show = (): void => {
      const info = app().model.info;
      const gpu = info?.backend === 'webgpu';
      technical.hidden = app().model.isResting || !info;
      technical.textContent = technical.hidden
        ? ''
        : t(gpu ? 'common:settings.modelTechnicalWebgpu' : 'common:settings.modelTechnicalWasm');
      if (app().model.isResting) status.textContent = t('common:settings.modelResting');
      else if (info)
        status.textContent = t(gpu ? 'common:settings.modelReadyWebgpu' : 'common:settings.modelReadyWasm', {
          ms: info.msPerWord.toFixed(1),
        });
      else status.textContent = t('common:settings.modelIdle');
    };
    const tryIt = ui.button(
      'common:settings.modelTry',
      () => {
        tryIt.disabled = true;
        const lang = currentLang();
        void app()
          .loadModel(lang, (loaded, total) => {
            status.textContent = t('common:settings.modelLoading', {
              percent: total ? Math.round((100 * loaded) / total) : 0,
            });
          })
          .then(() => app().model.distribution(t('common:settings.modelPrompt'), 3))
          .then((d) => {
            const list = d.top
              .map((w) => `${w.token} ${(w.p * 100).toFixed(1)}%`)
              .join(lang === 'zh' ? '，' : ', ');
            answer.textContent = t('common:settings.modelTop', {
              prompt: t('common:settings.modelPrompt'),
              list,
            });
            updateHook({ view: { ...this.hookView(), model: { ...app().model.info, top: d.top } } });
          })
          .catch(() => undefined)
          .finally(() => {
            tryIt.disabled = false;
            show();
          });
      },
      { class: 'btn', testId: 'model-try' },
    );
    show();
    ui.onRetranslate(show);
    return h(
      'div',
      { class: 'setting' },
      ui.text(h('h2', {}), 'common:settings.modelTitle'),
      status,
      technical,
      tryIt,
      answer,
    );
  }

  private hookView(): Record<string, unknown> {
    return { settings: app().settings(), reducedMotion: app().reducedMotion() };
  }

  private confirmReset(): void {
    openDialog(this.ui, {
      title: 'common:settings.resetConfirmTitle',
      testId: 'reset-dialog',
      body: [this.ui.text(h('p', {}), 'common:settings.resetConfirmText')],
      actions: [
        { key: 'common:settings.cancel', primary: true, testId: 'reset-cancel', onClick: () => undefined },
        {
          key: 'common:settings.resetConfirm',
          testId: 'reset-confirm',
          onClick: () =>
            void app()
              .resetProgress()
              .then(() => toast('common:settings.resetDone')),
        },
      ],
    });
  }

  private publish(): void {
    updateHook({ level: null, view: this.hookView() });
  }
}
