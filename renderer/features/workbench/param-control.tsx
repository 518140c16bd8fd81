import { aspectKeyOf } from '../../../shared/catalog/aspect-ratio';
import { defaultOf } from '../../../shared/catalog/model-lookup';
import type { ParamSpec, ParamValue } from '../../../shared/catalog/video-model';
import { useTranslator } from '../../i18n/use-translator';

/** A whole number in [low, high], from the platform's random source (a seed has no need to be secret). */
const randomInRange = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** Short choices read best as segments; long lists as a menu. */
const SEGMENTS_AT_MOST = 6;

/** How the window names a value: shapes and Sora's resolutions in words, the rest as the model spells them. */
export function useValueLabel(): (param: ParamSpec, value: ParamValue) => string {
  const translate = useTranslator();
  return (param, value) => {
    if (param.meaning === 'aspect') {
      const key = aspectKeyOf(String(value));
      if (key === '16:9') return translate.t('workbench.aspect.landscape');
      if (key === '9:16') return translate.t('workbench.aspect.portrait');
    }
    if (param.meaning === 'duration') return translate.t('workbench.seconds', { seconds: Number(value) });
    if (param.meaning === 'resolution') return translate.format(`catalog.resolution.${String(value)}`) ?? String(value);
    return String(value);
  };
}

/**
 * One of a model's parameters as the control its schema calls for: a choice as segments or a menu, a range as a number
 * field within its bounds, on/off as a switch, text as a field; what no control fits, as JSON. Only what the model
 * allows can be entered; an empty field means the model's default.
 */
export function ParamControl({
  param,
  value,
  label,
  onChange,
}: {
  param: ParamSpec;
  value: ParamValue | undefined;
  label: string;
  onChange: (value: ParamValue | undefined) => void;
}) {
  const valueLabel = useValueLabel();
  const translate = useTranslator();
  const shown = value ?? defaultOf(param);
  const id = `param-${param.name}`;
  switch (param.kind) {
    case 'choice': {
      // Shapes are told apart by ratio, so `landscape` and `16:9` (one shape) show once.
      const seen = new Set<string>();
      const values = param.values.filter((candidate) => {
        const key =
          param.meaning === 'aspect' ? (aspectKeyOf(String(candidate)) ?? String(candidate)) : String(candidate);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      // Shapes are found by their ratio as written (`aspect-21:9`), a named one by its ratio (`landscape` → 16:9).
      const testKey = (candidate: ParamValue) =>
        param.meaning === 'aspect' && !/^\d+:\d+$/.test(String(candidate))
          ? (aspectKeyOf(String(candidate)) ?? String(candidate))
          : String(candidate);
      const selected = (candidate: ParamValue) =>
        param.meaning === 'aspect'
          ? aspectKeyOf(String(candidate)) === aspectKeyOf(String(shown ?? ''))
          : String(candidate) === String(shown);
      if (values.length <= SEGMENTS_AT_MOST)
        return (
          <fieldset>
            <legend>{label}</legend>
            {values.map((candidate) => (
              <label key={String(candidate)} className="segment">
                <input
                  type="radio"
                  name={id}
                  value={String(candidate)}
                  data-testid={`${param.meaning ?? param.name}-${testKey(candidate)}`}
                  checked={selected(candidate)}
                  onChange={() => onChange(candidate)}
                />
                {valueLabel(param, candidate)}
              </label>
            ))}
          </fieldset>
        );
      return (
        <label>
          {label}
          <select
            data-testid={param.meaning ?? param.name}
            value={String(shown ?? '')}
            onChange={(event) => onChange(values.find((candidate) => String(candidate) === event.target.value))}
          >
            {values.map((candidate) => (
              <option key={String(candidate)} value={String(candidate)}>
                {valueLabel(param, candidate)}
              </option>
            ))}
          </select>
        </label>
      );
    }
    case 'number':
      return (
        <label>
          {label}
          <span className="number-row">
            <input
              type="number"
              data-testid={param.meaning ?? param.name}
              min={param.min ?? undefined}
              max={param.max ?? undefined}
              step={param.integer ? 1 : 'any'}
              value={typeof shown === 'number' ? shown : ''}
              onChange={(event) => {
                if (event.target.value === '') return onChange(undefined);
                const number = Number(event.target.value);
                if (!Number.isFinite(number)) return;
                const bounded = Math.min(param.max ?? number, Math.max(param.min ?? number, number));
                onChange(param.integer ? Math.round(bounded) : bounded);
              }}
            />
            {/seed/i.test(param.name) && param.integer && (
              <button
                type="button"
                className="dice"
                data-testid={`${param.name}-dice`}
                aria-label={translate.t('workbench.randomSeed')}
                title={translate.t('workbench.randomSeed')}
                onClick={() => onChange(randomInRange(param.min ?? 0, param.max ?? 2_147_483_647))}
              >
                ⚄
              </button>
            )}
          </span>
        </label>
      );
    case 'switch':
      return (
        <label className="switch-row">
          <input
            type="checkbox"
            role="switch"
            data-testid={param.name}
            checked={shown === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
      );
    case 'text':
    case 'json':
      return (
        <label>
          {label}
          <input
            type="text"
            data-testid={param.name}
            maxLength={param.kind === 'text' ? (param.maxLength ?? undefined) : undefined}
            value={typeof shown === 'string' ? shown : ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </label>
      );
  }
}
