'use client';

import { useState } from 'react';
import { OfficialMatches, useOfficialTypeahead, type OfficialHit } from '@/components/official-typeahead';

/** The official chosen: what the form submits (the slug) and what the reader sees. */
export type PickedOfficial = { slug: string; name: string; country: string };

/**
 * One official chosen by type-ahead over every spelling of their name (an
 * ARIA 1.2 combobox, as the contact form's participant picker): arrows move
 * through the matches, Enter picks, Escape closes. The choice is submitted as
 * the official's slug under `name`.
 */
export function MergeOfficialPicker({
  id,
  name,
  label,
  hint,
  initial,
  error,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  initial: PickedOfficial | null;
  error?: string;
}) {
  const typeahead = useOfficialTypeahead(initial?.name ?? '');
  const { query, hits, active, expanded, search } = typeahead;
  const [picked, setPicked] = useState<PickedOfficial | null>(initial);

  function pick(hit: OfficialHit) {
    setPicked({ slug: hit.slug, name: hit.name, country: hit.country });
    typeahead.setQuery(hit.name);
    typeahead.close();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (typeahead.navigate(event)) return;
    switch (event.key) {
      case 'Enter':
        if (!expanded) return;
        event.preventDefault();
        if (active >= 0) pick(hits[active]);
        else if (hits.length === 1) pick(hits[0]);
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          typeahead.setOpen(false);
        }
        return;
    }
  }

  const status =
    typeahead.searchStatus() ??
    (search.status === 'done' && query.trim() !== '' && hits.length === 0 && !picked
      ? `No official is known as “${search.query}”, in any spelling.`
      : picked
        ? `Chosen: ${picked.name} (${picked.country}).`
        : search.status === 'done' && expanded
          ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}: use the arrow keys, then Enter to choose.`
          : '');

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-muted mt-0.5 text-sm">
        {hint}
      </p>
      <div className="relative">
        <input
          id={id}
          {...typeahead.comboboxProps}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => {
            setPicked(null);
            typeahead.changeQuery(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => hits.length > 0 && !picked && typeahead.setOpen(true)}
          placeholder="Type a name in any spelling"
        />
        <OfficialMatches
          typeahead={typeahead}
          label={`Officials matching “${search.query}”`}
          onPick={pick}
          details={(hit, { title, spelling }) => (
            <span className="text-muted block text-xs">
              {[title, spelling && `also written ${spelling}`, hit.slug].filter(Boolean).join(' · ')}
            </span>
          )}
        />
      </div>
      <input type="hidden" name={name} value={picked?.slug ?? ''} />
      {error && (
        <p id={`${id}-error`} className="text-silence mt-1.5 text-sm font-medium">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <p role="status" aria-live="polite" className="text-muted mt-1 min-h-5 text-xs">
        {status}
      </p>
    </div>
  );
}
