// 兆し / Signals: council signals across governments, filtered by government, cue,
// product, dates and a full-text search of the passages (docs/intel.md).
import { useEffect, useState } from 'preact/hooks';
import type { Query } from '../api';
import { CUE_LABELS, SignalList } from '../components/SignalList';
import { label, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { loadProducts, type Product } from '../refdata';
import type { Route } from '../router';

export default function SignalsPage(_props: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [government, setGovernment] = useState('');
  const [cue, setCue] = useState('');
  const [product, setProduct] = useState('');
  const [q, setQ] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  const [query, setQuery] = useState<Query>({});

  useEffect(() => {
    loadProducts().then(setProducts).catch(() => undefined);
  }, []);

  function apply(e: Event) {
    e.preventDefault();
    const next: Query = {};
    if (government.trim()) next.government = government.trim();
    if (cue) next.cue = cue;
    if (product) next.product = product;
    if (q.trim()) next.q = q.trim();
    if (from) next.from = from;
    if (to) next.to = to;
    setQuery(next);
  }

  return (
    <article aria-labelledby="signals-title">
      <h1 id="signals-title">{t('signals')}</h1>
      <p class="muted">{t('signalsLead')}</p>
      <form class="filters" role="search" aria-label={t('signalFilters')} onSubmit={apply}>
        <label>
          {t('code')}
          <input value={government} onInput={(e) => setGovernment((e.target as HTMLInputElement).value)} placeholder="102032" />
        </label>
        <label>
          {t('signalCue')}
          <select value={cue} onChange={(e) => setCue((e.target as HTMLSelectElement).value)}>
            <option value="">{t('all')}</option>
            {Object.keys(CUE_LABELS).map((c) => (
              <option key={c} value={c}>
                {label(CUE_LABELS, c, prefs.lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('product')}
          <select value={product} onChange={(e) => setProduct((e.target as HTMLSelectElement).value)}>
            <option value="">{t('all')}</option>
            {products.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('signalSearch')}
          <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('signalFrom')}
          <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('signalTo')}
          <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      <SignalList query={query} showGovernment />
    </article>
  );
}
