// Renders the search API's snippet ("…<mark>千代田</mark>区…", HTML-escaped) as text
// and <mark> elements, never as HTML.
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  return (
    <span class="snippet">
      {parts.map((p, i) =>
        p.startsWith('<mark>') ? <mark key={i}>{unescape(p.slice(6, -7))}</mark> : unescape(p),
      )}
    </span>
  );
}
