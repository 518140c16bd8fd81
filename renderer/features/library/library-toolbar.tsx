import { Columns2, X } from 'lucide-react';
import { SearchField } from '../../ui/search-field';
import { IconButton } from '../../ui/icon-button';
import { useCompareStore } from '../compare';
import { useLibraryStore } from './library-store';
import { SelectMenu } from '../../ui/select-menu';
import { SwitchField } from '../../ui/switch-field';
import { useTranslator } from '../../i18n/use-translator';

/** Search, sort and the favorites filter. */
export function LibraryToolbar() {
  const translate = useTranslator();
  const { t } = translate;
  const query = useLibraryStore((state) => state.query);
  const total = useLibraryStore((state) => state.total);
  const { setQuery } = useLibraryStore.getState();
  const picked = useCompareStore((state) => state.picked);
  const { open, clear } = useCompareStore.getState();
  return (
    <div className="library-toolbar">
      <SearchField
        className="library-search"
        data-testid="library-search"
        aria-label={t('library.search')}
        placeholder={t('library.search')}
        value={query.search}
        onChange={(event) => setQuery({ search: event.target.value })}
      />
      <span className="toolbar-group">
        <span className="field-label" id="library-sort-label">
          {t('library.sort.label')}
        </span>
        <SelectMenu
          testId="library-sort"
          label={t('library.sort.label')}
          value={query.search.trim() ? 'relevance' : query.sort}
          disabled={query.search.trim() !== ''}
          onChange={(sort) => setQuery({ sort })}
          choices={(['newest', 'oldest', 'duration', 'title', 'relevance'] as const).map((sort) => ({
            value: sort,
            label: t(`library.sort.${sort}`),
            disabled: sort === 'relevance' && !query.search.trim(),
          }))}
        />
      </span>
      <SwitchField
        testId="library-favorites"
        label={t('library.favoritesOnly')}
        checked={query.favorites}
        onChange={(favorites) => setQuery({ favorites })}
      />
      {picked.length > 0 && (
        <span className="toolbar-group compare-tray" data-testid="compare-tray">
          <button
            type="button"
            className="small primary"
            data-testid="compare-open"
            disabled={picked.length < 2}
            onClick={() => void open()}
          >
            <Columns2 size={14} aria-hidden="true" />
            {picked.length < 2 ? t('library.comparePickMore') : t('library.compareCount', { count: picked.length })}
          </button>
          <IconButton icon={X} label={t('library.compareClear')} onClick={clear} />
        </span>
      )}
      <span className="library-count" data-testid="library-count">
        {t('library.count', { count: total })}
      </span>
    </div>
  );
}
