'use client';

import { FormSection } from '@/components/forms/section';
import { fieldBinder, TextAreaField, TextField } from '@/components/forms/fields';
import { inputClass } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';
import { officialFieldId as fid, type OfficialFormValues } from '@/lib/validation/official-form';

type ProfileKey = 'name' | 'country' | 'otherNames' | 'wikidataId' | 'bio' | 'links';

/** The "Who" section: the official's name, country, other spellings, Wikidata id, bio and links. */
export function ProfileFields({
  values,
  errors,
  set,
}: {
  values: OfficialFormValues;
  errors: FieldErrors;
  set: (key: ProfileKey, value: string) => void;
}) {
  const bind = fieldBinder<ProfileKey>({ id: fid, value: (key) => values[key], set, errors });
  return (
    <FormSection id="official-section-who" title="Who">
      <div className="grid gap-5 sm:grid-cols-[1fr_10rem]">
        <TextField
          {...bind('name')}
          label="Name"
          hint="As English-language sources usually write it."
          autoComplete="off"
        />
        <TextField
          {...bind('country')}
          onValueChange={(value) => set('country', value.toUpperCase())}
          label="Country"
          hint="Two letters, e.g. NO."
          autoComplete="off"
          spellCheck={false}
          maxLength={2}
          controlClassName={`${inputClass} uppercase`}
        />
      </div>
      <TextAreaField
        {...bind('otherNames')}
        label="Other spellings"
        optional
        hint="One per line: transliterations, the name in its own script, common misspellings. Search finds any of them."
        rows={3}
      />
      <div className="grid gap-5 sm:grid-cols-[10rem_1fr]">
        <TextField
          {...bind('wikidataId')}
          label="Wikidata id"
          optional
          hint="e.g. Q23460"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <TextAreaField {...bind('bio')} label="Short bio" optional rows={3} />
      <TextAreaField
        {...bind('links')}
        label="Links"
        optional
        hint="One web address per line: an official biography, a profile."
        error={errors.links ?? Object.entries(errors).find(([k]) => k.startsWith('links.'))?.[1]}
        rows={2}
        spellCheck={false}
      />
    </FormSection>
  );
}
