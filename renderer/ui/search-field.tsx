import { Search } from 'lucide-react';
import type { InputHTMLAttributes } from 'react';

/** A search box with its magnifier inside; the props are the input's. */
export function SearchField({ className, ...input }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={className ? `search-field ${className}` : 'search-field'}>
      <Search size={14} aria-hidden="true" />
      <input type="search" {...input} />
    </div>
  );
}
