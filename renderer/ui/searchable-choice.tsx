import { Search } from 'lucide-react';
import { useId, useState } from 'react';

/** One value of a long list. */
export interface SearchableOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A choice among hundreds of values (every voice or preset a model offers): a text field whose suggestions narrow as
 * the user types (the platform's own datalist, so the keyboard and screen readers work as everywhere). A value counts
 * only once it is one of the list; an empty field means the model's default.
 */
export function SearchableChoice({
  id,
  testId,
  value,
  options,
  placeholder,
  notInList,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  options: readonly SearchableOption[];
  placeholder: string;
  /** Said under the field while what was typed is not one of the values. */
  notInList: string;
  onChange: (value: string | undefined) => void;
}) {
  const listId = useId();
  const hintId = useId();
  const labelOf = (candidate: string) => options.find((option) => option.value === candidate)?.label ?? candidate;
  const [text, setText] = useState(labelOf(value));
  // A value set elsewhere (a preset, a reused take) replaces what is being typed, at once (React's way of adjusting
  // state to a changed prop, without an effect).
  const [textFor, setTextFor] = useState(value);
  if (value !== textFor) {
    setTextFor(value);
    setText(labelOf(value));
  }
  const match = options.find((option) => option.label === text || option.value === text);
  const invalid = text !== '' && !match;
  return (
    <>
      <div className="search-field">
        <Search size={14} aria-hidden="true" />
        <input
          id={id}
          type="text"
          list={listId}
          data-testid={testId}
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? hintId : undefined}
          onChange={(event) => {
            const typed = event.target.value;
            setText(typed);
            const found = options.find((option) => option.label === typed || option.value === typed);
            if (typed === '') onChange(undefined);
            else if (found) onChange(found.value);
          }}
        />
      </div>
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option.value} value={option.label} />
        ))}
      </datalist>
      {invalid && (
        <span className="hint hint-warning" id={hintId} role="status">
          {notInList}
        </span>
      )}
    </>
  );
}
