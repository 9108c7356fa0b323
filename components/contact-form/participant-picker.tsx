'use client';

import { useRef, useState } from 'react';
import { CountryTag } from '@/components/country-tag';
import { currentTitle, OfficialMatches, useOfficialTypeahead, type OfficialHit } from '@/components/official-typeahead';
import { describedBy, FieldError } from '@/components/ui/field';
import { countryName } from '@/lib/validation/common';
import type { ParticipantChoice } from '@/lib/validation/contact-form';

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
  const inputRef = useRef<HTMLInputElement>(null);
  const typeahead = useOfficialTypeahead();
  const { query, hits, active, expanded, search } = typeahead;
  const [announcement, setAnnouncement] = useState('');

  const chosen = new Set(participants.map((p) => p.id));
  const countries = [...new Set(participants.map((p) => p.country))];

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
    typeahead.reset();
    inputRef.current?.focus();
  }

  function remove(participant: ParticipantChoice) {
    onChange(participants.filter((p) => p.id !== participant.id));
    setAnnouncement(`${participant.name} removed.`);
    inputRef.current?.focus();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (typeahead.navigate(event)) return;
    switch (event.key) {
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
          typeahead.close();
        } else if (query) {
          event.preventDefault();
          typeahead.changeQuery('');
        }
        return;
    }
  }

  const status =
    typeahead.searchStatus() ??
    (search.status === 'done' && query.trim() !== '' && hits.length === 0
      ? `No official is known as “${search.query}”, in any spelling.`
      : search.status === 'done' && expanded
        ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}: use the arrow keys, then Enter to add.`
        : '');
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
          {...typeahead.comboboxProps}
          aria-invalid={error?.length ? true : undefined}
          aria-describedby={describedBy(id, true, Boolean(error?.length))}
          onChange={(e) => typeahead.changeQuery(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => hits.length > 0 && typeahead.setOpen(true)}
          placeholder="Type a name in any spelling, e.g. Shoigu or Шойгу"
        />
        <OfficialMatches
          typeahead={typeahead}
          label="Matching officials"
          onPick={pick}
          taken={(hit) => chosen.has(hit.id)}
          details={(_hit, { title, spelling, taken }) => (
            <>
              {taken && <span className="text-muted"> · already added</span>}
              {(title || spelling) && (
                <span className="text-muted block text-xs">
                  {[title, spelling && `also written ${spelling}`].filter(Boolean).join(' · ')}
                </span>
              )}
            </>
          )}
        />
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
