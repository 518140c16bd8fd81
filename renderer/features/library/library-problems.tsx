import { useEffect, useState } from 'react';
import { translateRef } from '../../../shared/i18n/error-text';
import { useTranslator } from '../../i18n/use-translator';
import { listen } from '../../lib/bridge';
import { useLibraryStore } from './library-store';

const SHOWN = 3;

/** What the library could not index or had to repair (a damaged catalog, a sidecar edited by hand), said once. */
export function LibraryProblems() {
  const translate = useTranslator();
  const problems = useLibraryStore((state) => state.problems);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const { loadProblems } = useLibraryStore.getState();
    void loadProblems();
    return listen((bridge) => [bridge.library.onChanged(() => void loadProblems())]) ?? undefined;
  }, []);

  if (dismissed || problems.length === 0) return null;
  return (
    <div role="status" className="notice library-problems" data-testid="library-problems">
      <ul>
        {problems.slice(0, SHOWN).map((problem) => (
          <li key={`${problem.path}:${problem.message}`}>
            <strong>{problem.path}</strong>:{' '}
            {problem.text
              ? [translateRef(translate, problem.text), translateRef(translate, problem.moreText)]
                  .filter(Boolean)
                  .join(' ')
              : problem.message}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN && <p>{translate.t('library.problemsMore', { count: problems.length - SHOWN })}</p>}
      <button type="button" onClick={() => setDismissed(true)}>
        {translate.t('library.problemsDismiss')}
      </button>
    </div>
  );
}
