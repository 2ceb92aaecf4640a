// Global search (Ctrl/⌘-K or "/"): Japanese full-text search over the search API;
// arrow keys choose, Enter opens the record.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Dialog } from './Dialog';
import { Snippet } from './Snippet';
import { useT } from '../i18n';
import { usePrefs } from '../prefs';
import { navigate } from '../router';

interface Hit {
  type: 'government' | 'official' | 'deal' | 'activity' | 'contact' | 'signal';
  id: string;
  government_code: string;
  title: string;
  snippet: string;
}

const TYPE_LABELS: Record<Hit['type'], [string, string]> = {
  government: ['自治体', 'Government'],
  official: ['職員', 'Official'],
  deal: ['案件', 'Deal'],
  activity: ['活動', 'Activity'],
  contact: ['接触記録', 'Contact'],
  signal: ['議会の兆し', 'Council signal'],
};

/** Where a search hit leads. */
export function hitPath(h: Hit): string {
  switch (h.type) {
    case 'government':
      return `/governments/${h.id}`;
    case 'official':
      return `/officials/${h.id}`;
    case 'deal':
      return `/deals/${h.id}`;
    default:
      return `/governments/${h.government_code}`;
  }
}

export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!open) {
      setQ('');
      setHits([]);
    }
  }, [open]);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits([]);
      return;
    }
    const my = ++seq.current;
    const timer = setTimeout(async () => {
      setBusy(true);
      try {
        const res = await api<{ items: Hit[] }>('/api/search', { query: { q: query, limit: 20 } });
        if (my !== seq.current) return;
        setHits(res.items);
        setActive(0);
        setError(null);
      } catch (e) {
        if (my === seq.current) setError((e as Error).message);
      } finally {
        if (my === seq.current) setBusy(false);
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);

  const openHit = (h: Hit) => {
    onClose();
    navigate(hitPath(h));
  };

  return (
    <Dialog title={t('search')} open={open} onClose={onClose} wide>
      <div class="palette">
        <input
          type="search"
          role="combobox"
          aria-label={t('search')}
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={hits.length ? `search-hit-${active}` : undefined}
          placeholder={t('searchPlaceholder')}
          autoFocus
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, hits.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && hits[active]) {
              e.preventDefault();
              openHit(hits[active]);
            }
          }}
        />
        <p class="muted" aria-live="polite">
          {busy ? t('loading') : error ? `${t('error')}: ${error}` : q.trim() && hits.length === 0 ? t('noResults') : ''}
        </p>
        <ul id="search-results" role="listbox" aria-label={t('search')} class="hits">
          {hits.map((h, i) => (
            <li
              key={`${h.type}-${h.id}`}
              id={`search-hit-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                openHit(h);
              }}
            >
              <span class="tag">{TYPE_LABELS[h.type][prefs.lang === 'ja' ? 0 : 1]}</span>
              <span class="hit-title">{h.title}</span>
              <Snippet html={h.snippet} />
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
