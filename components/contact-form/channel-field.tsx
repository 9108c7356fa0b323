'use client';

import { Select, type ControlProps } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import { channelsBetween, type ChannelChoice } from '@/lib/validation/channel';

/**
 * The channel a hotline contact went over, chosen among the channels that
 * connect the participants' countries (all channels until two countries are
 * chosen). A value no longer on offer stays selectable, so an edit never
 * drops it unseen; the server checks the channel exists.
 */
export function ChannelSelect({
  props,
  value,
  onValueChange,
  channels,
  countries,
}: {
  props: ControlProps;
  value: string;
  onValueChange: (value: string) => void;
  channels: ChannelChoice[];
  countries: string[];
}) {
  const offered = channelsBetween(channels, countries);
  const label = (c: ChannelChoice) =>
    c.closedOn
      ? `${c.name} (${formatDate(c.establishedOn)} – ${formatDate(c.closedOn)})`
      : `${c.name} (since ${formatDate(c.establishedOn)})`;
  const options = [
    { value: '', label: offered.length === 0 ? 'None: no channel connects these countries' : 'None' },
    ...offered.map((c) => ({ value: c.slug, label: label(c) })),
  ];
  if (value !== '' && !offered.some((c) => c.slug === value)) {
    const known = channels.find((c) => c.slug === value);
    options.push({ value, label: known ? `${label(known)}: not between these countries` : `${value} (unknown)` });
  }
  return <Select {...props} name="channel" value={value} onValueChange={onValueChange} options={options} />;
}
