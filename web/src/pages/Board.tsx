// The pipeline board: one column per municipal stage with counts and totals, deals
// dragged between columns (or moved with the keyboard) through the evidence dialog,
// filters, and a table view of the same deals.
import { useEffect, useState } from 'preact/hooks';
import { api, type Query } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { StageMove, type MovableDeal } from '../components/StageMove';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useToast } from '../components/Toast';
import { KIND_LABELS, pick, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtCount, fmtFiscalYear, fmtMoney } from '../format';
import { href, type Route } from '../router';
import { loadProducts, PREFECTURES, type Product } from '../refdata';
import { loadPeople, type Person } from '../people';
import { loadStages, type StageDef } from '../stages';
import { useSession } from '../session';

interface Card extends MovableDeal {
  amount: number | null;
  government_code: string;
  government_name: string;
  product_name: string;
  owner_name: string;
  fiscal_year: number;
  stage_label: string;
}
interface BoardColumn {
  stage: string;
  label_ja: string;
  count: number;
  amount_total: number | null;
  deals: Card[];
}
interface BoardAnswer {
  fiscal_year: number;
  columns: BoardColumn[];
}

export default function Board({ route }: { route: Route }) {
  const t = useT();
  const toast = useToast();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const [filters, setFilters] = useState<Record<string, string>>(() => {
    const f: Record<string, string> = {};
    route.query.forEach((v, k) => (f[k] = v));
    return f;
  });
  const [draft, setDraft] = useState(filters);
  const [mode, setMode] = useState<'board' | 'table'>('board');
  const [board, setBoard] = useState<BoardAnswer | null>(null);
  const [stages, setStages] = useState<StageDef[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [moving, setMoving] = useState<{ deal: Card; target: string | null } | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const [tableRows, setTableRows] = useState<Card[]>([]);
  const [tableCursor, setTableCursor] = useState<string | null>(null);
  const [tableTotal, setTableTotal] = useState<number | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    loadStages().then(setStages).catch(setError);
    loadProducts().then(setProducts).catch(() => {});
    loadPeople().then(setPeople).catch(() => {});
  }, []);

  useEffect(() => {
    let live = true;
    api<BoardAnswer>('/api/pipeline/board', { query: { ...filters, limit: 30 } })
      .then((b) => {
        if (!live) return;
        setBoard(b);
        setError(null);
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [JSON.stringify(filters), reload]);

  const tableQuery = (): Query => ({
    ...filters,
    fiscal_year: filters.fiscal_year ?? board?.fiscal_year,
    sort: 'amount',
    order: 'desc',
    limit: 500,
  });
  const loadTable = async (cursor: string | null) => {
    const res = await api<{ items: Card[]; next_cursor: string | null; total: number }>('/api/deals', { query: { ...tableQuery(), cursor } });
    setTableRows((old) => (cursor ? old.concat(res.items) : res.items));
    setTableCursor(res.next_cursor);
    setTableTotal(res.total);
  };
  useEffect(() => {
    if (mode === 'table' && board) loadTable(null).catch(setError);
  }, [mode, board]);

  const stageLabel = (slug: string, ja: string) => {
    const s = stages.find((x) => x.stage === slug);
    return s ? pick(prefs.lang, s.label_ja, s.label_en) : ja;
  };
  const fy = board?.fiscal_year;
  const years = fy ? [fy + 1, fy, fy - 1, fy - 2, fy - 3] : [];

  const field = (key: string, text: string, options: [string, string][]) => (
    <div class="field">
      <label for={`bf-${key}`}>{text}</label>
      <select id={`bf-${key}`} value={draft[key] ?? (key === 'fiscal_year' && board ? String(board.fiscal_year) : '')} onChange={(e) => setDraft({ ...draft, [key]: (e.target as HTMLSelectElement).value })}>
        {key !== 'fiscal_year' && <option value="">{t('all')}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );

  const columns: Column<Card>[] = [
    { key: 'title', label: t('title'), width: '2.5fr', render: (d) => <a href={href(`/deals/${d.id}`)}>{d.title}</a> },
    { key: 'gov', label: t('government'), width: '1.5fr', render: (d) => <a href={href(`/governments/${d.government_code}`)}>{d.government_name}</a> },
    { key: 'product', label: t('product'), width: '1.5fr', render: (d) => d.product_name },
    { key: 'stage', label: t('stage'), render: (d) => stageLabel(d.stage, d.stage_label) },
    { key: 'amount', label: t('amount'), align: 'right', render: (d) => fmtMoney(d.amount, prefs) },
    { key: 'owner', label: t('owner'), render: (d) => d.owner_name },
  ];

  return (
    <section aria-labelledby="board-title">
      <div class="page-head">
        <h1 id="board-title">
          {t('board')} {fy ? fmtFiscalYear(fy, prefs) : ''}
        </h1>
        <div role="group" aria-label={t('view')} class="seg">
          <button type="button" aria-pressed={mode === 'board'} onClick={() => setMode('board')}>
            {t('boardView')}
          </button>
          <button type="button" aria-pressed={mode === 'table'} onClick={() => setMode('table')}>
            {t('tableView')}
          </button>
        </div>
      </div>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const f: Record<string, string> = {};
          for (const [k, v] of Object.entries(draft)) if (v) f[k] = v;
          setFilters(f);
        }}
      >
        {field('fiscal_year', t('fiscalYear'), (draft.fiscal_year && !years.includes(Number(draft.fiscal_year)) ? [Number(draft.fiscal_year), ...years] : years).map((y) => [String(y), fmtFiscalYear(y, prefs)]))}
        {field('product', t('product'), products.map((p) => [String(p.id), p.name]))}
        {field('owner', t('owner'), [[String(user.user_id), `${user.name}（${prefs.lang === 'ja' ? '自分' : 'me'}）`], ...people.filter((p) => p.id !== user.user_id).map((p) => [String(p.id), p.name] as [string, string])])}
        {field('kind', t('kind'), Object.entries(KIND_LABELS).map(([k, v]) => [k, pick(prefs.lang, v[0], v[1])]))}
        {field('prefecture', t('prefecture'), PREFECTURES.map(([c, ja, en]) => [c, pick(prefs.lang, ja, en)]))}
        <div class="field actions">
          <button type="submit" class="primary">
            {t('apply')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {mode === 'board' && board && (
        <div class="kanban" role="list" aria-label={t('board')}>
          {board.columns.map((col) => {
            const title = stageLabel(col.stage, col.label_ja);
            const closed = stages.find((s) => s.stage === col.stage)?.closed;
            return (
              <section
                key={col.stage}
                role="listitem"
                aria-label={title}
                class={`column${closed ? ' closed' : ''}${dragOver === col.stage ? ' over' : ''}`}
                data-stage={col.stage}
                onDragOver={(e) => {
                  e.preventDefault();
                  setDragOver(col.stage);
                }}
                onDragLeave={() => setDragOver(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  setDragOver(null);
                  const id = Number(e.dataTransfer?.getData('text/plain'));
                  const deal = board.columns.flatMap((c) => c.deals).find((d) => d.id === id);
                  if (deal && deal.stage !== col.stage) setMoving({ deal, target: col.stage });
                }}
              >
                <header>
                  <h2>{title}</h2>
                  <p class="totals">
                    <span>{fmtCount(col.count)} {prefs.lang === 'ja' ? '件' : 'deals'}</span>
                    <span>{fmtMoney(col.amount_total, prefs)}</span>
                  </p>
                </header>
                <ul class="cards" aria-label={title}>
                  {col.deals.map((d) => (
                    <li
                      key={d.id}
                      class="card deal-card"
                      draggable
                      aria-label={d.title}
                      onDragStart={(e) => {
                        e.dataTransfer?.setData('text/plain', String(d.id));
                        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                      }}
                    >
                      <a href={href(`/deals/${d.id}`)} class="card-title">
                        {d.title}
                      </a>
                      <span class="card-gov">{d.government_name}</span>
                      <span class="card-meta">
                        <span>{fmtMoney(d.amount, prefs)}</span>
                        <span>{d.owner_name}</span>
                      </span>
                      <button type="button" class="small" aria-label={`${t('moveDeal')}: ${d.title}`} onClick={() => setMoving({ deal: d, target: null })}>
                        {t('moveDeal')}
                      </button>
                    </li>
                  ))}
                  {col.count > col.deals.length && (
                    <li class="more">
                      <a href={href(`/deals?stage=${col.stage}&fiscal_year=${board.fiscal_year}`)}>
                        +{fmtCount(col.count - col.deals.length)}
                      </a>
                    </li>
                  )}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {mode === 'table' && (
        <VirtualTable
          label={`${t('board')} ${t('tableView')}`}
          columns={columns}
          rows={tableRows}
          rowKey={(d) => d.id}
          total={tableTotal}
          hasMore={!!tableCursor}
          onNeedMore={() => tableCursor && loadTable(tableCursor).catch(setError)}
        />
      )}
      <StageMove
        deal={moving?.deal ?? null}
        target={moving?.target ?? null}
        stages={stages}
        onClose={() => setMoving(null)}
        onMoved={(m) => {
          toast(m);
          setReload((r) => r + 1);
        }}
      />
    </section>
  );
}
