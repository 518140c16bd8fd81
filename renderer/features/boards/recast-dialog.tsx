import { AlertTriangle, ArrowRight, Loader2, Repeat2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { RecastRequest, RecastRow, RecastSuggestions } from '../../../shared/boards/recast-models';
import { sumMoney } from '../../../shared/text/money';
import { errorText } from '../../../shared/i18n/error-text';
import { useTranslator } from '../../i18n/use-translator';
import { DialogFrame } from '../../ui/dialog-frame';
import { ModelPicker, useModelsStore } from '../models';
import { SelectMenu, type SelectChoice } from '../../ui/select-menu';
import { useRecentModels } from '../workbench';
import { useRecastStore } from './recast-store';

type RecastSuggestion = NonNullable<RecastSuggestions['cheapest']>;

/** A request in a cell: the model, its seconds and cost. */
function RequestCell({ request, named = true }: { request: RecastRequest; named?: boolean }) {
  const translate = useTranslator();
  return (
    <span className="recast-request">
      {named && <strong>{request.modelLabel}</strong>}
      <span className="muted">
        {request.seconds} s ·{' '}
        {request.cost === null
          ? translate.t('boards.recast.noPrice')
          : translate.t('boards.recast.amount', { amount: translate.money(request.cost) })}
      </span>
    </span>
  );
}

/** A suggested model with what the board costs on it, and a button that shows its table. */
function SuggestionLine({
  label,
  suggestion,
  testId,
  onUse,
}: {
  label: string | null;
  suggestion: RecastSuggestion | null;
  testId: string;
  onUse: () => void;
}) {
  const translate = useTranslator();
  const { t } = translate;
  return (
    <p className="recast-suggestion" data-testid={testId}>
      {label && <span className="field-label">{label}</span>}
      {suggestion ? (
        <>
          <span>
            {suggestion.modelLabel}
            {suggestion.resolution && ` · ${t(`boards.recast.class.${suggestion.resolution}`)}`} ·{' '}
            {t('boards.recast.amount', { amount: translate.money(suggestion.total) })}
          </span>
          <button type="button" className="small" data-testid={`${testId}-use`} onClick={onUse}>
            {t('boards.recast.use')}
          </button>
        </>
      ) : (
        <span className="muted">{t('boards.recast.noSuggestion')}</span>
      )}
    </p>
  );
}

/** "Cheapest that fits" and "best quality within $X", from prices and what each model offers. */
function RecastSuggestionsView() {
  const { t } = useTranslator();
  const suggestions = useRecastStore((state) => state.suggestions);
  const budget = useRecastStore((state) => state.budget);
  const { choose, suggest } = useRecastStore.getState();
  if (!suggestions) return null;
  const { cheapest, best } = suggestions;
  return (
    <div className="recast-suggestions">
      <SuggestionLine
        label={t('boards.recast.cheapest')}
        suggestion={cheapest}
        testId="recast-cheapest"
        onUse={() => cheapest && void choose(cheapest.model)}
      />
      <div className="recast-best">
        <label className="field-label" htmlFor="recast-budget">
          {t('boards.recast.bestWithin')}
        </label>
        <input
          id="recast-budget"
          className="recast-budget"
          type="number"
          min={0}
          step={0.5}
          inputMode="decimal"
          placeholder={t('boards.recast.anyBudget')}
          data-testid="recast-budget"
          value={budget ?? ''}
          onChange={(event) => {
            const value = event.target.value === '' ? null : Number(event.target.value);
            void suggest(value !== null && Number.isFinite(value) && value >= 0 ? value : null);
          }}
        />
        <SuggestionLine
          label={null}
          suggestion={best}
          testId="recast-best"
          onUse={() => best && void choose(best.model, best.resolution)}
        />
      </div>
    </div>
  );
}

/** One shot's row: ticked to move, its request now and after, and what changes with why. */
function RecastRowView({
  row,
  checked,
  onToggle,
  choices,
}: {
  row: RecastRow;
  checked: boolean;
  onToggle: () => void;
  choices: readonly SelectChoice<string>[];
}) {
  const { t } = useTranslator();
  const sendable = row.after !== null && row.blocked === null;
  return (
    <tr data-testid="recast-row" className={sendable ? undefined : 'recast-blocked'}>
      <td>
        <input
          type="checkbox"
          checked={checked}
          disabled={!sendable}
          aria-label={`${t('boards.recast.shot')} ${row.index + 1}`}
          data-testid="recast-confirm"
          onChange={onToggle}
        />
      </td>
      <td className="recast-index">{row.index + 1}</td>
      <td>
        <RequestCell request={row.before} />
      </td>
      <td aria-hidden="true" className="recast-arrow">
        <ArrowRight size={14} />
      </td>
      <td>
        <span className="recast-after">
          <SelectMenu
            value={row.after?.model ?? ''}
            choices={choices}
            label={t('boards.recast.shotModel', { shot: row.index + 1 })}
            testId="recast-shot-model"
            onChange={(model) => void useRecastStore.getState().chooseFor(row.shotId, model)}
          />
          {row.after && <RequestCell request={row.after} named={false} />}
        </span>
      </td>
      <td className="recast-changes">
        {row.blocked ? (
          <span className="recast-problem">
            <AlertTriangle size={13} aria-hidden="true" />
            {t('boards.recast.cannot', { reason: row.blocked })}
          </span>
        ) : row.changes.length === 0 ? (
          <span className="muted">{t('boards.recast.same')}</span>
        ) : (
          <ul>
            {row.changes.map((change, index) => (
              <li key={index}>
                <span className="recast-change">
                  {change.what}: {change.from} → {change.to ?? t('boards.recast.left')}
                </span>{' '}
                <span className="muted">({change.why})</span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/**
 * "Recast onto…": pick a model and see every shot's request on it beside today's, what changes and why, and the cost
 * before and after of the shots ticked; applying moves those shots and queues one new take of each.
 */
export function RecastDialog({ board }: { board: Storyboard }) {
  const translate = useTranslator();
  const { t } = translate;
  const recent = useRecentModels();
  const catalog = useModelsStore((state) => state.catalog);
  const choices = catalog.models
    .filter((candidate) => candidate.state !== 'unavailable')
    .map((candidate) => ({ value: candidate.id, label: candidate.label }));
  const { model, plan, loading, confirmed, error } = useRecastStore();
  const { show, choose, toggle, apply } = useRecastStore.getState();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const ticked = plan?.rows.filter((row) => confirmed.has(row.shotId)) ?? [];
  const total = (pick: (row: RecastRow) => number | null | undefined) => {
    const costs = ticked.map(pick);
    return costs.some((cost) => cost === null || cost === undefined)
      ? t('boards.recast.noPrice')
      : t('boards.recast.amount', { amount: translate.money(sumMoney(costs.map((cost) => cost ?? 0))) });
  };
  const failure = error ? errorText(translate, error) : null;
  return (
    <DialogFrame
      className="recast-dialog"
      testId="recast-dialog"
      icon={Repeat2}
      title={t('boards.recast.title')}
      closeLabel={t('boards.recast.cancel')}
      onClose={() => show(false)}
    >
      <p className="muted dialog-lede">{t('boards.recast.lede')}</p>
      <div className="recast-model">
        <ModelPicker
          value={model ?? board.shots[0]?.model ?? ''}
          onChoose={(next) => void choose(next)}
          recent={recent}
          label={t('boards.recast.model')}
        />
        <RecastSuggestionsView />
      </div>
      <div className="recast-table-wrap" aria-busy={loading}>
        {loading ? (
          <p className="muted recast-hint">
            <Loader2 size={14} className="spin" aria-hidden="true" /> {t('boards.recast.loading')}
          </p>
        ) : failure ? (
          <p className="recast-problem" role="alert">
            {failure.message} {failure.action}
          </p>
        ) : plan ? (
          <table className="recast-table" data-testid="recast-table">
            <thead>
              <tr>
                <th />
                <th>{t('boards.recast.shot')}</th>
                <th>{t('boards.recast.now')}</th>
                <th />
                <th>{t('boards.recast.after')}</th>
                <th>{t('boards.recast.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((row) => (
                <RecastRowView
                  key={row.shotId}
                  row={row}
                  checked={confirmed.has(row.shotId)}
                  onToggle={() => toggle(row.shotId)}
                  choices={choices}
                />
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted recast-hint">{t('boards.recast.pick')}</p>
        )}
      </div>
      <footer className="dialog-foot">
        <p className="script-cost" data-testid="recast-total">
          {plan &&
            t('boards.recast.total', {
              count: ticked.length,
              before: total((row) => row.before.cost),
              after: total((row) => row.after?.cost),
            })}
        </p>
        <div className="button-row">
          <button type="button" ref={cancel} onClick={() => show(false)}>
            {t('boards.recast.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="recast-apply"
            disabled={ticked.length === 0 || loading}
            onClick={() => void apply()}
          >
            {t('boards.recast.apply', { count: ticked.length })}
          </button>
        </div>
      </footer>
    </DialogFrame>
  );
}
