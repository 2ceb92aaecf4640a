// 売上予測: revenue per fiscal year and quarter from open deals × win probability × close
// timing, with the P10–P90 interval drawn, won-so-far against the open pipeline, the
// largest contributing deals, manager adjustments kept beside (never over) the model, and
// the backtest against the baselines (docs/ml.md, "Forecast").
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { pick } from '../i18n';
import { usePrefs, type Prefs } from '../prefs';
import { fmtFiscalYear, fmtMoney } from '../format';
import { href, type Route } from '../router';
import { useSession } from '../session';
import { useToast } from '../components/Toast';

interface Period {
  won: number;
  expected: number;
  p10: number;
  p50: number;
  p90: number;
}
interface Quarter extends Period {
  quarter: number;
  adjusted: number;
}
interface Adjustment {
  id: number;
  fiscal_year: number;
  quarter: number | null;
  team: string;
  kind: 'delta' | 'override';
  amount: number;
  reason: string;
  author_name: string;
  created_at: string;
  withdrawn_at: string | null;
}
interface TopDeal {
  deal_id: number;
  title: string;
  government_name: string;
  stage_label: string;
  fiscal_year: number;
  amount: number;
  probability: number;
  probability_source: string;
  expected: number;
}
interface Year extends Period {
  fiscal_year: number;
  open_expected: number;
  adjusted: number;
  stage_only: Period;
  last_year_revenue: number;
  quarters: Quarter[];
  adjustments: Adjustment[];
  top_deals: TopDeal[];
}
interface Report {
  as_of: string;
  probability_source: string;
  probability_source_label: string;
  open_deals: number;
  runs: number;
  fiscal_years: Year[];
}
interface Figures {
  p10: number;
  p50: number;
  p90: number;
  error_pct: number | null;
  covered: boolean;
}
interface Backtest {
  as_of_month: string;
  model_source: string;
  model_source_label: string;
  years: {
    fiscal_year: number;
    as_of: string;
    actual: number;
    model: Figures;
    stage_only: Figures;
    last_year: { forecast: number; error_pct: number | null };
  }[];
  mean_abs_error_pct: { model: number | null; stage_only: number | null; last_year: number | null };
}

const T = {
  title: ['売上予測', 'Revenue forecast'],
  asOf: ['基準日', 'As of'],
  source: ['確率の出所', 'Probability source'],
  openDeals: ['進行中の案件', 'Open deals'],
  won: ['受注済み', 'Won so far'],
  open: ['見込み（進行中案件）', 'Open pipeline (expected)'],
  expected: ['期待値', 'Expected'],
  model: ['モデル予測', 'Model forecast'],
  adjusted: ['調整後', 'Adjusted'],
  interval: ['予測区間', 'Interval'],
  quarter: ['四半期', 'Quarter'],
  fullYear: ['通年', 'Full year'],
  stageOnly: ['ステージ別実績', 'Stage-only baseline'],
  lastYear: ['前年度実績', "Last year's revenue"],
  topDeals: ['寄与の大きい案件', 'Largest contributing deals'],
  deal: ['案件', 'Deal'],
  government: ['団体', 'Government'],
  stage: ['ステージ', 'Stage'],
  amount: ['金額', 'Amount'],
  probability: ['受注確率', 'Win probability'],
  contribution: ['寄与（期待値）', 'Contribution'],
  adjustments: ['マネージャー調整', 'Manager adjustments'],
  noAdjustments: ['調整はありません', 'No adjustments'],
  addAdjustment: ['調整を追加', 'Add adjustment'],
  fiscalYear: ['年度', 'Fiscal year'],
  kind: ['種類', 'Kind'],
  delta: ['加減', 'Delta'],
  override: ['上書き', 'Override'],
  team: ['チーム（任意）', 'Team (optional)'],
  yen: ['金額（円）', 'Amount (yen)'],
  reason: ['理由', 'Reason'],
  withdraw: ['取り消す', 'Withdraw'],
  saved: ['調整を追加しました', 'Adjustment added'],
  withdrawn: ['調整を取り消しました', 'Adjustment withdrawn'],
  backtest: ['バックテスト（誤差）', 'Backtest (error)'],
  backtestNote: [
    '各年度の開始前（4月1日）時点で分かっていた情報だけで予測し、その年度の受注実績と比較',
    'Each year forecast with only what was known on 1 April, compared with the revenue won',
  ],
  actual: ['実績', 'Actual'],
  error: ['誤差', 'Error'],
  covered: ['区間内', 'In interval'],
  mean: ['平均絶対誤差', 'Mean absolute error'],
  noBacktest: ['比較できる過去の年度がまだありません', 'No past fiscal year to compare yet'],
  by: ['作成者', 'By'],
} as const;
type Key = keyof typeof T;

function useL(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => pick(prefs.lang, T[k][0], T[k][1]);
}

function pct(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(1)}%`;
}

/** P10–P90 as a whisker with the P50 tick, on a shared scale; plain SVG. */
function Interval({ p: period, max, label, adjusted }: { p: Period; max: number; label: string; adjusted?: number }) {
  const w = 240;
  const x = (v: number) => (max > 0 ? 4 + (Math.max(0, v) / max) * (w - 8) : 4);
  return (
    <svg width={w} height={22} role="img" aria-label={label} class="fc-interval">
      <line x1={x(0)} x2={x(max)} y1={11} y2={11} stroke="#ddd" />
      <rect x={x(0)} y={7} width={Math.max(0, x(period.won) - x(0))} height={8} fill="#9ccfa0" />
      <line x1={x(period.p10)} x2={x(period.p90)} y1={11} y2={11} stroke="#2b5797" stroke-width={3} />
      <line x1={x(period.p10)} x2={x(period.p10)} y1={5} y2={17} stroke="#2b5797" stroke-width={2} />
      <line x1={x(period.p90)} x2={x(period.p90)} y1={5} y2={17} stroke="#2b5797" stroke-width={2} />
      <circle cx={x(period.p50)} cy={11} r={4} fill="#2b5797" />
      {adjusted !== undefined && adjusted !== period.p50 && (
        <path d={`M ${x(adjusted) - 4} 2 L ${x(adjusted) + 4} 2 L ${x(adjusted)} 9 Z`} fill="#c0392b" />
      )}
    </svg>
  );
}

function intervalLabel(p: Period, prefs: Prefs): string {
  return `P10 ${fmtMoney(p.p10, prefs)} – P90 ${fmtMoney(p.p90, prefs)}、P50 ${fmtMoney(p.p50, prefs)}`;
}

function YearPanel({ y, prefs }: { y: Year; prefs: Prefs }) {
  const l = useL();
  const max = Math.max(y.p90, y.adjusted, 1);
  const qmax = Math.max(1, ...y.quarters.map((q) => Math.max(q.p90, q.adjusted)));
  const title = fmtFiscalYear(y.fiscal_year, prefs);
  return (
    <section class="panel" aria-labelledby={`fc-${y.fiscal_year}`}>
      <h2 id={`fc-${y.fiscal_year}`}>{title}</h2>
      <dl class="fc-summary" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem', margin: '0 0 0.5rem' }}>
        <div>
          <dt>{l('model')}（P50）</dt>
          <dd data-figure="model-p50">{fmtMoney(y.p50, prefs)}</dd>
        </div>
        <div>
          <dt>{l('adjusted')}</dt>
          <dd data-figure="adjusted">{fmtMoney(y.adjusted, prefs)}</dd>
        </div>
        <div>
          <dt>{l('interval')}</dt>
          <dd>
            {fmtMoney(y.p10, prefs)} – {fmtMoney(y.p90, prefs)}
          </dd>
        </div>
        <div>
          <dt>{l('won')}</dt>
          <dd>{fmtMoney(y.won, prefs)}</dd>
        </div>
        <div>
          <dt>{l('open')}</dt>
          <dd>{fmtMoney(y.open_expected, prefs)}</dd>
        </div>
        <div>
          <dt>{l('stageOnly')}（P50）</dt>
          <dd>{fmtMoney(y.stage_only.p50, prefs)}</dd>
        </div>
        <div>
          <dt>{l('lastYear')}</dt>
          <dd>{fmtMoney(y.last_year_revenue, prefs)}</dd>
        </div>
      </dl>
      <Interval p={y} max={max} adjusted={y.adjusted} label={`${title} ${l('interval')}: ${intervalLabel(y, prefs)}`} />
      <table class="table">
        <caption>
          {title} {l('quarter')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{l('quarter')}</th>
            <th scope="col" class="num">P10</th>
            <th scope="col" class="num">P50</th>
            <th scope="col" class="num">P90</th>
            <th scope="col">{l('interval')}</th>
            <th scope="col" class="num">{l('won')}</th>
            <th scope="col" class="num">{l('expected')}</th>
            <th scope="col" class="num">{l('adjusted')}</th>
          </tr>
        </thead>
        <tbody>
          {y.quarters.map((q) => (
            <tr key={q.quarter}>
              <th scope="row">Q{q.quarter}</th>
              <td class="num">{fmtMoney(q.p10, prefs)}</td>
              <td class="num">{fmtMoney(q.p50, prefs)}</td>
              <td class="num">{fmtMoney(q.p90, prefs)}</td>
              <td>
                <Interval p={q} max={qmax} adjusted={q.adjusted} label={`Q${q.quarter}: ${intervalLabel(q, prefs)}`} />
              </td>
              <td class="num">{fmtMoney(q.won, prefs)}</td>
              <td class="num">{fmtMoney(q.expected, prefs)}</td>
              <td class="num">{fmtMoney(q.adjusted, prefs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {y.top_deals.length > 0 && (
        <table class="table">
          <caption>
            {title} {l('topDeals')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{l('deal')}</th>
              <th scope="col">{l('government')}</th>
              <th scope="col">{l('stage')}</th>
              <th scope="col" class="num">{l('amount')}</th>
              <th scope="col" class="num">{l('probability')}</th>
              <th scope="col" class="num">{l('contribution')}</th>
            </tr>
          </thead>
          <tbody>
            {y.top_deals.map((d) => (
              <tr key={d.deal_id}>
                <td>
                  <a href={href(`/deals/${d.deal_id}`)}>{d.title}</a>
                </td>
                <td>{d.government_name}</td>
                <td>{d.stage_label}</td>
                <td class="num">{fmtMoney(d.amount, prefs)}</td>
                <td class="num">{(d.probability * 100).toFixed(0)}%</td>
                <td class="num">{fmtMoney(d.expected, prefs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AdjustmentForm({ years, onSaved }: { years: number[]; onSaved: () => void }) {
  const l = useL();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [fy, setFy] = useState(years[0] ?? 2026);
  const [quarter, setQuarter] = useState(0);
  const [kind, setKind] = useState<'delta' | 'override'>('delta');
  const [amount, setAmount] = useState('');
  const [team, setTeam] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    api('/api/forecast/adjustments', {
      method: 'POST',
      body: { fiscal_year: fy, quarter, kind, amount: Number(amount), team, reason },
    })
      .then(() => {
        setAmount('');
        setReason('');
        toast(l('saved'));
        onSaved();
      })
      .catch(setError);
  };
  return (
    <form aria-label={l('addAdjustment')} onSubmit={submit} class="fc-form" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1rem', alignItems: 'end' }}>
      <label>
        {l('fiscalYear')}{' '}
        <select value={fy} onChange={(e) => setFy(Number((e.target as HTMLSelectElement).value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {fmtFiscalYear(y, prefs)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {l('quarter')}{' '}
        <select value={quarter} onChange={(e) => setQuarter(Number((e.target as HTMLSelectElement).value))}>
          <option value={0}>{l('fullYear')}</option>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              Q{q}
            </option>
          ))}
        </select>
      </label>
      <label>
        {l('kind')}{' '}
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'delta' | 'override')}>
          <option value="delta">{l('delta')}</option>
          <option value="override">{l('override')}</option>
        </select>
      </label>
      <label>
        {l('yen')}{' '}
        <input
          type="number"
          required
          step={1}
          value={amount}
          onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {l('team')} <input value={team} onInput={(e) => setTeam((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {l('reason')}{' '}
        <input required value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">{l('addAdjustment')}</button>
      <ErrorBox error={error} />
    </form>
  );
}

function BacktestTable({ b, prefs }: { b: Backtest; prefs: Prefs }) {
  const l = useL();
  return (
    <section class="panel" aria-labelledby="fc-backtest">
      <h2 id="fc-backtest">{l('backtest')}</h2>
      <p class="muted">
        {l('backtestNote')}（{l('source')}: {b.model_source_label}）
      </p>
      {b.years.length === 0 ? (
        <p class="muted">{l('noBacktest')}</p>
      ) : (
        <table class="table">
          <caption>{l('backtest')}</caption>
          <thead>
            <tr>
              <th scope="col">{l('fiscalYear')}</th>
              <th scope="col">{l('asOf')}</th>
              <th scope="col" class="num">{l('actual')}</th>
              <th scope="col" class="num">{l('model')} P50</th>
              <th scope="col" class="num">{l('error')}</th>
              <th scope="col">{l('covered')}</th>
              <th scope="col" class="num">{l('stageOnly')} P50</th>
              <th scope="col" class="num">{l('error')}</th>
              <th scope="col" class="num">{l('lastYear')}</th>
              <th scope="col" class="num">{l('error')}</th>
            </tr>
          </thead>
          <tbody>
            {b.years.map((y) => (
              <tr key={y.fiscal_year}>
                <th scope="row">{fmtFiscalYear(y.fiscal_year, prefs)}</th>
                <td>{y.as_of}</td>
                <td class="num">{fmtMoney(y.actual, prefs)}</td>
                <td class="num">{fmtMoney(y.model.p50, prefs)}</td>
                <td class="num">{pct(y.model.error_pct)}</td>
                <td>{y.model.covered ? '○' : '×'}</td>
                <td class="num">{fmtMoney(y.stage_only.p50, prefs)}</td>
                <td class="num">{pct(y.stage_only.error_pct)}</td>
                <td class="num">{fmtMoney(y.last_year.forecast, prefs)}</td>
                <td class="num">{pct(y.last_year.error_pct)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {l('mean')}
              </th>
              <td class="num">{pct(b.mean_abs_error_pct.model)}</td>
              <td />
              <td />
              <td class="num">{pct(b.mean_abs_error_pct.stage_only)}</td>
              <td />
              <td class="num">{pct(b.mean_abs_error_pct.last_year)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

export default function Forecast(_: { route: Route }) {
  const l = useL();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const toast = useToast();
  const canAdjust = user.role === 'manager' || user.role === 'admin';
  const [report, setReport] = useState<Report | null>(null);
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    setError(null);
    api<Report>('/api/forecast').then(setReport).catch(setError);
  }, [reload]);
  useEffect(() => {
    api<Backtest>('/api/forecast/backtest').then(setBacktest).catch(setError);
  }, []);
  const withdraw = (id: number) => {
    api(`/api/forecast/adjustments/${id}`, { method: 'DELETE' })
      .then(() => {
        toast(l('withdrawn'));
        setReload((n) => n + 1);
      })
      .catch(setError);
  };
  const adjustments = report ? report.fiscal_years.flatMap((y) => y.adjustments) : [];
  return (
    <section aria-labelledby="forecast-title">
      <div class="page-head">
        <h1 id="forecast-title">{l('title')}</h1>
      </div>
      <ErrorBox error={error} />
      {!report ? (
        <p aria-busy="true">…</p>
      ) : (
        <>
          <p class="muted">
            {l('asOf')}: {report.as_of} ／ {l('source')}: <strong data-source={report.probability_source}>{report.probability_source_label}</strong> ／{' '}
            {l('openDeals')}: {report.open_deals}
          </p>
          {report.fiscal_years.map((y) => (
            <YearPanel key={y.fiscal_year} y={y} prefs={prefs} />
          ))}
          <section class="panel" aria-labelledby="fc-adjustments">
            <h2 id="fc-adjustments">{l('adjustments')}</h2>
            {adjustments.length === 0 ? (
              <p class="muted">{l('noAdjustments')}</p>
            ) : (
              <ul aria-label={l('adjustments')} class="fc-adjustments">
                {adjustments.map((a) => (
                  <li key={a.id}>
                    {fmtFiscalYear(a.fiscal_year, prefs)} {a.quarter ? `Q${a.quarter}` : l('fullYear')}
                    {a.team ? ` ${a.team}` : ''}: {a.kind === 'override' ? l('override') : l('delta')}{' '}
                    {a.kind === 'delta' && a.amount > 0 ? '+' : ''}
                    {fmtMoney(a.amount, prefs)} — {a.reason}（{l('by')}: {a.author_name}）
                    {canAdjust && (
                      <button type="button" onClick={() => withdraw(a.id)} aria-label={`${l('withdraw')} ${a.reason}`}>
                        {l('withdraw')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canAdjust && (
              <AdjustmentForm
                years={report.fiscal_years.map((y) => y.fiscal_year)}
                onSaved={() => setReload((n) => n + 1)}
              />
            )}
          </section>
        </>
      )}
      {backtest && <BacktestTable b={backtest} prefs={prefs} />}
    </section>
  );
}
