import { BaseScene } from './BaseScene';
import { SceneKey } from './keys';
import { app } from '../src/app';
import { h, openDialog, toast } from '../src/ui/overlay';
import { currentLang, type Lang } from '../src/i18n';
import { updateHook } from '../src/hook';

/** Settings: language, sound, less motion, reset progress (with a confirmation). */
export class SettingsScene extends BaseScene {
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

    const panel = h(
      'main',
      { class: 'card panel' },
      heading,
      langSet,
      toggle('sound', () => app().settings().sound),
      toggle('reducedMotion', () => app().reducedMotion(), 'common:settings.reducedMotionHint'),
      h('div', { class: 'setting' }, ui.text(h('h2', {}), 'common:settings.storage'), storage, reset),
      version,
    );
    ui.el.append(ui.topBar({ back: () => app().navigate({ name: 'map' }) }), panel);
    this.publish();
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
    updateHook({ level: null, view: { settings: app().settings(), reducedMotion: app().reducedMotion() } });
  }

  protected layout(): void {
    // Settings is all HTML; the canvas only shows the background colour.
  }
}
