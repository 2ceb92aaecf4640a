// Council signals (議会の兆し, docs/intel.md): passages of council minutes with who said
// them, when, the cue and the matched terms highlighted; a button turns one into a lead.
import { useEffect, useState } from 'preact/hooks';
import { api, type Query } from '../api';
import { ErrorBox } from './ErrorBox';
import { useToast } from './Toast';
import { label, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtCount, fmtDate } from '../format';
import { href } from '../router';
import { loadProducts, type Product } from '../refdata';

export interface Signal {
  id: number;
  government_code: string;
  source_kind: string;
  session: string;
  spoken_on: string | null;
  speaker: string;
  role: string;
  passage: string;
  cue: string;
  cue_phrase: string;
  products: { product_id: number; score: number; terms: string[] }[];
  score: number;
  source_url: string;
  lead_id: number | null;
  dismissed: boolean;
}

export const CUE_LABELS: Record<string, [string, string]> = {
  commit: ['予算化・導入', 'Commitment'],
  consider: ['検討', 'Considering'],
  study: ['研究', 'Studying'],
  negative: ['否定的', 'Declined'],
  need: ['議員の要望', "Member's request"],
};

/** The passage as text with the matched terms and the cue phrase in <mark>. */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  const words = [...new Set(terms.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (!words.length) return <span>{text}</span>;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  return (
    <span>
      {parts.map((p, i) => (words.includes(p) ? <mark key={i}>{p}</mark> : p))}
    </span>
  );
}

export function SignalList({ query, showGovernment = false }: { query: Query; showGovernment?: boolean }) {
  const t = useT();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [page, setPage] = useState<{ items: Signal[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [products, setProducts] = useState<Map<number, string>>(new Map());
  const [busy, setBusy] = useState<number | null>(null);
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    api<{ items: Signal[]; total: number }>('/api/signals', { query: { limit: 100, ...query } })
      .then((p) => live && setPage(p))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    loadProducts()
      .then((ps: Product[]) => setProducts(new Map(ps.map((p) => [p.id, p.name]))))
      .catch(() => undefined);
  }, []);

  const replace = (s: Signal) =>
    setPage((p) => (p ? { ...p, items: p.items.map((x) => (x.id === s.id ? s : x)) } : p));

  async function createLead(s: Signal) {
    setBusy(s.id);
    try {
      const made = await api<{ signal: Signal; lead: { id: number } }>(`/api/signals/${s.id}/lead`, { method: 'POST' });
      replace(made.signal);
      toast(prefs.lang === 'ja' ? `リード #${made.lead.id} を作成しました` : `Created lead #${made.lead.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function dismiss(s: Signal) {
    setBusy(s.id);
    try {
      await api<Signal>(`/api/signals/${s.id}/dismiss`, { method: 'POST' });
      setPage((p) => (p ? { items: p.items.filter((x) => x.id !== s.id), total: p.total - 1 } : p));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  if (error) return <ErrorBox error={error} />;
  if (!page) return <p aria-busy="true">{t('loading')}</p>;
  if (!page.items.length) return <p class="muted">{t('noSignals')}</p>;
  return (
    <div>
      <p class="muted">
        {fmtCount(page.total)} {t('signalsCount')}
      </p>
      <ul class="signals" aria-label={t('signals')}>
        {page.items.map((s) => {
          const terms = s.products.flatMap((p) => p.terms);
          return (
            <li key={s.id} class="signal" aria-label={`${s.speaker}（${s.role}）`}>
              <div class="signal-head">
                <span class={`badge cue-${s.cue}`}>{label(CUE_LABELS, s.cue, prefs.lang)}</span>
                <strong>{s.speaker}</strong> <span class="muted">{s.role}</span>{' '}
                <time dateTime={s.spoken_on ?? undefined}>{s.spoken_on ? fmtDate(s.spoken_on, prefs) : s.session}</time>
                {showGovernment && (
                  <a href={href(`/governments/${s.government_code}`)}> {s.government_code}</a>
                )}
              </div>
              <blockquote>
                <Highlighted text={s.passage} terms={[...terms, s.cue_phrase]} />
              </blockquote>
              <div class="signal-foot">
                {s.products.map((p) => (
                  <span key={p.product_id} class="tag" title={p.terms.join('、')}>
                    {products.get(p.product_id) ?? `#${p.product_id}`}: {p.terms.join('、')}
                  </span>
                ))}
                <a href={s.source_url} target="_blank" rel="noopener noreferrer">
                  {t('minutesSource')}（{s.session}）
                </a>
                {s.lead_id ? (
                  <a href={href(`/leads?government=${s.government_code}`)}>{t('leadCreated')} #{s.lead_id}</a>
                ) : (
                  <button type="button" class="primary" disabled={busy === s.id} onClick={() => createLead(s)}>
                    {t('createLead')}
                  </button>
                )}
                {!s.lead_id && (
                  <button type="button" disabled={busy === s.id} onClick={() => dismiss(s)}>
                    {t('dismissSignal')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
