import { countryName } from '@/lib/validation/common';

/** A country code set small and grey, with the country's name for screen readers and on hover. */
export function CountryTag({ code }: { code: string }) {
  return (
    <abbr
      title={countryName(code)}
      className="border-rule text-muted rounded-sm border px-1 py-px text-[0.7rem] font-medium tracking-wide no-underline"
    >
      {code}
    </abbr>
  );
}
