import { describe, expect, it, vi } from 'vitest';
import { contactRowExample } from '../api/examples';
import { log } from '../log';
import type { ContactRow } from '../data/contacts';
import { contactsExportChunks, contactsExportMeta, contactsToCsv, contactsToJson, contactsToPlover } from './contacts';
import { streamText } from './files';

const at = new Date('2025-06-01T09:30:00.000Z');
const meta = (total: number) => contactsExportMeta({ filters: { country: ['RU'], page: 1, pageSize: 50 }, total, at });
const rows: ContactRow[] = ['a', 'b', 'c'].map((id, i) => ({
  ...contactRowExample,
  id: `cm0${id}`,
  date: `2022-0${3 - i}-01`,
  summary: `Contact ${id}, "quoted",\nsecond line`,
}));

async function join(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function read(stream: ReadableStream): Promise<string> {
  return new Response(stream).text();
}

describe('contactsExportChunks', () => {
  it.each([
    ['one batch', [rows]],
    ['batches of one, with an empty one', [[rows[0]], [], [rows[1]], [rows[2]]]],
    ['no batch at all', []],
    ['an empty batch', [[]]],
  ])('writes, from %s, exactly the file the whole-list functions write', async (_, batches) => {
    const all = batches.flat();
    expect(await join(contactsExportChunks('csv', batches, meta(all.length)))).toBe(
      contactsToCsv(all, meta(all.length)),
    );
    const json = await join(contactsExportChunks('json', batches, meta(all.length)));
    expect(json).toBe(contactsToJson(all, meta(all.length)));
    expect(JSON.parse(json).items).toHaveLength(all.length);
    const plover = await join(contactsExportChunks('plover', batches, meta(all.length)));
    expect(plover).toBe(contactsToPlover(all));
    expect(plover.split('\n').filter((line) => line !== '')).toHaveLength(all.length);
  });
});

describe('streamText', () => {
  it('hands over the pieces in order, making each only when the previous one is taken', async () => {
    const made: number[] = [];
    async function* pieces() {
      for (let i = 0; i < 5; i += 1) {
        made.push(i);
        yield `${i};`;
      }
    }
    const stream = await streamText(pieces());
    // Two pieces are made up front, to answer an early failure with a status; no more until read.
    expect(made).toEqual([0, 1]);
    expect(await read(stream)).toBe('0;1;2;3;4;');
  });

  it('rejects before answering when the first pieces fail, and errors the download when a later one does', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    async function* early(): AsyncGenerator<string> {
      throw new Error('database down');
    }
    await expect(streamText(early())).rejects.toThrow('database down');

    async function* late() {
      yield 'head;';
      yield 'rows;';
      throw new Error('connection lost');
    }
    await expect(read(await streamText(late()))).rejects.toThrow('connection lost');
    expect(logged).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'connection lost' }) },
      expect.any(String),
    );
    vi.restoreAllMocks();
  });

  it('stops the generator when the client goes away', async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let i = 0; ; i += 1) yield `${i};`;
      } finally {
        finished = true;
      }
    }
    const stream = await streamText(endless());
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
