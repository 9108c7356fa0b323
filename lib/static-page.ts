/*
 * The few pages proxy.ts answers itself, before Next.js renders anything (the database is down: 503; a
 * permalink's date is refused: 400): plain HTML in the site's colours, light or dark, with no script or
 * stylesheet to fetch. `body` is HTML the caller made safe (escape text with lib/xml.ts `escapeXml`).
 */
export function staticPage(options: { title: string; heading: string; body: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Counterpart</title>
<style>
:root{color-scheme:light dark;--ink:#1c1b19;--muted:#6b6862;--paper:#fbfaf7;--rule:#e4e1da}
@media (prefers-color-scheme:dark){:root{--ink:#ecebe7;--muted:#a19d95;--paper:#141413;--rule:#34332f}}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif}
header{border-bottom:1px solid var(--rule)}header div,main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem}
header a{color:inherit;font-weight:600;font-size:1.125rem;text-decoration:none}
main{padding-top:3.5rem}h1{font-size:1.875rem;line-height:1.2;margin:0;letter-spacing:-.01em}
p{color:var(--muted);max-width:36rem}main a{color:inherit}
</style></head>
<body><header><div><a href="/">Counterpart</a></div></header>
<main><h1>${options.heading}</h1>
${options.body}</main></body></html>
`;
}
