import { HtmlScene } from './HtmlScene';
import { SceneKey } from './keys';
import { app } from '../src/app';
import { h } from '../src/ui/overlay';
import { content, t } from '../src/i18n';
import { updateHook } from '../src/hook';

/**
 * Credits: every work the game's data come from, with the people who made it, its licence and
 * where a reader finds it (data/PROVENANCE.md has the exact copies), in both languages.
 */
export class CreditsScene extends HtmlScene {
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
            h('h2', {}, s.work),
            h('p', { class: 'credit-by' }, s.by),
            h('p', {}, s.what),
            s.licence !== '—'
              ? h('p', { class: 'note' }, t('common:credits.licenceLine', { licence: s.licence }))
              : null,
            s.where !== '—'
              ? h('p', { class: 'note' }, t('common:credits.whereLine', { where: s.where }))
              : null,
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
      this.ui.text(h('p', { class: 'note' }), 'common:credits.details'),
    );
    this.ui.el.append(this.ui.topBar({ back: () => app().navigate({ name: 'map' }) }), panel);
  }
}
