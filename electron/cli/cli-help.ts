import type { ModelCatalog } from '../../shared/catalog/catalog-schema';

/** How one command is described in `reelbench help` and `reelbench <command> --help`. */
export interface CommandHelp {
  /** The usage line, starting with `reelbench`. */
  readonly usage: string;
  readonly summary: string;
  /** Option, then what it does. */
  readonly options?: readonly (readonly [string, string])[];
}

/** The aspect vocabulary, said the same way everywhere: both spellings are accepted. */
export const ASPECT_WORDS = 'landscape or portrait (also written 16:9 or 9:16)';

/** One command's help: usage, summary and its options, aligned. */
export function formatCommandHelp(help: CommandHelp, indent = ''): string[] {
  const width = Math.max(0, ...(help.options ?? []).map(([flag]) => flag.length));
  return [
    `${indent}${help.usage}`,
    `${indent}    ${help.summary}`,
    ...(help.options ?? []).map(([flag, text]) => `${indent}      ${flag.padEnd(width)}  ${text}`),
  ];
}

/** The models the CLI can ask for, one line each. */
export function formatModels(catalog: ModelCatalog): string[] {
  const width = Math.max(...catalog.models.map((model) => model.id.length));
  return catalog.models.map((model) => {
    const resolutions = model.resolutions.map((resolution) => resolution.id).join(', ');
    const facts = `${model.durations.join(', ')} s; ${model.aspects.join(' or ')}; resolution ${resolutions}`;
    const isDefault = model.id === catalog.defaultModel ? ' (default)' : '';
    return `  ${model.id.padEnd(width)}  ${model.label}${isDefault}: ${model.description} ${facts}.`;
  });
}

/** The model ids, for a message about a model that does not exist. */
export function modelIdList(catalog: ModelCatalog): string {
  return catalog.models.map((model) => model.id).join(', ');
}
