/** No accents, no case, single spaces (see text-fold.mjs). */
export function foldText(text: string): string;
