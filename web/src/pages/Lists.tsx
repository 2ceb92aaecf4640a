// List views for governments, officials, deals, activities and leads: filters,
// server-side sort, column choice, saved views (per user, on the server) and
// virtual scrolling that loads pages as the user scrolls.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type Query } from '../api';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { ErrorBox } from '../components/ErrorBox';
import { ACTIVITY_LABELS, KIND_LABELS, LEAD_STATUS_LABELS, label, useT, type MessageKey } from '../i18n';
import { usePrefs, type Prefs } from '../prefs';
import { fmtCount, fmtDate, fmtFiscalYear, fmtMoney } from '../format';
import { href, type Route } from '../router';
import { loadGovernmentNames, loadProducts, PREFECTURES, type Product } from '../refdata';
import { loadPeople, type Person } from '../people';
import { loadStages, type StageDef } from '../stages';
import { useToast } from '../components/Toast';

type Row = Record<string, any>;
type Lang = 'ja' | 'en';

interface FilterDef {
  key: string; // query parameter
  label: MessageKey;
  type: 'text' | 'select' | 'number' | 'date';
  options?: (ctx: RefCtx) => [string, string][];
}

interface ColumnDef {
  key: string;
  label: MessageKey;
  width?: string;
  align?: 'right';
  sortKey?: string;
  render: (row: Row, ctx: RefCtx) => ComponentChildren;
}

interface ListDef {
  list: 'governments' | 'officials' | 'deals' | 'activities' | 'leads';
  title: MessageKey;
  endpoint: string;
  pageSize: number;
  filters: FilterDef[];
  columns: ColumnDef[];
  defaultColumns: string[];
  defaultSort: { key: string; order: 'asc' | 'desc' };
  /** How the server takes the sort: separate sort/order, or a "-name" prefix. */
  sortStyle: 'order' | 'prefix';
  rowKey: (r: Row) => string | number;
  /** Filters a fresh visit starts with (the user may clear them). */
  initialFilters?: () => Record<string, string>;
}

interface RefCtx {
  prefs: Prefs;
  lang: Lang;
  products: Product[];
  people: Person[];
  govNames: Map<string, string>;
  stages: StageDef[];
}

const L = (pair: [string, string], lang: Lang) => pair[lang === 'ja' ? 0 : 1];
const opts = (table: Record<string, [string, string]>, lang: Lang): [string, string][] =>
  Object.entries(table).map(([k, v]) => [k, L(v, lang)]);
const prefOptions = (ctx: RefCtx): [string, string][] => PREFECTURES.map(([c, ja, en]) => [c, ctx.lang === 'ja' ? ja : en]);
const productOptions = (ctx: RefCtx): [string, string][] => ctx.products.map((p) => [String(p.id), p.name]);
const ownerOptions = (ctx: RefCtx): [string, string][] => ctx.people.map((p) => [String(p.id), `${p.name}（${p.team}）`]);
const govLink = (code: string, ctx: RefCtx, name?: string) => (
  <a href={href(`/governments/${code}`)}>{name ?? ctx.govNames.get(code) ?? code}</a>
);
const personName = (id: number | null | undefined, ctx: RefCtx) =>
  id == null ? '—' : ctx.people.find((p) => p.id === id)?.name ?? `#${id}`;

const LISTS: Record<string, ListDef> = {
  governments: {
    list: 'governments',
    title: 'governments',
    endpoint: '/api/governments',
    pageSize: 500,
    sortStyle: 'order',
    rowKey: (r) => r.code,
    defaultSort: { key: 'code', order: 'asc' },
    filters: [
      { key: 'q', label: 'search', type: 'text' },
      { key: 'prefecture', label: 'prefecture', type: 'select', options: prefOptions },
      { key: 'kind', label: 'kind', type: 'select', options: (c) => opts(KIND_LABELS, c.lang) },
      { key: 'population_min', label: 'population', type: 'number' },
    ],
    defaultColumns: ['code', 'name', 'kana', 'prefecture', 'kind', 'population', 'fsi'],
    columns: [
      { key: 'code', label: 'code', width: '6rem', sortKey: 'code', render: (r) => r.code },
      { key: 'name', label: 'government', width: '2fr', render: (r, c) => govLink(r.code, c, r.name) },
      { key: 'kana', label: 'kana', width: '2fr', sortKey: 'kana', render: (r) => r.kana },
      { key: 'prefecture', label: 'prefecture', render: (r) => r.prefecture_name },
      { key: 'kind', label: 'kind', render: (r, c) => label(KIND_LABELS, r.kind, c.lang) },
      { key: 'population', label: 'population', align: 'right', sortKey: 'population', render: (r) => fmtCount(r.population) },
      { key: 'fsi', label: 'fiscalStrength', align: 'right', render: (r) => (r.fiscal_strength_index ?? '—') },
      { key: 'band', label: 'populationBand', render: (r) => r.population_band ?? '—' },
      { key: 'similar', label: 'similarGroup', render: (r) => r.similar_group ?? '—' },
    ],
  },
  officials: {
    list: 'officials',
    title: 'officials',
    endpoint: '/api/officials',
    pageSize: 500,
    sortStyle: 'prefix',
    rowKey: (r) => r.id,
    defaultSort: { key: 'id', order: 'asc' },
    filters: [
      { key: 'q', label: 'search', type: 'text' },
      { key: 'government', label: 'code', type: 'text' },
      {
        key: 'role',
        label: 'decisionRole',
        type: 'select',
        options: (c) => opts({ approver: ['決裁者', 'Approver'], owner: ['担当者', 'Owner'], influencer: ['影響者', 'Influencer'] }, c.lang),
      },
      { key: 'do_not_contact', label: 'doNotContact', type: 'select', options: (c) => [['true', c.lang === 'ja' ? 'はい' : 'Yes'], ['false', c.lang === 'ja' ? 'いいえ' : 'No']] },
    ],
    defaultColumns: ['name', 'kana', 'government', 'department', 'title', 'role', 'posted'],
    columns: [
      { key: 'name', label: 'official', width: '1.5fr', sortKey: 'name', render: (r) => <a href={href(`/officials/${r.id}`)}>{r.name}</a> },
      { key: 'kana', label: 'kana', width: '1.5fr', render: (r) => r.kana },
      { key: 'government', label: 'government', width: '1.5fr', render: (r, c) => govLink(r.government_code, c) },
      { key: 'department', label: 'department', width: '1.5fr', render: (r) => r.department },
      { key: 'title', label: 'position', render: (r) => r.title },
      { key: 'role', label: 'decisionRole', render: (r, c) => label({ approver: ['決裁者', 'Approver'], owner: ['担当者', 'Owner'], influencer: ['影響者', 'Influencer'] }, r.decision_role, c.lang) },
      { key: 'posted', label: 'postedFrom', render: (r, c) => fmtDate(r.posted_from, c.prefs) },
      { key: 'email', label: 'email', render: (r) => r.email },
      { key: 'phone', label: 'phone', render: (r) => r.phone },
      { key: 'dnc', label: 'doNotContact', render: (r) => (r.do_not_contact ? '✔' : '') },
    ],
  },
  deals: {
    list: 'deals',
    title: 'deals',
    endpoint: '/api/deals',
    pageSize: 500,
    sortStyle: 'order',
    rowKey: (r) => r.id,
    defaultSort: { key: 'id', order: 'desc' },
    filters: [
      { key: 'fiscal_year', label: 'fiscalYear', type: 'number' },
      { key: 'stage', label: 'stage', type: 'select', options: (c) => c.stages.map((s) => [s.stage, c.lang === 'ja' ? s.label_ja : s.label_en]) },
      { key: 'product', label: 'product', type: 'select', options: productOptions },
      { key: 'owner', label: 'owner', type: 'select', options: ownerOptions },
      { key: 'prefecture', label: 'prefecture', type: 'select', options: prefOptions },
      { key: 'kind', label: 'kind', type: 'select', options: (c) => opts(KIND_LABELS, c.lang) },
    ],
    defaultColumns: ['title', 'government', 'product', 'stage', 'fy', 'amount', 'owner'],
    columns: [
      { key: 'title', label: 'title', width: '2.5fr', sortKey: 'title', render: (r) => <a href={href(`/deals/${r.id}`)}>{r.title}</a> },
      { key: 'government', label: 'government', width: '1.5fr', render: (r, c) => govLink(r.government_code, c, r.government_name) },
      { key: 'product', label: 'product', width: '1.5fr', render: (r) => r.product_name ?? `#${r.product_id}` },
      { key: 'stage', label: 'stage', render: (r) => r.stage_label },
      { key: 'fy', label: 'fiscalYear', sortKey: 'fiscal_year', render: (r, c) => fmtFiscalYear(r.fiscal_year, c.prefs) },
      { key: 'amount', label: 'amount', align: 'right', sortKey: 'amount', render: (r, c) => fmtMoney(r.amount, c.prefs) },
      { key: 'owner', label: 'owner', render: (r, c) => r.owner_name ?? personName(r.owner_id, c) },
      { key: 'created', label: 'createdOn', sortKey: 'created_on', render: (r, c) => fmtDate(r.created_on, c.prefs) },
      { key: 'kind', label: 'kind', render: (r, c) => label(KIND_LABELS, r.government_kind, c.lang) },
    ],
  },
  activities: {
    list: 'activities',
    title: 'activities',
    endpoint: '/api/activities',
    pageSize: 500,
    sortStyle: 'order',
    rowKey: (r) => r.id,
    defaultSort: { key: 'occurred_on', order: 'desc' },
    // The last 90 days: what a sales person looks back on, and a count the server
    // answers quickly even for a user who can read millions of activities.
    initialFilters: () => ({ from: new Date(Date.now() - 90 * 86400 * 1000).toISOString().slice(0, 10) }),
    filters: [
      { key: 'type', label: 'type', type: 'select', options: (c) => opts(ACTIVITY_LABELS, c.lang) },
      { key: 'user', label: 'user', type: 'select', options: ownerOptions },
      { key: 'government', label: 'code', type: 'text' },
      { key: 'from', label: 'date', type: 'date' },
      { key: 'to', label: 'date', type: 'date' },
    ],
    defaultColumns: ['date', 'type', 'government', 'deal', 'user', 'notes'],
    columns: [
      { key: 'date', label: 'date', width: '9rem', sortKey: 'occurred_on', render: (r, c) => fmtDate(r.occurred_on, c.prefs) },
      { key: 'type', label: 'type', width: '8rem', render: (r, c) => label(ACTIVITY_LABELS, r.type, c.lang) },
      { key: 'government', label: 'government', width: '1.5fr', render: (r, c) => govLink(r.government_code, c, r.government_name) },
      { key: 'deal', label: 'deal', width: '2fr', render: (r) => (r.deal_id ? <a href={href(`/deals/${r.deal_id}`)}>{r.deal_title ?? `#${r.deal_id}`}</a> : '—') },
      { key: 'user', label: 'user', render: (r, c) => r.user_name ?? personName(r.user_id, c) },
      { key: 'notes', label: 'notes', width: '3fr', render: (r) => r.notes },
      { key: 'outcome', label: 'outcome', render: (r) => r.outcome },
    ],
  },
  leads: {
    list: 'leads',
    title: 'leads',
    endpoint: '/api/leads',
    pageSize: 500,
    sortStyle: 'order',
    rowKey: (r) => r.id,
    defaultSort: { key: 'id', order: 'desc' },
    filters: [
      { key: 'status', label: 'status', type: 'select', options: (c) => opts(LEAD_STATUS_LABELS, c.lang) },
      {
        key: 'source',
        label: 'source',
        type: 'select',
        options: () => ['seminar', 'inquiry', 'notice', 'referral', 'outbound', 'website', 'event', 'partner', 'signal'].map((s) => [s, s]),
      },
      { key: 'product', label: 'product', type: 'select', options: productOptions },
      { key: 'owner', label: 'owner', type: 'select', options: ownerOptions },
      { key: 'government', label: 'code', type: 'text' },
    ],
    defaultColumns: ['title', 'government', 'status', 'source', 'product', 'owner', 'created'],
    columns: [
      { key: 'title', label: 'title', width: '2.5fr', render: (r) => <a href={href(`/leads/${r.id}`)}>{r.title || `#${r.id}`}</a> },
      { key: 'government', label: 'government', width: '1.5fr', render: (r, c) => govLink(r.government_code, c) },
      { key: 'status', label: 'status', sortKey: 'status', render: (r, c) => label(LEAD_STATUS_LABELS, r.status, c.lang) },
      { key: 'source', label: 'source', sortKey: 'source', render: (r) => r.source },
      { key: 'product', label: 'product', width: '1.5fr', render: (r, c) => (r.product_id ? c.products.find((p) => p.id === r.product_id)?.name ?? `#${r.product_id}` : '—') },
      { key: 'owner', label: 'owner', render: (r, c) => personName(r.owner_id, c) },
      { key: 'created', label: 'createdOn', sortKey: 'created_on', render: (r, c) => fmtDate(r.created_on, c.prefs) },
      { key: 'notes', label: 'notes', width: '2fr', render: (r) => r.notes },
    ],
  },
};

interface ViewState {
  filters: Record<string, string>;
  sort: { key: string; order: 'asc' | 'desc' };
  columns: string[];
}

interface SavedView {
  id: number;
  name: string;
  state: ViewState;
}

function sortQuery(def: ListDef, sort: ViewState['sort']): Query {
  if (def.sortStyle === 'prefix') return { sort: sort.order === 'desc' ? `-${sort.key}` : sort.key };
  return { sort: sort.key, order: sort.order };
}

export default function Lists({ route }: { route: Route }) {
  const def = LISTS[route.parts[0]] ?? LISTS.governments;
  const t = useT();
  const toast = useToast();
  const { prefs } = usePrefs();
  const initial: ViewState = useMemo(() => {
    const filters: Record<string, string> = route.query.toString() ? {} : def.initialFilters?.() ?? {};
    route.query.forEach((v, k) => (filters[k] = v));
    return { filters, sort: def.defaultSort, columns: def.defaultColumns };
  }, [def.list]);
  const [view, setView] = useState<ViewState>(initial);
  const [draft, setDraft] = useState<Record<string, string>>(initial.filters);
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [ctx, setCtx] = useState<RefCtx>({ prefs, lang: prefs.lang, products: [], people: [], govNames: new Map(), stages: [] });
  const [views, setViews] = useState<SavedView[]>([]);
  const [viewName, setViewName] = useState('');
  const generation = useRef(0);
  const inFlight = useRef(false);

  useEffect(() => {
    loadProducts().then((products) => setCtx((c) => ({ ...c, products }))).catch(() => {});
    loadPeople().then((people) => setCtx((c) => ({ ...c, people }))).catch(() => {});
    if (def.list === 'deals') loadStages().then((stages) => setCtx((c) => ({ ...c, stages }))).catch(() => {});
    if (def.list === 'officials' || def.list === 'leads') {
      loadGovernmentNames().then((govNames) => setCtx((c) => ({ ...c, govNames }))).catch(() => {});
    }
  }, [def.list]);
  useEffect(() => setCtx((c) => ({ ...c, prefs, lang: prefs.lang })), [prefs]);

  const refreshViews = () =>
    api<{ items: SavedView[] }>('/api/saved-views', { query: { list: def.list } })
      .then((r) => setViews(r.items))
      .catch(() => setViews([]));
  useEffect(() => {
    refreshViews();
  }, [def.list]);

  const load = async (after: string | null, gen: number) => {
    if (inFlight.current && after) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const query: Query = { ...view.filters, ...sortQuery(def, view.sort), limit: def.pageSize, cursor: after };
      const res = await api<{ items: Row[]; next_cursor: string | null; total?: number }>(def.endpoint, { query });
      if (gen !== generation.current) return;
      setRows((old) => (after ? old.concat(res.items) : res.items));
      setCursor(res.next_cursor);
      if (typeof res.total === 'number') setTotal(res.total);
      else if (!after) setTotal(null);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      inFlight.current = false;
      if (gen === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    const gen = ++generation.current;
    setRows([]);
    setCursor(null);
    setTotal(null);
    inFlight.current = false;
    load(null, gen);
  }, [def.list, JSON.stringify(view.filters), view.sort.key, view.sort.order]);

  const columns: Column<Row>[] = def.columns
    .filter((c) => view.columns.includes(c.key))
    .map((c) => ({ key: c.key, label: t(c.label), width: c.width, align: c.align, sortKey: c.sortKey, render: (r: Row) => c.render(r, ctx) }));

  const filterId = (k: string, i: number) => `f-${def.list}-${k}-${i}`;
  return (
    <section class="list-page" aria-labelledby="list-title">
      <div class="page-head">
        <h1 id="list-title">{t(def.title)}</h1>
        <p class="muted" aria-live="polite">
          {total !== null ? `${fmtCount(total)} ${t('rows')}` : `${fmtCount(rows.length)} ${t('rows')}`}
          {loading ? ` · ${t('loading')}` : ''}
        </p>
      </div>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const filters: Record<string, string> = {};
          for (const [k, v] of Object.entries(draft)) if (v.trim()) filters[k] = v.trim();
          setView({ ...view, filters });
        }}
      >
        {def.filters.map((f, i) => {
          const id = filterId(f.key, i);
          const value = draft[f.key] ?? '';
          const set = (v: string) => setDraft({ ...draft, [f.key]: v });
          const text = f.key === 'from' ? `${t(f.label)} ≥` : f.key === 'to' ? `${t(f.label)} ≤` : f.key === 'population_min' ? `${t(f.label)} ≥` : t(f.label);
          return (
            <div class="field" key={f.key}>
              <label for={id}>{text}</label>
              {f.type === 'select' ? (
                <select id={id} value={value} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
                  <option value="">{t('all')}</option>
                  {f.options!(ctx).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id} type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'search'} value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} />
              )}
            </div>
          );
        })}
        <div class="field actions">
          <button type="submit" class="primary">
            {t('apply')}
          </button>
        </div>
      </form>
      <div class="list-tools">
        <details class="menu">
          <summary>{t('columns')}</summary>
          <fieldset class="menu-body">
            <legend>{t('columns')}</legend>
            {def.columns.map((c) => (
              <label key={c.key} class="check">
                <input
                  type="checkbox"
                  checked={view.columns.includes(c.key)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on ? def.columns.map((x) => x.key).filter((k) => k === c.key || view.columns.includes(k)) : view.columns.filter((k) => k !== c.key);
                    if (next.length) setView({ ...view, columns: next });
                  }}
                />
                {t(c.label)}
              </label>
            ))}
          </fieldset>
        </details>
        <details class="menu">
          <summary>{t('savedViews')}</summary>
          <div class="menu-body">
            <ul class="plain">
              {views.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      const s = v.state;
                      setView({ filters: s.filters ?? {}, sort: s.sort ?? def.defaultSort, columns: s.columns?.length ? s.columns : def.defaultColumns });
                      setDraft(s.filters ?? {});
                    }}
                  >
                    {v.name}
                  </button>
                  <button
                    type="button"
                    class="icon"
                    aria-label={`${t('delete')} ${v.name}`}
                    onClick={async () => {
                      await api(`/api/saved-views/${v.id}`, { method: 'DELETE' }).catch((e) => setError(e));
                      refreshViews();
                    }}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <form
              class="inline"
              onSubmit={async (e) => {
                e.preventDefault();
                if (!viewName.trim()) return;
                try {
                  await api('/api/saved-views', { method: 'POST', body: { list: def.list, name: viewName.trim(), state: view } });
                  toast(`${t('saved')}: ${viewName.trim()}`);
                  setViewName('');
                  refreshViews();
                } catch (err) {
                  setError(err);
                }
              }}
            >
              <label for={`vn-${def.list}`}>{t('viewName')}</label>
              <input id={`vn-${def.list}`} value={viewName} onInput={(e) => setViewName((e.target as HTMLInputElement).value)} />
              <button type="submit">{t('saveView')}</button>
            </form>
          </div>
        </details>
      </div>
      <ErrorBox error={error} />
      <VirtualTable
        label={t(def.title)}
        columns={columns}
        rows={rows}
        rowKey={def.rowKey}
        total={total}
        hasMore={!!cursor}
        onNeedMore={() => cursor && load(cursor, generation.current)}
        sort={view.sort}
        onSort={(key) =>
          setView({ ...view, sort: { key, order: view.sort.key === key && view.sort.order === 'asc' ? 'desc' : 'asc' } })
        }
      />
    </section>
  );
}
