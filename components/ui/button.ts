/** Button styles: one strong action per view, quiet secondary ones, and a destructive one. */
export const buttonClass = {
  primary:
    'bg-ink text-paper inline-flex items-center justify-center gap-2 rounded px-4 py-2 text-sm font-medium disabled:cursor-wait disabled:opacity-60',
  secondary:
    'border-history/70 text-ink hover:bg-rule/60 inline-flex items-center justify-center gap-2 rounded border px-3.5 py-2 text-sm font-medium disabled:opacity-60',
  quiet:
    'text-ink hover:bg-rule/60 inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm underline-offset-4 hover:underline',
  danger:
    'inline-flex items-center justify-center gap-2 rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60 dark:bg-red-500 dark:text-black dark:hover:bg-red-400',
} as const;
