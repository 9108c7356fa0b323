'use client';

import type { Ref } from 'react';
import { FormSection } from '@/components/forms/section';
import { TextField } from '@/components/forms/fields';
import { Field, FieldError } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';
import {
  officialFieldId as fid,
  type OfficialFormValues,
  type PhotoChoice,
  type PhotoState,
} from '@/lib/validation/official-form';

const PHOTO_LABELS: Record<PhotoState['kind'], Partial<Record<PhotoChoice, string>>> = {
  none: { keep: 'No photo', upload: 'Upload a file', url: 'Use an address on the web' },
  stored: {
    keep: 'Keep the uploaded photo',
    upload: 'Upload a new file',
    url: 'Use an address on the web instead',
    remove: 'Remove the photo',
  },
  url: {
    keep: 'Keep the photo at its address',
    upload: 'Upload a file instead',
    url: 'Change the address',
    remove: 'Remove the photo',
  },
};

function PhotoPreview({ photo, name }: { photo: PhotoState; name: string }) {
  if (photo.kind === 'none') return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- served by this app or at the address an admin gave
    <img
      src={photo.src}
      alt={`Current photo of ${name || 'this official'}`}
      width={72}
      height={90}
      className="bg-rule h-[5.625rem] w-[4.5rem] shrink-0 rounded-sm object-cover"
    />
  );
}

/**
 * The "Photo" section: what to do with the photo (the choices depend on what
 * there is now), then the file or the address the choice asks for.
 */
export function PhotoFields({
  photo,
  values,
  errors,
  fileRef,
  onChoose,
  onUrlChange,
}: {
  /** The photo as saved. */
  photo: PhotoState;
  values: OfficialFormValues;
  errors: FieldErrors;
  fileRef: Ref<HTMLInputElement>;
  onChoose: (choice: PhotoChoice) => void;
  onUrlChange: (url: string) => void;
}) {
  const choices = Object.entries(PHOTO_LABELS[photo.kind]) as [PhotoChoice, string][];
  const photoError = errors.photo;
  const showsUrl = values.photoChoice === 'url' || (values.photoChoice === 'keep' && photo.kind === 'url');
  return (
    <FormSection id="official-section-photo" title="Photo" hint="JPEG, PNG, WebP or GIF, up to 2 MB.">
      <div className="flex items-start gap-4">
        <PhotoPreview photo={photo} name={values.name} />
        <fieldset
          className="min-w-0"
          aria-describedby={photoError ? `${fid('photo')}-error` : undefined}
          id={fid('photo')}
          tabIndex={-1}
        >
          <legend className="text-sm font-medium">Photo</legend>
          <div className="mt-2 space-y-2">
            {choices.map(([choice, label]) => (
              <label key={choice} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="photoChoice"
                  value={choice}
                  checked={values.photoChoice === choice}
                  onChange={() => onChoose(choice)}
                  className="accent-ink size-4"
                />
                {label}
              </label>
            ))}
          </div>
          <FieldError id={fid('photo')} messages={photoError} />
        </fieldset>
      </div>
      {values.photoChoice === 'upload' && (
        <Field
          id={fid('photoFile')}
          label="Image file"
          hint="Checked by its contents, not its name. SVG is not accepted."
        >
          {(props) => (
            <input
              {...props}
              ref={fileRef}
              name="photoFile"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-invalid={photoError ? true : undefined}
              className="mt-1.5 block w-full text-sm file:mr-3 file:rounded file:border file:border-current file:bg-transparent file:px-3 file:py-1.5 file:text-sm"
            />
          )}
        </Field>
      )}
      {showsUrl ? (
        <TextField
          id={fid('photoUrl')}
          label="Photo address"
          hint="A full web address starting with https://"
          error={errors.photoUrl}
          name="photoUrl"
          type="url"
          spellCheck={false}
          readOnly={values.photoChoice === 'keep'}
          value={values.photoUrl}
          onValueChange={onUrlChange}
        />
      ) : (
        <input type="hidden" name="photoUrl" value={values.photoUrl} />
      )}
    </FormSection>
  );
}
