import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channelsBetween, ZChannelInput } from './channel';
import { ZContextEventInput, countriesText } from './event';

function messages(result: { success: boolean; error?: z.ZodError }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('a context event’s input', () => {
  it('reads countries typed with commas, spaces or in lower case, without repeats', () => {
    const event = ZContextEventInput.parse({
      date: '2022-02-24',
      title: ' Russia invades Ukraine ',
      countries: 'ua, ru  ua;RU',
    });
    expect(event).toEqual({ date: '2022-02-24', title: 'Russia invades Ukraine', countries: ['UA', 'RU'] });
  });

  it('concerns everyone when no country is given', () => {
    expect(ZContextEventInput.parse({ date: '2022-02-24', title: 'A', countries: '' }).countries).toEqual([]);
    expect(ZContextEventInput.parse({ date: '2022-02-24', title: 'A' }).countries).toEqual([]);
    expect(countriesText([])).toBe('every pair');
    expect(countriesText(['NO', 'FI'])).toBe('Norway (NO), Finland (FI)');
  });

  it('names each unknown country code in one message on the countries field', () => {
    const result = ZContextEventInput.safeParse({ date: '2022-02-24', title: 'A', countries: 'NO, XX, Norway' });
    expect(messages(result)).toEqual({
      countries: '“XX”, “NORWAY” are not two-letter ISO country codes; use codes such as NO, FI or US',
    });
  });

  it('asks for a date, a real one, and a title, and refuses a URL that is not a web address', () => {
    expect(messages(ZContextEventInput.safeParse({ date: '', title: '', url: 'javascript:alert(1)' }))).toEqual({
      date: 'Enter the date of the event, as YYYY-MM-DD',
      title: 'Enter a title, e.g. Russia invades Ukraine',
      url: 'Enter a full web address starting with https://',
    });
    expect(messages(ZContextEventInput.safeParse({ date: '2022-02-30', title: 'A' }))).toEqual({
      date: 'Enter a real date as YYYY-MM-DD',
    });
  });

  it('keeps empty optional fields out', () => {
    const event = ZContextEventInput.parse({ date: '2022-02-24', title: 'A', description: '  ', url: '' });
    expect(event).toEqual({ date: '2022-02-24', title: 'A', countries: [] });
  });
});

describe('a channel’s input', () => {
  const line = { name: 'Norway–Finland line', countries: 'NO FI', establishedOn: '2022-03-01' };

  it('takes two distinct countries and an optional closing date on or after the start', () => {
    expect(ZChannelInput.parse({ ...line, closedOn: '2022-03-01' })).toMatchObject({
      countries: ['NO', 'FI'],
      closedOn: '2022-03-01',
    });
    expect(ZChannelInput.parse({ ...line, closedOn: '' }).closedOn).toBeUndefined();
  });

  it('refuses fewer than two distinct countries', () => {
    expect(messages(ZChannelInput.safeParse({ ...line, countries: 'NO no' }))).toEqual({
      countries: 'A channel connects at least two countries: list two different codes, e.g. NO, FI',
    });
  });

  it('refuses a channel that closes before it was established, at the closing date', () => {
    expect(messages(ZChannelInput.safeParse({ ...line, closedOn: '2022-02-28' }))).toEqual({
      closedOn: 'A channel cannot close before it was established',
    });
  });

  it('asks for the date it was set up and a name', () => {
    expect(messages(ZChannelInput.safeParse({ name: ' ', countries: 'NO FI', establishedOn: '' }))).toEqual({
      name: 'Enter the channel’s name, e.g. US–Russia deconfliction line',
      establishedOn: 'Enter the date it was set up, as YYYY-MM-DD',
    });
  });
});

describe('the channels a contact form offers', () => {
  const choice = (slug: string, countries: string[]) => ({
    slug,
    name: slug,
    countries,
    establishedOn: '2022-03-01',
    closedOn: null,
  });
  const channels = [choice('us-ru', ['US', 'RU']), choice('nordic', ['NO', 'SE', 'FI'])];

  it('are those connecting two of the participants’ countries, or all until two countries are chosen', () => {
    expect(channelsBetween(channels, ['US', 'RU', 'US']).map((c) => c.slug)).toEqual(['us-ru']);
    expect(channelsBetween(channels, ['FI', 'NO']).map((c) => c.slug)).toEqual(['nordic']);
    expect(channelsBetween(channels, ['US', 'FI'])).toEqual([]);
    expect(channelsBetween(channels, ['US', 'US']).map((c) => c.slug)).toEqual(['us-ru', 'nordic']);
    expect(channelsBetween(channels, []).map((c) => c.slug)).toEqual(['us-ru', 'nordic']);
  });
});
