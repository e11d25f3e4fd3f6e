import { BaseScene } from './BaseScene';
import { SceneKey } from './keys';
import { app } from '../src/app';
import { h } from '../src/ui/overlay';
import { content, t } from '../src/i18n';
import { updateHook } from '../src/hook';

/** Credits: every data source with its licence (from data/PROVENANCE.md), in both languages. */
export class CreditsScene extends BaseScene {
  constructor() {
    super(SceneKey.Credits);
  }

  protected build(): void {
    const list = h('ul', { class: 'credits', 'data-testid': 'credits-list' });
    const render = (): void => {
      const sources = content('credits').sources;
      list.replaceChildren(
        ...Object.entries(sources).map(([id, s]) =>
          h(
            'li',
            { 'data-source': id },
            h('h2', {}, s.name),
            h('p', {}, s.what),
            h('p', { class: 'note' }, `${t('common:credits.licence')}: ${s.licence}`),
            s.from !== '—' ? h('p', { class: 'note' }, `${t('common:credits.source')}: ${s.from}`) : null,
          ),
        ),
      );
      updateHook({ level: null, view: { sources: Object.keys(sources) } });
    };
    render();
    this.ui.onRetranslate(render);
    const panel = h(
      'main',
      { class: 'card panel panel-scroll' },
      this.ui.text(h('h1', {}), 'common:credits.title'),
      this.ui.text(h('p', {}), 'common:credits.intro'),
      list,
      this.ui.text(h('p', { class: 'note' }), 'common:credits.madeBy'),
    );
    this.ui.el.append(this.ui.topBar({ back: () => app().navigate({ name: 'map' }) }), panel);
  }

  protected layout(): void {}
}
