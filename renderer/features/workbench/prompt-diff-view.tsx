import type { DraftVersion, PromptDiff } from '../../../shared/drafts/draft-models';
import { useTranslator } from '../../i18n/use-translator';

/** What changed in the prompt since a saved version: removed words struck through, added words marked. */
export function PromptDiffView({
  comparison,
  onClose,
}: {
  comparison: { version: DraftVersion; diff: PromptDiff };
  onClose: () => void;
}) {
  const translate = useTranslator();
  const { t } = translate;
  const unchanged = comparison.diff.every((part) => part.kind === 'same');
  return (
    <figure className="prompt-diff" data-testid="prompt-diff">
      <figcaption>
        {t('drafts.compareCaption', { date: translate.date(comparison.version.createdAt) })}{' '}
        <button type="button" onClick={onClose}>
          {t('drafts.compareClose')}
        </button>
      </figcaption>
      {unchanged ? (
        <p className="hint">{t('drafts.compareSame')}</p>
      ) : (
        <p>
          {comparison.diff.map((part, index) =>
            part.kind === 'added' ? (
              <ins key={index}>
                <span className="visually-hidden">{t('drafts.compareAdded')}</span>
                {part.text}
              </ins>
            ) : part.kind === 'removed' ? (
              <del key={index}>
                <span className="visually-hidden">{t('drafts.compareRemoved')}</span>
                {part.text}
              </del>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </p>
      )}
    </figure>
  );
}
