import type { ModelCatalog } from '../../shared/catalog/video-model';
import { durationWords, shapeWords } from './model-words';
import { didYouMean } from './did-you-mean';
import { refusedValue } from './cli-io';
import type { AppError } from '../../shared/errors';

/** How one command is described in `reelbench help` and `reelbench <command> --help`. */
export interface CommandHelp {
  /** The usage line, starting with `reelbench`. */
  readonly usage: string;
  readonly summary: string;
  /** Option, then what it does. */
  readonly options?: readonly (readonly [string, string])[];
}

/** The shape vocabulary, said the same way everywhere: ratios, or the words some models use for them. */
export const ASPECT_WORDS = 'a shape the model offers: 16:9, 9:16, 1:1… (landscape and portrait are 16:9 and 9:16)';

/** One command's help: usage, summary and its options, aligned. */
export function formatCommandHelp(help: CommandHelp, indent = ''): string[] {
  const width = Math.max(0, ...(help.options ?? []).map(([flag]) => flag.length));
  return [
    `${indent}${help.usage}`,
    `${indent}    ${help.summary}`,
    ...(help.options ?? []).map(([flag, text]) => `${indent}      ${flag.padEnd(width)}  ${text}`),
  ];
}

/** The shipped models, one line each (`reelbench models` adds what APIMart says today). */
export function formatModels(catalog: ModelCatalog, defaultId: string): string[] {
  const width = Math.max(...catalog.models.map((model) => model.id.length));
  return catalog.models.map((model) => {
    // generate's default is the model used last; this one only until a first job says otherwise.
    const isDefault = model.id === defaultId ? ' (default until you use another; then the last one used)' : '';
    return `  ${model.id.padEnd(width)}  ${model.label}${isDefault}: ${durationWords(model)}; ${shapeWords(model)}.`;
  });
}

/** A model id the catalog does not know: refused (exit 1) with the likely one it was meant to be, and the list. */
export function noSuchModel(typed: string, catalog: ModelCatalog): AppError {
  const ids = catalog.models.filter((model) => model.state !== 'unavailable').map((model) => model.id);
  return refusedValue(
    `There is no video model "${typed}".${didYouMean(typed, ids)} Choose one of: ${ids.join(', ')}.`,
    '`reelbench models` lists them.',
  );
}
