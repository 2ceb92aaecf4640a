// 入札公告 / Tender notices: the list with filters and each notice's matched products
// (matched terms highlighted as the explanation), the 要確認 review queue with a
// government picker to link or dismiss, and the import form for managers.
// #/notices?government=CODE lists one government's notices (the government page links here).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { GovernmentPicker, type GovernmentRef } from '../components/GovernmentPicker';
import { useT } from '../i18n';
import { href, type Route } from '../router';
import { useSession } from '../session';

interface Notice {
  id: number;
  title: string;
  description: string;
  url: string;
  organization_name: string;
  government_code: string | null;
  government_name: string | null;
  issued_on: string | null;
  review_state: string;
  link_reason: string;
  award_winner: string | null;
  award_amount: number | null;
  matches?: { product_id: number; product_name: string; score: number; terms: string[] }[];
}

/** The text with every matched term wrapped in <mark>. */
function Highlight({ text, terms }: { text: string; terms: string[] }) {
  if (!terms.length) return <>{text}</>;
  // Longest first, so a term inside a longer matched term does not split it.
  const escaped = [...terms].sort((a, b) => b.length - a.length).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  return <>{parts.map((p, i) => (terms.includes(p) ? <mark key={i}>{p}</mark> : p))}</>;
}

function NoticeRow({ n }: { n: Notice }) {
  const t = useT();
  const [detail, setDetail] = useState<Notice | null>(null);
  useEffect(() => {
    api<Notice>(`/api/notices/${n.id}`).then(setDetail).catch(() => setDetail(null));
  }, [n.id]);
  const terms = detail?.matches?.flatMap((m) => m.terms) ?? [];
  return (
    <li class="notice">
      <h3>
        <Highlight text={n.title} terms={terms} />
      </h3>
      <p>
        {n.issued_on ?? '—'} ・ {n.government_code ? <a href={href(`/governments/${n.government_code}`)}>{n.government_name}</a> : n.organization_name}
        {n.award_winner ? ` ・ ${t('noticeAward')}: ${n.award_winner}` : ''}
      </p>
      {detail?.matches?.length ? (
        <ul class="notice-matches" aria-label={t('noticeMatches')}>
          {detail.matches.map((m) => (
            <li key={m.product_id}>
              {m.product_name}: {m.terms.map((x) => <mark key={x}>{x}</mark>)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ReviewRow({ n, canReview, onDone }: { n: Notice; canReview: boolean; onDone: () => void }) {
  const t = useT();
  const [gov, setGov] = useState<GovernmentRef | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pickerId = `link-${n.id}`;
  return (
    <li class="notice">
      <h3>{n.title}</h3>
      <p>
        {n.organization_name} ・ {n.link_reason}
      </p>
      {canReview && (
        <form
          aria-label={`${t('noticeLink')}: ${n.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!gov) return;
            api(`/api/notices/${n.id}/link`, { method: 'POST', body: { government_code: gov.code } }).then(onDone).catch(setError);
          }}
        >
          <label for={pickerId}>{t('noticeGovernment')}</label>
          <GovernmentPicker id={pickerId} value={gov} onChange={setGov} />
          <button type="submit" disabled={!gov}>
            {t('noticeLink')}
          </button>
          <button type="button" onClick={() => api(`/api/notices/${n.id}/dismiss`, { method: 'POST' }).then(onDone).catch(setError)}>
            {t('noticeDismiss')}
          </button>
        </form>
      )}
      <ErrorBox error={error} />
    </li>
  );
}

export default function Notices({ route }: { route: Route }) {
  const t = useT();
  const government = route.query.get('government') || undefined;
  const { user } = useSession();
  const canImport = user.role === 'manager' || user.role === 'admin';
  const [tab, setTab] = useState<'list' | 'review'>('list');
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [items, setItems] = useState<Notice[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [format, setFormat] = useState('kkj');
  const [summary, setSummary] = useState<Record<string, number> | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const path = tab === 'review' ? '/api/notices/review' : '/api/notices';
    const query = tab === 'review' ? { q: q || undefined } : { q: q || undefined, state: state || undefined, government };
    api<{ items: Notice[]; total: number }>(path, { query })
      .then((r) => {
        setItems(r.items);
        setTotal(r.total);
      })
      .catch(setError);
  }, [tab, q, state, government, tick]);
  const upload = async (e: Event) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input[type=file]') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    try {
      const r = await api<Record<string, number>>('/api/notices/import', {
        method: 'POST',
        query: { format },
        raw: { data: await file.arrayBuffer(), contentType: format === 'csv' ? 'text/csv' : 'application/xml' },
      });
      setSummary(r);
      setTick((x) => x + 1);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="notices-title">
      <div class="page-head">
        <h1 id="notices-title">{t('notices')}</h1>
      </div>
      {canImport && (
        <form aria-label={t('noticeImport')} onSubmit={upload}>
          <label>
            {t('noticeFormat')}
            <select value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value)}>
              <option value="kkj">官公需 XML</option>
              <option value="csv">CSV</option>
              <option value="rss">RSS / Atom</option>
            </select>
          </label>
          <label>
            {t('noticeFile')}
            <input type="file" accept=".xml,.csv,.rss,.atom" />
          </label>
          <button type="submit">{t('noticeImport')}</button>
          {summary && (
            <p role="status">
              {t('noticeImported')}: {summary.read} / {t('noticeNew')} {summary.new} / {t('noticeLinked')} {summary.linked} / {t('noticeQueued')}{' '}
              {summary.queued} / {t('noticeAlerts')} {summary.alerts}
            </p>
          )}
        </form>
      )}
      <div role="tablist" class="tabs" aria-label={t('notices')}>
        <button role="tab" aria-selected={tab === 'list'} onClick={() => setTab('list')}>
          {t('noticeAll')}
        </button>
        <button role="tab" aria-selected={tab === 'review'} onClick={() => setTab('review')}>
          {t('noticeReview')}
        </button>
      </div>
      <div class="filters">
        <label>
          {t('noticeSearch')}
          <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        {tab === 'list' && government && (
          <span class="filter-chip">
            {t('noticeGovernment')}: <a href={href(`/governments/${government}`)}>{government}</a>{' '}
            <a href={href('/notices')}>{t('noticeFilterClear')}</a>
          </span>
        )}
        {tab === 'list' && (
          <label>
            {t('noticeState')}
            <select value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              <option value="linked">{t('noticeLinked')}</option>
              <option value="needs_review">{t('noticeReview')}</option>
              <option value="dismissed">{t('noticeDismissed')}</option>
            </select>
          </label>
        )}
      </div>
      <ErrorBox error={error} />
      <p>
        {total} {t('noticeCount')}
      </p>
      <ul class="notices" aria-label={tab === 'review' ? t('noticeReview') : t('notices')}>
        {items?.map((n) =>
          tab === 'review' ? (
            <ReviewRow key={n.id} n={n} canReview={canImport} onDone={() => setTick((x) => x + 1)} />
          ) : (
            <NoticeRow key={n.id} n={n} />
          ),
        )}
      </ul>
    </section>
  );
}
