import { Dices, RectangleHorizontal, RectangleVertical, Square } from 'lucide-react';
import { aspectKeyOf } from '../../../shared/catalog/aspect-ratio';
import { defaultOf } from '../../../shared/catalog/model-lookup';
import type { ParamSpec, ParamValue } from '../../../shared/catalog/video-model';
import { useTranslator } from '../../i18n/use-translator';
import { NumberStepper } from '../../ui/number-stepper';
import { RangeSlider } from '../../ui/range-slider';
import { SegmentedControl } from '../../ui/segmented-control';
import { SearchableChoice } from '../../ui/searchable-choice';
import { SelectMenu } from '../../ui/select-menu';
import { SwitchField } from '../../ui/switch-field';
import { Tip } from '../../ui/tip';

/** A whole number in [low, high], from the platform's random source (a seed has no need to be secret). */
const randomInRange = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** Short choices read best as segments, longer lists as a menu; past a screenful, a field that searches as you type. */
const SEGMENTS_AT_MOST = 6;
const MENU_AT_MOST = 40;
/** A bounded range of at most this many steps is a slider; a longer one (a seed) is a field with − and +. */
const SLIDER_STEPS_AT_MOST = 100;

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

/** A parameter's name in the window: the common ones in the reader's words, the rest from the model's own name. */
export function useParamLabel(): (param: ParamSpec) => string {
  const { t } = useTranslator();
  return (param) =>
    param.meaning === 'duration'
      ? t('workbench.duration')
      : param.meaning === 'aspect'
        ? t('workbench.aspect')
        : param.meaning === 'resolution'
          ? t('workbench.resolution')
          : param.name.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase());
}

/** A small drawing of a shape: wide, tall or square. */
function shapeIcon(value: ParamValue) {
  const [width, height] = (aspectKeyOf(String(value)) ?? '').split(':').map(Number);
  if (!width || !height) return undefined;
  const Icon = width > height ? RectangleHorizontal : width < height ? RectangleVertical : Square;
  return <Icon size={14} aria-hidden="true" />;
}

/**
 * One of a model's parameters as the control its schema calls for: a short choice as segments, a long one as a menu,
 * a short range as a slider, a long one (a seed) as a stepper, on/off as a switch, text as a field; what no control
 * fits, as JSON text. Only what the model allows can be entered; an empty field means the model's default.
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
  const { t } = translate;
  const shown = value ?? defaultOf(param);
  const id = `param-${param.name}`;
  const labelId = `${id}-label`;
  const testId = param.meaning ?? param.name;
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
      const selected =
        values.find((candidate) =>
          param.meaning === 'aspect'
            ? aspectKeyOf(String(candidate)) === aspectKeyOf(String(shown ?? ''))
            : String(candidate) === String(shown),
        ) ?? null;
      const choose = (text: string) => onChange(values.find((candidate) => String(candidate) === text));
      return (
        <div className={values.length > MENU_AT_MOST ? 'field field-wide' : 'field'}>
          <span className="field-label" id={labelId}>
            {label}
          </span>
          {values.length > MENU_AT_MOST ? (
            <SearchableChoice
              id={id}
              testId={testId}
              value={selected === null ? '' : String(selected)}
              options={values.map((candidate) => ({ value: String(candidate), label: valueLabel(param, candidate) }))}
              placeholder={t('workbench.searchValues', { count: values.length })}
              notInList={t('workbench.notAValue')}
              onChange={(text) => onChange(text === undefined ? undefined : values.find((v) => String(v) === text))}
            />
          ) : values.length <= SEGMENTS_AT_MOST ? (
            <SegmentedControl
              labelledBy={labelId}
              value={selected === null ? '' : String(selected)}
              onChange={choose}
              segments={values.map((candidate) => ({
                value: String(candidate),
                label: valueLabel(param, candidate),
                testId: `${testId}-${testKey(candidate)}`,
                icon: param.meaning === 'aspect' ? shapeIcon(candidate) : undefined,
              }))}
            />
          ) : (
            <SelectMenu
              label={label}
              testId={testId}
              value={selected === null ? '' : String(selected)}
              onChange={choose}
              choices={values.map((candidate) => ({ value: String(candidate), label: valueLabel(param, candidate) }))}
            />
          )}
        </div>
      );
    }
    case 'number': {
      const step = param.integer ? 1 : 0.01;
      const bounded = param.min !== null && param.max !== null;
      const steps = bounded ? ((param.max ?? 0) - (param.min ?? 0)) / step : Infinity;
      const number = typeof shown === 'number' ? shown : undefined;
      const text = (value: number) =>
        param.meaning === 'duration'
          ? t('workbench.seconds', { seconds: value })
          : translate.number(value, { maximumFractionDigits: 2 });
      if (bounded && steps <= SLIDER_STEPS_AT_MOST)
        return (
          <div className="field">
            <span className="field-label" id={labelId}>
              {label}
            </span>
            <RangeSlider
              label={label}
              testId={testId}
              min={param.min ?? 0}
              max={param.max ?? 0}
              step={step}
              value={number ?? param.min ?? 0}
              valueText={number === undefined ? t('workbench.modelDefault') : text(number)}
              onChange={(next) => onChange(param.integer ? Math.round(next) : Math.round(next * 100) / 100)}
            />
          </div>
        );
      const seed = /seed/i.test(param.name) && param.integer;
      return (
        <div className="field">
          <label className="field-label" htmlFor={id}>
            {label}
          </label>
          <NumberStepper
            id={id}
            testId={testId}
            min={param.min}
            max={param.max}
            step={step}
            value={number}
            onChange={onChange}
            decrease={t('workbench.decrease', { field: label })}
            increase={t('workbench.increase', { field: label })}
            extra={
              seed && (
                <Tip content={t('workbench.randomSeed')}>
                  <button
                    type="button"
                    className="icon-only dice"
                    data-testid={`${param.name}-dice`}
                    aria-label={t('workbench.randomSeed')}
                    onClick={() => onChange(randomInRange(param.min ?? 0, param.max ?? 2_147_483_647))}
                  >
                    <Dices size={15} aria-hidden="true" />
                  </button>
                </Tip>
              )
            }
          />
        </div>
      );
    }
    case 'switch':
      return (
        <div className="field field-switch">
          <SwitchField label={label} testId={param.name} checked={shown === true} onChange={onChange} />
        </div>
      );
    case 'text':
    case 'json':
      return (
        <div className="field field-wide">
          <label className="field-label" htmlFor={id}>
            {label}
          </label>
          <input
            id={id}
            type="text"
            data-testid={param.name}
            maxLength={param.kind === 'text' ? (param.maxLength ?? undefined) : undefined}
            value={typeof shown === 'string' ? shown : ''}
            placeholder={param.kind === 'json' ? 'JSON' : undefined}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </div>
      );
  }
}
