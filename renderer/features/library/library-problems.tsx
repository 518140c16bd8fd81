import { useEffect, useState } from 'react';
import { api, listen, unwrap } from '../../lib/bridge';
import { useTranslator } from '../../i18n/use-translator';

interface Problem {
  readonly path: string;
  readonly message: string;
}

const SHOWN = 3;

/** What the library could not index or had to repair (a damaged catalog, a sidecar edited by hand), said once. */
export function LibraryProblems() {
  const translate = useTranslator();
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const load = () => void unwrap(api().library.problems()).then(setProblems, () => setProblems([]));
    load();
    return listen((bridge) => [bridge.library.onChanged(load)]) ?? undefined;
  }, []);

  if (dismissed || problems.length === 0) return null;
  return (
    <div role="status" className="notice library-problems" data-testid="library-problems">
      <ul>
        {problems.slice(0, SHOWN).map((problem) => (
          <li key={`${problem.path}:${problem.message}`}>
            <strong>{problem.path}</strong>: {problem.message}
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
