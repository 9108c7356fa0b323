'use client';

import { usePathname } from 'next/navigation';
import { ThemeProvider as NextThemeProvider, useTheme } from 'next-themes';
import { useEffect, useSyncExternalStore } from 'react';

/*
 * Light, dark, or the OS's choice ("system", the default), remembered in localStorage. next-themes writes
 * data-theme on <html> from an inline script at the top of <body>, before anything is painted, so a reader
 * who chose dark never sees a light frame; app/globals.css reads the attribute, and the OS's preference where
 * there is none (no JavaScript, or a page rendered outside this provider).
 */

const CHOICES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const;

/** Applies the reader's stored theme to the pages inside it. */
export function ThemeProvider({ children }: { children: React.ReactNode }) {
  return (
    <NextThemeProvider attribute="data-theme" defaultTheme="system" enableSystem disableTransitionOnChange>
      <ThemeColor />
      {children}
    </NextThemeProvider>
  );
}

/**
 * The browser's toolbar colour follows the chosen theme, not only the OS. The layout's viewport gives one
 * theme-color per colour scheme, each with its media query (app/layout.tsx); a chosen theme makes its own
 * apply to every screen and the other to none, and "system" puts the queries back. Run again after each
 * navigation, which may render the head's tags anew.
 */
function ThemeColor() {
  const { theme, resolvedTheme } = useTheme();
  const pathname = usePathname();
  useEffect(() => {
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
      const query = (meta.dataset.schemeQuery ??= meta.media);
      const scheme = query.includes('dark') ? 'dark' : 'light';
      meta.media =
        theme === 'system' || resolvedTheme === undefined ? query : scheme === resolvedTheme ? 'all' : 'not all';
    }
  }, [theme, resolvedTheme, pathname]);
  return null;
}

const subscribeNothing = () => () => {};

/** The header's light/dark/system switch: a radio group, so a screen reader announces the current choice. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored choice is known only in the browser: until hydration no option is checked, and none can be.
  const isHydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  return (
    <fieldset className="border-rule flex rounded border p-0.5" disabled={!isHydrated}>
      <legend className="sr-only">Colour theme</legend>
      {CHOICES.map((choice) => (
        <label
          key={choice.value}
          title={choice.label}
          className="text-muted has-checked:bg-rule has-checked:text-ink has-focus-visible:outline-silence hover:text-ink flex cursor-pointer items-center rounded-sm px-1.5 py-1 has-focus-visible:outline-2"
        >
          <input
            type="radio"
            name="theme"
            value={choice.value}
            checked={isHydrated && theme === choice.value}
            onChange={() => setTheme(choice.value)}
            className="sr-only"
          />
          <ThemeIcon choice={choice.value} />
          <span className="sr-only">{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ThemeIcon({ choice }: { choice: (typeof CHOICES)[number]['value'] }) {
  const common = {
    width: 16,
    height: 16,
    viewBox: '0 0 16 16',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.5,
    'aria-hidden': true,
  } as const;
  if (choice === 'light') {
    return (
      <svg {...common}>
        <circle cx="8" cy="8" r="3" />
        <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
      </svg>
    );
  }
  if (choice === 'dark') {
    return (
      <svg {...common}>
        <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="1.75" y="2.75" width="12.5" height="8.5" rx="1" />
      <path d="M5.5 13.75h5M8 11.25v2.5" />
    </svg>
  );
}
