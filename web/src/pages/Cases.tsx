// 事例ライブラリ (docs/transformation.md, "Case library"): successes and failures linked to
// governments, products and deals, searchable in Japanese. #/cases lists them with a search
// box and filters (?government=&product= from 横展開 links), #/cases/{id} shows one,
// #/cases/new records one; the author or a manager edits it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { GovernmentPicker, type GovernmentRef } from '../components/GovernmentPicker';
import type { CaseStudy } from '../components/cases/types';
import { RelatedCases } from '../components/cases/RelatedCases';
import { usePrefs } from '../prefs';
import { fmtDate, fmtMoney, todayJst } from '../format';
import { PREFECTURES, loadProducts, type Product } from '../refdata';
import { href, navigate, type Route } from '../router';

const S = {
  title: ['事例ライブラリ', 'Case library'],
  intro: [
    '成功事例と失敗事例を団体・製品・案件に結びつけて残し、類似団体へ横展開します。',
    'Successes and failures linked to governments, products and deals, shared with similar governments.',
  ],
  search: ['キーワード（例: 窓口）', 'Keywords (e.g. 窓口)'],
  searchButton: ['検索', 'Search'],
  kind: ['種別', 'Kind'],
  any: ['すべて', 'All'],
  success: ['成功事例', 'Success'],
  failure: ['失敗事例', 'Failure'],
  product: ['製品', 'Product'],
  government: ['団体', 'Government'],
  prefecture: ['都道府県', 'Prefecture'],
  group: ['類似団体', 'Similar group'],
  clear: ['条件をクリア', 'Clear filters'],
  create: ['事例を登録', 'Record a case'],
  none: ['該当する事例はありません', 'No matching cases'],
  more: ['さらに表示', 'Show more'],
  summary: ['概要', 'Summary'],
  approach: ['取り組み', 'What was done'],
  lessons: ['学び', 'Lessons'],
  tags: ['タグ（カンマ区切り）', 'Tags (comma separated)'],
  deal: ['案件', 'Deal'],
  noDeal: ['（紐付けなし）', '(none)'],
  createdOn: ['記録日', 'Recorded on'],
  author: ['記録者', 'Recorded by'],
  edit: ['編集', 'Edit'],
  del: ['削除', 'Delete'],
  confirmDelete: ['この事例を削除しますか？', 'Delete this case?'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  back: ['一覧へ', 'Back to the list'],
  titleField: ['件名', 'Title'],
  amount: ['金額', 'Amount'],
  found: ['件', 'cases'],
} as const;
type Key = keyof typeof S;

function useS(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => S[k][prefs.lang === 'ja' ? 0 : 1];
}

interface ListAnswer {
  items: CaseStudy[];
  more: boolean;
  next_offset: number | null;
}

function CaseList({ route }: { route: Route }) {
  const s = useS();
  const { prefs } = usePrefs();
  const q0 = route.query;
  const [text, setText] = useState(q0.get('q') ?? '');
  const [q, setQ] = useState(q0.get('q') ?? '');
  const [kind, setKind] = useState(q0.get('kind') ?? '');
  const [product, setProduct] = useState(q0.get('product') ?? '');
  const [government, setGovernment] = useState(q0.get('government') ?? '');
  const [prefecture, setPrefecture] = useState(q0.get('prefecture') ?? '');
  const [group, setGroup] = useState(q0.get('similar_group') ?? '');
  const [products, setProducts] = useState<Product[]>([]);
  // The answer remembers the filters it answers, so the table never shows one search's rows
  // under another's filters (and a slow earlier answer cannot overwrite a later one).
  const [data, setData] = useState<(ListAnswer & { filters: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setGovernment(q0.get('government') ?? '');
    setProduct(q0.get('product') ?? '');
  }, [route.query.toString()]);
  useEffect(() => {
    loadProducts().then(setProducts).catch(setError);
  }, []);
  const query = {
    q,
    kind,
    product_id: product,
    government_code: government,
    prefecture_code: prefecture,
    similar_group: group,
    limit: 50,
  };
  const filters = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== '' && typeof v === 'string') as [string, string][],
  ).toString();
  useEffect(() => {
    let current = true;
    setError(null);
    setData(null);
    api<ListAnswer>('/api/cases', { query })
      .then((answer) => current && setData({ ...answer, filters }))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [filters]);
  const more = async () => {
    if (!data?.next_offset) return;
    try {
      const next = await api<ListAnswer>('/api/cases', { query: { ...query, offset: data.next_offset } });
      setData({ items: [...data.items, ...next.items], more: next.more, next_offset: next.next_offset, filters: data.filters });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <p class="muted">{s('intro')}</p>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <input
          type="search"
          aria-label={s('search')}
          placeholder={s('search')}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{s('searchButton')}</button>{' '}
        <label>
          {s('kind')}{' '}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">{s('any')}</option>
            <option value="success">{s('success')}</option>
            <option value="failure">{s('failure')}</option>
          </select>
        </label>{' '}
        <label>
          {s('product')}{' '}
          <select value={product} onChange={(e) => setProduct((e.target as HTMLSelectElement).value)}>
            <option value="">{s('any')}</option>
            {products.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {s('prefecture')}{' '}
          <select value={prefecture} onChange={(e) => setPrefecture((e.target as HTMLSelectElement).value)}>
            <option value="">{s('any')}</option>
            {PREFECTURES.map(([code, ja, en]) => (
              <option key={code} value={code}>
                {prefs.lang === 'ja' ? ja : en}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {s('group')}{' '}
          <input size={8} value={group} onChange={(e) => setGroup((e.target as HTMLInputElement).value.trim())} />
        </label>{' '}
        {government ? (
          <span class="tag" data-government={government}>
            {s('government')}: {data?.items.find((c) => c.government_code === government)?.government_name ?? government}
          </span>
        ) : null}{' '}
        <button
          type="button"
          onClick={() => {
            setText('');
            setQ('');
            setKind('');
            setProduct('');
            setGovernment('');
            setPrefecture('');
            setGroup('');
            navigate('/cases');
          }}
        >
          {s('clear')}
        </button>{' '}
        <a class="button" href={href('/cases/new')}>
          {s('create')}
        </a>
      </form>
      <ErrorBox error={error} />
      {data === null || data.filters !== filters ? (
        error ? null : <p aria-busy="true">…</p>
      ) : data.items.length === 0 ? (
        <p class="muted" data-filters={data.filters}>
          {s('none')}
        </p>
      ) : (
        <table class="table" aria-label={s('title')} data-filters={data.filters}>
          <thead>
            <tr>
              <th scope="col">{s('kind')}</th>
              <th scope="col">{s('titleField')}</th>
              <th scope="col">{s('government')}</th>
              <th scope="col">{s('product')}</th>
              <th scope="col">{s('lessons')}</th>
              <th scope="col">{s('createdOn')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id} data-kind={c.kind} data-case={c.id}>
                <td>
                  <span class="tag">{c.kind === 'success' ? s('success') : s('failure')}</span>
                </td>
                <td>
                  <a href={href(`/cases/${c.id}`)}>{c.title}</a>
                </td>
                <td>
                  <a href={href(`/governments/${c.government_code}`)}>{c.government_name}</a>
                  <small class="muted"> {c.prefecture_name}</small>
                </td>
                <td>{c.product_name}</td>
                <td class="muted">{c.lessons}</td>
                <td>{fmtDate(c.created_on, prefs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.more ? (
        <button type="button" onClick={() => void more()}>
          {s('more')}
        </button>
      ) : null}
    </>
  );
}

interface FormState {
  kind: 'success' | 'failure';
  title: string;
  government: GovernmentRef | null;
  product: string;
  deal: string;
  summary: string;
  approach: string;
  lessons: string;
  tags: string;
  created_on: string;
}

function CaseForm({ existing, onDone }: { existing: CaseStudy | null; onDone: (c: CaseStudy | null) => void }) {
  const s = useS();
  const [f, setF] = useState<FormState>(() => ({
    kind: existing?.kind ?? 'success',
    title: existing?.title ?? '',
    government: existing
      ? { code: existing.government_code, name: existing.government_name, prefecture_name: existing.prefecture_name, kind: '' }
      : null,
    product: existing ? String(existing.product_id) : '',
    deal: existing?.deal_id ? String(existing.deal_id) : '',
    summary: existing?.summary ?? '',
    approach: existing?.approach ?? '',
    lessons: existing?.lessons ?? '',
    tags: existing?.tags.join(', ') ?? '',
    created_on: existing?.created_on ?? todayJst(),
  }));
  const [products, setProducts] = useState<Product[]>([]);
  const [deals, setDeals] = useState<{ id: number; title: string; stage: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadProducts().then(setProducts).catch(setError);
  }, []);
  useEffect(() => {
    if (!f.government || !f.product) {
      setDeals([]);
      return;
    }
    api<{ items: { id: number; title: string; stage: string }[] }>('/api/deals', {
      query: { government: f.government.code, product: f.product, limit: 100 },
    })
      .then((r) => setDeals(r.items))
      .catch(() => setDeals([]));
  }, [f.government?.code, f.product]);
  const set = (patch: Partial<FormState>) => setF((x) => ({ ...x, ...patch }));
  const submit = async () => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      kind: f.kind,
      title: f.title,
      government_code: f.government?.code ?? '',
      product_id: f.product ? Number(f.product) : 0,
      deal_id: f.deal ? Number(f.deal) : null,
      summary: f.summary,
      approach: f.approach,
      lessons: f.lessons,
      tags: f.tags
        .split(/[,、]/)
        .map((t) => t.trim())
        .filter(Boolean),
    };
    if (!existing) body.created_on = f.created_on;
    try {
      const saved = existing
        ? await api<CaseStudy>(`/api/cases/${existing.id}`, { method: 'PATCH', body })
        : await api<CaseStudy>('/api/cases', { method: 'POST', body });
      onDone(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const area = (k: 'summary' | 'approach' | 'lessons') => (
    <label class="block">
      {s(k)}
      <textarea rows={3} name={k} value={f[k]} onInput={(e) => set({ [k]: (e.target as HTMLTextAreaElement).value })} />
    </label>
  );
  return (
    <form
      class="case-form"
      aria-label={existing ? s('edit') : s('create')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorBox error={error} />
      <label>
        {s('kind')}{' '}
        <select name="kind" value={f.kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as FormState['kind'] })}>
          <option value="success">{s('success')}</option>
          <option value="failure">{s('failure')}</option>
        </select>
      </label>
      <label class="block">
        {s('titleField')}
        <input name="title" required maxLength={300} value={f.title} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="block" for="case-government">
        {s('government')}
      </label>
      <GovernmentPicker id="case-government" value={f.government} onChange={(g) => set({ government: g, deal: '' })} required />
      <label class="block">
        {s('product')}
        <select name="product" required value={f.product} onChange={(e) => set({ product: (e.target as HTMLSelectElement).value, deal: '' })}>
          <option value="">—</option>
          {products.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label class="block">
        {s('deal')}
        <select name="deal" value={f.deal} onChange={(e) => set({ deal: (e.target as HTMLSelectElement).value })}>
          <option value="">{s('noDeal')}</option>
          {deals.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.title}（{d.stage}）
            </option>
          ))}
        </select>
      </label>
      {area('summary')}
      {area('approach')}
      {area('lessons')}
      <label class="block">
        {s('tags')}
        <input name="tags" value={f.tags} onInput={(e) => set({ tags: (e.target as HTMLInputElement).value })} />
      </label>
      {!existing && (
        <label class="block">
          {s('createdOn')}
          <input type="date" name="created_on" value={f.created_on} onInput={(e) => set({ created_on: (e.target as HTMLInputElement).value })} />
        </label>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {s('save')}
        </button>{' '}
        <button type="button" onClick={() => onDone(null)}>
          {s('cancel')}
        </button>
      </p>
    </form>
  );
}

function CaseDetail({ id }: { id: number }) {
  const s = useS();
  const { prefs } = usePrefs();
  const [c, setC] = useState<CaseStudy | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setC(null);
    api<CaseStudy>(`/api/cases/${id}`).then(setC).catch(setError);
  }, [id]);
  if (error && !c) return <ErrorBox error={error} />;
  if (!c) return <p aria-busy="true">…</p>;
  if (editing) {
    return (
      <CaseForm
        existing={c}
        onDone={(saved) => {
          if (saved) setC(saved);
          setEditing(false);
        }}
      />
    );
  }
  const remove = async () => {
    if (!confirm(s('confirmDelete'))) return;
    try {
      await api(`/api/cases/${c.id}`, { method: 'DELETE' });
      navigate('/cases');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article class="case-detail" data-case={c.id}>
      <p>
        <a href={href('/cases')}>← {s('back')}</a>
      </p>
      <h2>
        <span class="tag">{c.kind === 'success' ? s('success') : s('failure')}</span> {c.title}
      </h2>
      <ErrorBox error={error} />
      <dl class="facts">
        <dt>{s('government')}</dt>
        <dd>
          <a href={href(`/governments/${c.government_code}`)}>{c.government_name}</a>（{c.prefecture_name}
          {c.similar_group ? `・${s('group')} ${c.similar_group}` : ''}）
        </dd>
        <dt>{s('product')}</dt>
        <dd>{c.product_name}</dd>
        {c.deal ? (
          <>
            <dt>{s('deal')}</dt>
            <dd>
              <a href={href(`/deals/${c.deal.id}`)}>{c.deal.title}</a>
              {c.deal.amount !== null ? `（${s('amount')} ${fmtMoney(c.deal.amount, prefs)}）` : ''}
            </dd>
          </>
        ) : null}
        <dt>{s('author')}</dt>
        <dd>
          {c.created_by_name}・{fmtDate(c.created_on, prefs)}
        </dd>
      </dl>
      <h3>{s('summary')}</h3>
      <p class="case-prewrap">{c.summary || '—'}</p>
      <h3>{s('approach')}</h3>
      <p class="case-prewrap">{c.approach || '—'}</p>
      <h3>{s('lessons')}</h3>
      <p class="case-prewrap case-lessons">{c.lessons || '—'}</p>
      {c.tags.length > 0 && (
        <p>
          {c.tags.map((t) => (
            <span class="tag" key={t}>
              {t}
            </span>
          ))}
        </p>
      )}
      {c.can_edit && (
        <p>
          <button type="button" onClick={() => setEditing(true)}>
            {s('edit')}
          </button>{' '}
          <button type="button" class="danger" onClick={() => void remove()}>
            {s('del')}
          </button>
        </p>
      )}
      <RelatedCases governmentCode={c.government_code} productId={c.product_id} />
    </article>
  );
}

export default function Cases({ route }: { route: Route }) {
  const s = useS();
  const second = route.parts[1];
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{s('title')}</h1>
      {second === 'new' ? (
        <CaseForm existing={null} onDone={(c) => navigate(c ? `/cases/${c.id}` : '/cases')} />
      ) : second !== undefined ? (
        <CaseDetail id={Number(second)} />
      ) : (
        <CaseList route={route} />
      )}
    </section>
  );
}
