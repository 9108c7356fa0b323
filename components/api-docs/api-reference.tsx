'use client';

import { useEffect, useRef, useState } from 'react';
import 'swagger-ui-dist/swagger-ui.css';
import './api-reference.css';

/**
 * Swagger UI's dark theme applies under `html.dark-mode`. It is switched on while the reference is shown and
 * the page is dark: by the theme a visitor chose (`data-theme` on <html>) or else by the system's setting.
 */
function useSwaggerDarkMode() {
  useEffect(() => {
    const html = document.documentElement;
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => {
      const theme = html.dataset.theme;
      html.classList.toggle('dark-mode', theme ? theme === 'dark' : system.matches);
    };
    update();
    system.addEventListener('change', update);
    const observer = new MutationObserver(update);
    observer.observe(html, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      system.removeEventListener('change', update);
      observer.disconnect();
      html.classList.remove('dark-mode');
    };
  }, []);
}

/**
 * The endpoints and shapes of the OpenAPI document at `url` (same origin), drawn by Swagger UI in the browser.
 * Its prebuilt bundle (swagger-ui-dist), not swagger-ui-react: Turbopack mis-bundles the OpenAPI 3.1 parser
 * swagger-ui-react imports from source ("refract is not a function", vercel/next.js#86507).
 */
export function ApiReference({ url }: { url: string }) {
  useSwaggerDarkMode();
  const container = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let cancelled = false;
    void import('swagger-ui-dist/swagger-ui-es-bundle.js').then(({ default: SwaggerUI }) => {
      if (cancelled || !container.current) return;
      SwaggerUI({
        domNode: container.current,
        url,
        // Reads can be tried here, against this server; writes need a token, and the curl examples show how.
        supportedSubmitMethods: ['get'],
        // No deep links: Swagger UI draws them as links inside an operation's button, which a screen reader
        // cannot reach. The page links to an operation by the id Swagger UI gives its block.
        deepLinking: false,
        // No badge from validator.swagger.io: the page loads nothing from another site.
        validatorUrl: null,
        defaultModelsExpandDepth: 0,
      });
      setLoading(false);
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <div className="api-reference mt-6">
      {loading && <p className="text-muted text-sm">Loading the reference…</p>}
      <div ref={container} />
    </div>
  );
}
