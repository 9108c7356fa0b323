'use client';

import { useId, useRef, useState } from 'react';
import { CountryTag } from '@/components/country-tag';
import { inputClass } from '@/components/ui/field';

/** An official as GET /api/v1/officials lists them. */
type OfficialHit = {
  id: string;
  slug: string;
  name: string;
  country: string;
  otherNames: string[];
  positions: { title: string; endDate: string | null }[];
};

/** The official chosen: what the form submits (the slug) and what the reader sees. */
export type PickedOfficial = { slug: string; name: string; country: string };

type Search = { status: 'idle' | 'loading' | 'done' | 'failed'; query: string; hits: OfficialHit[] };

const DEBOUNCE_MS = 150;

function matchedSpelling(hit: OfficialHit, query: string): string | null {
  const q = query.trim().toLocaleLowerCase();
  if (!q || hit.name.toLocaleLowerCase().includes(q)) return null;
  return hit.otherNames.find((n) => n.toLocaleLowerCase().includes(q)) ?? null;
}

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
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef<AbortController | null>(null);
  const [picked, setPicked] = useState<PickedOfficial | null>(initial);
  const [query, setQuery] = useState(initial?.name ?? '');
  const [search, setSearch] = useState<Search>({ status: 'idle', query: '', hits: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const hits = search.hits;
  const expanded = open && hits.length > 0;

  async function runSearch(q: string) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setSearch((s) => ({ ...s, status: 'loading', query: q }));
    try {
      const response = await fetch(`/api/v1/officials?q=${encodeURIComponent(q)}&pageSize=8`, {
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { items: OfficialHit[] };
      setSearch({ status: 'done', query: q, hits: body.items });
      setActive(-1);
      setOpen(true);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setSearch({ status: 'failed', query: q, hits: [] });
    }
  }

  function onQueryChange(value: string) {
    setQuery(value);
    setPicked(null);
    if (timer.current) clearTimeout(timer.current);
    const q = value.trim();
    if (q.length === 0) {
      request.current?.abort();
      setSearch({ status: 'idle', query: '', hits: [] });
      setOpen(false);
      return;
    }
    timer.current = setTimeout(() => void runSearch(q), DEBOUNCE_MS);
  }

  function pick(hit: OfficialHit) {
    setPicked({ slug: hit.slug, name: hit.name, country: hit.country });
    setQuery(hit.name);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (hits.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (!open) {
          setOpen(true);
          setActive(step === 1 ? 0 : hits.length - 1);
        } else {
          setActive((i) => (i === -1 && step === -1 ? hits.length - 1 : (i + step + hits.length) % hits.length));
        }
        return;
      }
      case 'Enter':
        if (!expanded) return;
        event.preventDefault();
        if (active >= 0) pick(hits[active]);
        else if (hits.length === 1) pick(hits[0]);
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  const status =
    search.status === 'loading'
      ? 'Searching…'
      : search.status === 'failed'
        ? 'The search failed. Check your connection and try again.'
        : search.status === 'done' && query.trim() !== '' && hits.length === 0 && !picked
          ? `No official is known as “${search.query}”, in any spelling.`
          : picked
            ? `Chosen: ${picked.name} (${picked.country}).`
            : search.status === 'done' && expanded
              ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}: use the arrow keys, then Enter to choose.`
              : '';

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
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => hits.length > 0 && !picked && setOpen(true)}
          placeholder="Type a name in any spelling"
          className={inputClass}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`Officials matching “${search.query}”`}
          hidden={!expanded}
          className="border-rule bg-paper absolute inset-x-0 top-full z-20 mt-1 max-h-80 overflow-y-auto rounded border py-1 shadow-lg"
        >
          {hits.map((hit, i) => {
            const spelling = matchedSpelling(hit, search.query);
            const title = (hit.positions.find((p) => p.endDate === null) ?? hit.positions[0])?.title;
            return (
              <li
                key={hit.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(hit)}
                onMouseMove={() => setActive(i)}
                className={`cursor-pointer px-3 py-2 text-sm ${i === active ? 'bg-rule' : ''}`}
              >
                <span className="font-medium">{hit.name}</span> <CountryTag code={hit.country} />
                <span className="text-muted block text-xs">
                  {[title, spelling && `also written ${spelling}`, hit.slug].filter(Boolean).join(' · ')}
                </span>
              </li>
            );
          })}
        </ul>
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
