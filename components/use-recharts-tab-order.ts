'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Chromium makes any SVG element with a focus listener a tab stop, and React
 * attaches its listeners to every portal container: Recharts' z-index layers
 * would each take a Tab press before the chart's own focusable parts. This takes
 * them out of the tab order, also as Recharts re-renders.
 */
export function useRechartsTabOrder(root: RefObject<HTMLElement | null>, enabled = true): void {
  useEffect(() => {
    const element = root.current;
    if (!enabled || element === null) return;
    const untab = () =>
      element
        .querySelectorAll('g[class^="recharts-zIndex-layer"]:not([tabindex])')
        .forEach((layer) => layer.setAttribute('tabindex', '-1'));
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [root, enabled]);
}
