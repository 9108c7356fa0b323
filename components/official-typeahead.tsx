'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CountryTag } from '@/components/country-tag';
import { inputClass } from '@/components/ui/field';

/*
 * Type-ahead over every spelling of an official's name, as an ARIA 1.2
 * combobox: the search as one types (debounced, the older request dropped),
 * the arrow keys through the matches, and the list of matches. What a pick
 * does, and what Enter and Escape do, is each picker's own (the contact form's
 * participant picker, the merge page's official picker).
 *
 * Ours, not a library's: Downshift's useCombobox was tried (issue 15). It took 45 lines off, but added 8.4 KiB
 * gzip to the contact form and changed keys the pickers rely on (Home/End, the pointer clearing the active
 * match). React Aria's combobox is three to four times Downshift's size and brings its own markup and
 * announcements.
 */

/** An official as GET /api/v1/officials lists them. */
export type OfficialHit = {
  id: string;
  slug: string;
  name: string;
  country: string;
  otherNames: string[];
  /** The other spelling the search matched best, when it was not the name. */
  matchedName?: string | null;
  positions: { title: string; endDate: string | null }[];
};

type Search = { status: 'idle' | 'loading' | 'done' | 'failed'; query: string; hits: OfficialHit[] };

const IDLE: Search = { status: 'idle', query: '', hits: [] };

const DEBOUNCE_MS = 150;

/**
 * The active match: a light tint, so that its grey details (the country code, the title) keep 4.5:1 (on the
 * full rule colour they had 4.25:1), and a bar at its edge, so that it does not rest on a colour alone.
 */
const ACTIVE_OPTION = 'bg-rule/60 shadow-[inset_3px_0_0_var(--color-silence)]';

/** The spelling that matched, when it is not the name shown: "also Шойгу" (the search says which). */
export function matchedSpelling(hit: OfficialHit, query: string): string | null {
  if (hit.matchedName !== undefined) return hit.matchedName;
  const q = query.trim().toLocaleLowerCase();
  if (!q || hit.name.toLocaleLowerCase().includes(q)) return null;
  return hit.otherNames.find((n) => n.toLocaleLowerCase().includes(q)) ?? null;
}

/** The title of the official's current position, else of their latest. */
export function currentTitle(hit: OfficialHit): string | null {
  return (hit.positions.find((p) => p.endDate === null) ?? hit.positions[0])?.title ?? null;
}

/** The state and moves of one type-ahead box. */
export function useOfficialTypeahead(initialQuery = '') {
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef<AbortController | null>(null);
  const [query, setQuery] = useState(initialQuery);
  const [search, setSearch] = useState<Search>(IDLE);
  const [open, setOpen] = useState(false);
  // The active match is an official, not a place in the list: an answer that keeps them keeps it.
  const [activeId, setActiveId] = useState<string | null>(null);
  /**
   * What an answer still on its way does when it comes: open the list (the reader is typing),
   * open it at the first match (an arrow key asked for matches of the newest text), or only keep
   * the matches (the reader closed the list: an answer must not open it again).
   */
  const onAnswer = useRef<'open' | 'open-at-first' | 'keep'>('open');
  const hits = search.hits;
  const expanded = open && hits.length > 0;
  const active = activeId === null ? -1 : hits.findIndex((hit) => hit.id === activeId);
  /** Makes the match at this place in the list the active one (-1: none). */
  const setActive = (index: number) => setActiveId(hits[index]?.id ?? null);

  // The active match stays in sight when the arrows move past the list's edge.
  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, active, listId]);

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
      if (onAnswer.current === 'keep') return;
      if (onAnswer.current === 'open-at-first') setActiveId(body.items[0]?.id ?? null);
      setOpen(true);
      onAnswer.current = 'open';
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setSearch({ status: 'failed', query: q, hits: [] });
    }
  }

  /** The box's text changed: search for it after a pause; an empty box stops searching. */
  function changeQuery(value: string) {
    setQuery(value);
    onAnswer.current = 'open';
    if (timer.current) clearTimeout(timer.current);
    const q = value.trim();
    if (q.length === 0) {
      request.current?.abort();
      setSearch(IDLE);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(() => void runSearch(q), DEBOUNCE_MS);
  }

  /** The list closes with no match active, and a search still on its way does not open it again. */
  function close() {
    onAnswer.current = 'keep';
    setOpen(false);
    setActive(-1);
  }

  /** The box empties and forgets its matches, after a pick. */
  function reset() {
    if (timer.current) clearTimeout(timer.current);
    request.current?.abort();
    setQuery('');
    setSearch(IDLE);
    close();
  }

  /** Whether the matches shown are those of the box's text as it is now, not of an older text. */
  function upToDate(): boolean {
    return search.status === 'done' && search.query === query.trim();
  }

  /**
   * Arrows move through the matches (opening the list at the first or last);
   * Tab closes it. True when the key was one of these, or came while an input
   * method composes (its Enter confirms the characters, not a match).
   */
  function navigate(event: React.KeyboardEvent<HTMLInputElement>): boolean {
    if (event.nativeEvent.isComposing) return true;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        // A search of the newest text is on its way: its answer opens the list at the first match.
        const q = query.trim();
        if (!open && step === 1 && q !== '' && !upToDate()) {
          event.preventDefault();
          onAnswer.current = 'open-at-first';
          if (search.status !== 'loading' || search.query !== q) {
            if (timer.current) clearTimeout(timer.current);
            void runSearch(q);
          }
          return true;
        }
        if (hits.length === 0) return true;
        event.preventDefault();
        if (!open) {
          onAnswer.current = 'open';
          setOpen(true);
          setActive(step === 1 ? 0 : hits.length - 1);
        } else {
          setActive(active === -1 && step === -1 ? hits.length - 1 : (active + step + hits.length) % hits.length);
        }
        return true;
      }
      case 'Tab':
        onAnswer.current = 'keep';
        setOpen(false);
        return true;
    }
    return false;
  }

  /** The status line's words for the search itself, or null when the picker has its own. */
  function searchStatus(): string | null {
    if (search.status === 'loading') return 'Searching…';
    if (search.status === 'failed') return 'The search failed. Check your connection and try again.';
    return null;
  }

  /** The combobox attributes of the text box. */
  const comboboxProps = {
    type: 'text',
    role: 'combobox',
    autoComplete: 'off',
    spellCheck: false,
    'aria-autocomplete': 'list',
    'aria-expanded': expanded,
    'aria-controls': listId,
    'aria-activedescendant': expanded && active >= 0 ? `${listId}-${active}` : undefined,
    value: query,
    onBlur: () => {
      onAnswer.current = 'keep';
      setOpen(false);
    },
    className: inputClass,
  } as const;

  return {
    listId,
    query,
    setQuery,
    search,
    hits,
    open,
    setOpen,
    active,
    setActive,
    expanded,
    changeQuery,
    close,
    reset,
    navigate,
    searchStatus,
    comboboxProps,
  };
}

export type OfficialTypeahead = ReturnType<typeof useOfficialTypeahead>;

/**
 * The list of matches under the box: each official's name and country, then
 * what `details` adds. A click picks (the box keeps focus); the pointer moves
 * the active match.
 */
export function OfficialMatches({
  typeahead,
  label,
  onPick,
  taken,
  details,
}: {
  typeahead: OfficialTypeahead;
  label: string;
  onPick: (hit: OfficialHit) => void;
  /** Officials shown but already chosen. */
  taken?: (hit: OfficialHit) => boolean;
  details: (hit: OfficialHit, facts: { title: string | null; spelling: string | null; taken: boolean }) => ReactNode;
}) {
  const { listId, hits, expanded, active, setActive, search } = typeahead;
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label={label}
      hidden={!expanded}
      className="border-rule bg-paper absolute inset-x-0 top-full z-20 mt-1 max-h-80 overflow-y-auto rounded border py-1 shadow-lg"
    >
      {hits.map((hit, i) => {
        const isTaken = taken?.(hit) ?? false;
        return (
          <li
            key={hit.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            aria-disabled={isTaken || undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(hit)}
            onMouseMove={() => setActive(i)}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? ACTIVE_OPTION : ''} ${isTaken ? 'text-muted' : ''}`}
          >
            <span className="font-medium">{hit.name}</span> <CountryTag code={hit.country} />
            {details(hit, { title: currentTitle(hit), spelling: matchedSpelling(hit, search.query), taken: isTaken })}
          </li>
        );
      })}
    </ul>
  );
}
