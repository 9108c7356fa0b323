'use client';

import { useCombobox } from 'downshift';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CountryTag } from '@/components/country-tag';
import { inputClass } from '@/components/ui/field';

/*
 * Type-ahead over every spelling of an official's name, as an ARIA 1.2
 * combobox. Why Downshift's useCombobox (issue 15): it is headless, so the
 * markup and classes stay ours, and it replaces our hand-written keys and
 * ARIA wiring (45 fewer lines with both pickers) with handling ours lacked:
 * the active match scrolled into view, Enter ignored while an IME composes,
 * a click outside. Cost: about 8 KiB gzip on the two pages that use it.
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

/** The search behind the box: after a pause in typing, the older request dropped; an empty query clears it. */
function useOfficialSearch() {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef<AbortController | null>(null);
  const [search, setSearch] = useState<Search>(IDLE);

  async function run(q: string) {
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
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setSearch({ status: 'failed', query: q, hits: [] });
    }
  }

  function find(value: string) {
    if (timer.current) clearTimeout(timer.current);
    const q = value.trim();
    if (q.length === 0) {
      request.current?.abort();
      setSearch(IDLE);
      return;
    }
    timer.current = setTimeout(() => void run(q), DEBOUNCE_MS);
  }

  return { search, find };
}

const {
  InputChange,
  InputKeyDownEnter,
  InputKeyDownEscape,
  ItemClick,
  InputBlur,
  InputClick,
  ControlledPropUpdatedSelectedItem,
} = useCombobox.stateChangeTypes;

/**
 * One type-ahead box on Downshift's combobox. Where this app differs from
 * Downshift's defaults, the state reducer says so: Enter picks the only match
 * even when none is active, picking an official already chosen keeps the list
 * open, leaving the box never picks, and a click in it never closes the list.
 */
export function useOfficialTypeahead({
  id,
  initialQuery = '',
  multiple,
  taken,
  onPick,
}: {
  id: string;
  initialQuery?: string;
  /** A picker of several: a pick empties the box for the next, and Escape on a closed list empties it. */
  multiple: boolean;
  /** Officials shown but already chosen: picking one calls `onPick` (to say so) and changes nothing. */
  taken?: (hit: OfficialHit) => boolean;
  onPick: (hit: OfficialHit) => void;
}) {
  const { search, find } = useOfficialSearch();
  const hits = search.hits;
  const combobox = useCombobox<OfficialHit>({
    inputId: id,
    items: hits,
    itemToString: (hit) => hit?.name ?? '',
    itemToKey: (hit) => hit?.id,
    initialInputValue: initialQuery,
    // Held at none, so that every pick is a change that reaches onPick, the same official twice included.
    selectedItem: null,
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      if (!taken?.(selectedItem)) find('');
      onPick(selectedItem);
    },
    onInputValueChange: ({ type, inputValue }) => {
      if (type === InputChange || type === InputKeyDownEscape) find(inputValue);
    },
    stateReducer(state, { type, changes, props }) {
      switch (type) {
        case InputKeyDownEnter:
        case ItemClick: {
          const hit = changes.selectedItem ?? (props.items.length === 1 ? props.items[0] : null);
          if (!hit) return state;
          if (taken?.(hit)) return { ...state, selectedItem: hit };
          return {
            ...changes,
            selectedItem: hit,
            isOpen: false,
            highlightedIndex: -1,
            inputValue: multiple ? '' : hit.name,
          };
        }
        case InputKeyDownEscape: {
          const shown = state.isOpen && props.items.length > 0;
          return { ...changes, isOpen: false, inputValue: multiple && !shown ? '' : state.inputValue };
        }
        case InputBlur:
          return { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue };
        case InputClick:
        // The held `selectedItem` is no choice of the reader's: the box keeps what the pick put there.
        case ControlledPropUpdatedSelectedItem:
          return state;
      }
      return changes;
    },
  });
  // New matches open the list with none active, unless the reader has left the box meanwhile.
  const { openMenu } = combobox;
  useEffect(() => {
    if (search.status === 'done' && document.activeElement?.id === id) openMenu();
  }, [search, id, openMenu]);
  const expanded = combobox.isOpen && hits.length > 0;

  /** The status line's words for the search itself, or null when the picker has its own. */
  function searchStatus(): string | null {
    if (search.status === 'loading') return 'Searching…';
    if (search.status === 'failed') return 'The search failed. Check your connection and try again.';
    return null;
  }

  /** The text box's props: the combobox's, this app's look, and the picker's own (`extra`). */
  function inputProps(extra: React.ComponentProps<'input'>) {
    return combobox.getInputProps({
      ...extra,
      type: 'text',
      spellCheck: false,
      className: inputClass,
      // The picker's own <label for> names the box; Downshift would point at a label it renders.
      'aria-labelledby': undefined,
      'aria-expanded': expanded,
      onFocus: () => hits.length > 0 && combobox.openMenu(),
    });
  }

  return { combobox, search, hits, expanded, taken, searchStatus, inputProps };
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
  details,
}: {
  typeahead: OfficialTypeahead;
  label: string;
  details: (hit: OfficialHit, facts: { title: string | null; spelling: string | null; taken: boolean }) => ReactNode;
}) {
  const { combobox, hits, expanded, taken, search } = typeahead;
  return (
    <ul
      {...combobox.getMenuProps({ 'aria-label': label })}
      hidden={!expanded}
      className="border-rule bg-paper absolute inset-x-0 top-full z-20 mt-1 max-h-80 overflow-y-auto rounded border py-1 shadow-lg"
    >
      {hits.map((hit, index) => {
        const isTaken = taken?.(hit) ?? false;
        return (
          <li
            key={hit.id}
            {...combobox.getItemProps({ item: hit, index, 'aria-disabled': isTaken || undefined })}
            className={`cursor-pointer px-3 py-2 text-sm ${index === combobox.highlightedIndex ? 'bg-rule' : ''} ${isTaken ? 'text-muted' : ''}`}
          >
            <span className="font-medium">{hit.name}</span> <CountryTag code={hit.country} />
            {details(hit, { title: currentTitle(hit), spelling: matchedSpelling(hit, search.query), taken: isTaken })}
          </li>
        );
      })}
    </ul>
  );
}
