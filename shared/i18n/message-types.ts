import type { en } from './messages-en';

/**
 * A message whose wording depends on a number: one form per plural category of `Intl.PluralRules`, chosen by the
 * message's `{count}`. Every language needs `other`; each adds the categories its grammar has.
 */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** A catalog entry: a sentence with `{name}` placeholders, or plural forms of one. */
export type Message = string | PluralForms;

/** A message's key. */
export type MessageKey = keyof typeof en;

/** Every text of a message: the sentence, or each of its plural forms. */
type TextsOf<M> = M extends string ? M : { [F in keyof M]: M[F] }[keyof M] & string;

/** The `{name}`s in a sentence, read off its type: a message's placeholders are checked like its key. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** A message's next-step companion (`key.action`), when the catalog has one: it shares the message's values. */
type ActionOf<K extends MessageKey> = `${K}.action` extends MessageKey ? `${K}.action` : never;

type OwnNamesOf<K extends MessageKey> = Placeholders<TextsOf<(typeof en)[K]>>;

type NamesOf<K extends MessageKey> = OwnNamesOf<K> | OwnNamesOf<ActionOf<K>>;

/** A key whose message takes no values: what a menu entry or a label can name. */
export type PlainMessageKey = { [K in MessageKey]: [NamesOf<K>] extends [never] ? K : never }[MessageKey];

/** A value put into a message: numbers are formatted in the reader's language. */
export type MessageValue = string | number;

/** The values a message needs: exactly its placeholders. */
export type MessageParams<K extends MessageKey> = { readonly [P in NamesOf<K>]: MessageValue };

/** The arguments after a key: none when the message has no placeholder, its values otherwise. */
export type ParamArgs<K extends MessageKey> = [NamesOf<K>] extends [never] ? [] : [params: MessageParams<K>];

/** A translation: every key of the English catalog, each a sentence or plural forms like the English one. */
export type Catalog = { readonly [K in MessageKey]: (typeof en)[K] extends string ? string : PluralForms };

/** Message values as they cross IPC or sit on disk: untyped, checked against the catalog when shown. */
export type LooseParams = Readonly<Record<string, MessageValue>>;
