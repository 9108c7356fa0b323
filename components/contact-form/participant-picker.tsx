'use client';

import { useId, useRef, useState } from 'react';
import { CountryTag } from '@/components/country-tag';
import { describedBy, FieldError, inputClass } from '@/components/ui/field';
import { countryName } from '@/lib/validation/common';
import type { ParticipantChoice } from '@/lib/validation/contact-form';

/** An official as GET /api/v1/officials lists them. */
type OfficialHit = {
  id: string;
  slug: string;
  name: string;
  country: string;
  otherNames: string[];
  positions: { title: string; endDate: string | null }[];
};

type Search = { status: 'idle' | 'loading' | 'done' | 'failed'; query: string; hits: OfficialHit[] };

const DEBOUNCE_MS = 150;

/** The spelling that matched, when it is not the name shown: "also Шойгу". */
function matchedSpelling(hit: OfficialHit, query: string): string | null {
  const q = query.trim().toLocaleLowerCase();
  if (!q || hit.name.toLocaleLowerCase().includes(q)) return null;
  return hit.otherNames.find((n) => n.toLocaleLowerCase().includes(q)) ?? null;
}

function currentTitle(hit: OfficialHit): string | null {
  return (hit.positions.find((p) => p.endDate === null) ?? hit.positions[0])?.title ?? null;
}

/**
 * Participants chosen by type-ahead over every spelling of an official's name,
 * shown as removable chips with their country. An ARIA 1.2 combobox: arrows
 * move through the matches, Enter picks, Escape closes (then clears).
 */
export function ParticipantPicker({
  id,
  participants,
  onChange,
  error,
}: {
  id: string;
  participants: ParticipantChoice[];
  onChange: (next: ParticipantChoice[]) => void;
  error?: string[];
}) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef<AbortController | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle', query: '', hits: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');

  const chosen = new Set(participants.map((p) => p.id));
  const hits = search.hits;
  const expanded = open && hits.length > 0;
  const countries = [...new Set(participants.map((p) => p.country))];

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
    if (chosen.has(hit.id)) {
      setAnnouncement(`${hit.name} is already a participant.`);
      return;
    }
    const next = [
      ...participants,
      { id: hit.id, slug: hit.slug, name: hit.name, country: hit.country, title: currentTitle(hit) },
    ];
    onChange(next);
    const nextCountries = new Set(next.map((p) => p.country)).size;
    setAnnouncement(
      `${hit.name}, ${countryName(hit.country)}, added. ${next.length} ${next.length === 1 ? 'participant' : 'participants'} from ${nextCountries} ${nextCountries === 1 ? 'country' : 'countries'}.`,
    );
    setQuery('');
    setSearch({ status: 'idle', query: '', hits: [] });
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function remove(participant: ParticipantChoice) {
    onChange(participants.filter((p) => p.id !== participant.id));
    setAnnouncement(`${participant.name} removed.`);
    inputRef.current?.focus();
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
        // Enter in the search box picks; it never submits the form half-filled.
        if (query.trim() === '' && !expanded) return;
        event.preventDefault();
        if (expanded && active >= 0) pick(hits[active]);
        else if (expanded && hits.length === 1) pick(hits[0]);
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          onQueryChange('');
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
        : search.status === 'done' && query.trim() !== '' && hits.length === 0
          ? `No official is known as “${search.query}”, in any spelling.`
          : search.status === 'done' && expanded
            ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}: use the arrow keys, then Enter to add.`
            : '';
  const hintId = `${id}-hint`;

  return (
    <div>
      {participants.length > 0 && (
        <ul aria-label="Chosen participants" className="mb-3 flex flex-wrap gap-2">
          {participants.map((p, i) => (
            <li
              key={p.id}
              className="border-rule bg-paper flex max-w-full items-center gap-2 rounded-full border py-1 pr-1 pl-3 text-sm shadow-xs"
            >
              <span className="min-w-0">
                <span className="font-medium">{p.name}</span> <CountryTag code={p.country} />
                {p.title && <span className="text-muted hidden sm:inline"> · {p.title}</span>}
              </span>
              <button
                type="button"
                onClick={() => remove(p)}
                aria-label={`Remove ${p.name}`}
                className="text-muted hover:bg-rule hover:text-ink grid size-7 shrink-0 place-items-center rounded-full"
              >
                <span aria-hidden="true">×</span>
              </button>
              <input type="hidden" name={`participants.${i}.id`} value={p.id} />
              <input type="hidden" name={`participants.${i}.slug`} value={p.slug} />
              <input type="hidden" name={`participants.${i}.name`} value={p.name} />
              <input type="hidden" name={`participants.${i}.country`} value={p.country} />
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error?.length ? true : undefined}
          aria-describedby={describedBy(id, true, Boolean(error?.length))}
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => hits.length > 0 && setOpen(true)}
          placeholder="Type a name in any spelling, e.g. Shoigu or Шойгу"
          className={inputClass}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching officials"
          hidden={!expanded}
          className="border-rule bg-paper absolute inset-x-0 top-full z-20 mt-1 max-h-80 overflow-y-auto rounded border py-1 shadow-lg"
        >
          {hits.map((hit, i) => {
            const spelling = matchedSpelling(hit, search.query);
            const title = currentTitle(hit);
            const taken = chosen.has(hit.id);
            return (
              <li
                key={hit.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={taken || undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(hit)}
                onMouseMove={() => setActive(i)}
                className={`cursor-pointer px-3 py-2 text-sm ${i === active ? 'bg-rule' : ''} ${taken ? 'text-muted' : ''}`}
              >
                <span className="font-medium">{hit.name}</span> <CountryTag code={hit.country} />
                {taken && <span className="text-muted"> · already added</span>}
                {(title || spelling) && (
                  <span className="text-muted block text-xs">
                    {[title, spelling && `also written ${spelling}`].filter(Boolean).join(' · ')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <p id={hintId} className="text-muted mt-1.5 text-sm">
        {participants.length === 0
          ? 'At least two officials, from at least two countries.'
          : countries.length < 2
            ? `Add an official of another country than ${countryName(countries[0])}.`
            : participants.length === 1
              ? 'Add at least one more official.'
              : `${participants.length} participants from ${countries.length} countries. Add more if others took part.`}
      </p>
      <FieldError id={id} messages={error} />
      <p role="status" aria-live="polite" className="text-muted mt-1 min-h-5 text-xs">
        {status}
      </p>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
