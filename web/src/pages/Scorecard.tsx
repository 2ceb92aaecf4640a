// 二軸スコアカード: the transformation programme judged by two axes per fiscal quarter
// (docs/transformation.md, "Two-axis scorecard"): 業績 (revenue, win rate, cycle time)
// beside 変革 (data quality, adoption, hand-off discipline, case library growth), each
// metric with its change against the previous quarter and a year earlier and a small
// trend line, and the verdict that reads both axes together on top.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useT } from '../i18n';
import { fmtFiscalYear, fmtMoney } from '../format';
import { usePrefs, type Prefs } from '../prefs';
import type { Route } from '../router';

type Direction = 'improving' | 'worsening' | 'flat' | 'unknown';
type Unit = 'yen' | 'ratio' | 'days' | 'count';
interface Trend {
  earlier: number | null;
  delta: number | null;
  direction: Direction;
}
interface Metric {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  vs_previous: Trend;
  vs_last_year: Trend;
}
interface AxisSummary {
  improving: number;
  worsening: number;
  flat: number;
  compared: number;
  improving_share: number | null;
  direction: Direction;
}
interface Quarter {
  fiscal_year: number;
  quarter: number;
  label: string;
  label_ja: string;
  from: string;
  to: string;
  metrics: Record<string, Metric>;
  axes: { performance: AxisSummary; transformation: AxisSummary };
  verdict: { code: string; label_ja: string; label_en: string; advice_ja: string; advice_en: string };
}
interface MetricInfo {
  metric: string;
  axis: 'performance' | 'transformation';
  label_ja: string;
  label_en: string;
  unit: Unit;
  higher_is_better: boolean;
}
interface Report {
  as_of: string;
  fiscal_year: number;
  quarter: number;
  amounts_hidden: boolean;
  tolerance: { ratio: number; relative: number };
  metrics: MetricInfo[];
  quarters: Quarter[];
}

const QUARTER_MONTHS: Record<number, [string, string]> = {
  1: ['4〜6月', 'Apr–Jun'],
  2: ['7〜9月', 'Jul–Sep'],
  3: ['10〜12月', 'Oct–Dec'],
  4: ['1〜3月', 'Jan–Mar'],
};
const VERDICT_TONE: Record<string, string> = {
  both_advancing: 'var(--ok)',
  short_term_bias: '#8a5a00',
  transformation_lead: '#2a62b8',
  stalled: 'var(--danger)',
  insufficient_data: 'var(--muted)',
};

function toneOf(d: Direction): string {
  return d === 'improving' ? 'var(--ok)' : d === 'worsening' ? 'var(--danger)' : 'var(--muted)';
}

function fmtValue(unit: Unit, v: number | null, prefs: Prefs, lang: 'ja' | 'en'): string {
  if (v === null) return '—';
  switch (unit) {
    case 'yen':
      return fmtMoney(v, prefs);
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    case 'days':
      return lang === 'ja' ? `${v.toFixed(1)}日` : `${v.toFixed(1)} d`;
    case 'count':
      return lang === 'ja' ? `${v}件` : `${v}`;
  }
}

function fmtDelta(unit: Unit, d: number, prefs: Prefs, lang: 'ja' | 'en'): string {
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const a = Math.abs(d);
  if (unit === 'ratio') return `${sign}${(a * 100).toFixed(1)}${lang === 'ja' ? 'ポイント' : ' pt'}`;
  if (unit === 'yen') return `${sign}${fmtMoney(a, prefs)}`;
  return `${sign}${fmtValue(unit, a, prefs, lang)}`;
}

/** The change against an earlier quarter: an arrow for the sign, coloured by good or bad. */
function Delta({ trend, unit, prefs, lang, hidden, higherIsBetter }: { trend: Trend; unit: Unit; prefs: Prefs; lang: 'ja' | 'en'; hidden: boolean; higherIsBetter: boolean }) {
  const tx = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const words: Record<Direction, string> = {
    improving: tx('改善', 'improving'),
    worsening: tx('悪化', 'worsening'),
    flat: tx('横ばい', 'flat'),
    unknown: tx('比較できません', 'no comparison'),
  };
  if (trend.direction === 'unknown') {
    return <span class="muted" data-direction="unknown">—</span>;
  }
  const arrow =
    trend.direction === 'flat'
      ? '→'
      : trend.delta !== null
        ? trend.delta > 0
          ? '↑'
          : '↓'
        : (trend.direction === 'improving') === higherIsBetter
          ? '↑'
          : '↓';
  return (
    <span data-direction={trend.direction} style={{ color: toneOf(trend.direction), whiteSpace: 'nowrap' }}>
      <span class="trend-arrow" role="img" aria-label={words[trend.direction]}>
        {arrow}
      </span>{' '}
      {hidden || trend.delta === null ? words[trend.direction] : fmtDelta(unit, trend.delta, prefs, lang)}
    </span>
  );
}

/** A small inline trend line over the quarters; gaps where a quarter has no value. */
function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const W = 120;
  const H = 28;
  const P = 3;
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) {
    return (
      <svg width={W} height={H} role="img" aria-label={label} class="sparkline">
        <line x1={P} y1={H / 2} x2={W - P} y2={H / 2} stroke="#d5d9de" stroke-dasharray="3 3" />
      </svg>
    );
  }
  const min = Math.min(...present);
  const max = Math.max(...present);
  const x = (i: number) => (values.length === 1 ? W / 2 : P + (i * (W - 2 * P)) / (values.length - 1));
  const y = (v: number) => (max === min ? H / 2 : H - P - ((v - min) * (H - 2 * P)) / (max - min));
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else {
      current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (current.length) segments.push(current.join(' '));
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  return (
    <svg width={W} height={H} role="img" aria-label={label} class="sparkline">
      {segments.map((pts) => (
        <polyline key={pts} points={pts} fill="none" stroke="#1f5fa8" stroke-width={1.5} />
      ))}
      {last !== null && <circle cx={x(lastIndex)} cy={y(last)} r={2.5} fill="#1f5fa8" />}
    </svg>
  );
}

function AxisPanel({ axis, report, quarter, prefs }: { axis: 'performance' | 'transformation'; report: Report; quarter: Quarter; prefs: Prefs }) {
  const lang = prefs.lang;
  const tx = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const infos = report.metrics.filter((m) => m.axis === axis);
  const summary = quarter.axes[axis];
  const shownIndex = report.quarters.indexOf(quarter);
  const series = report.quarters.slice(0, shownIndex + 1);
  const id = `scorecard-${axis}`;
  const title = axis === 'performance' ? tx('業績（短期）', 'Performance (short term)') : tx('変革（長期）', 'Transformation (long term)');
  return (
    <section class="panel" aria-labelledby={id} data-axis={axis}>
      <h2 id={id}>{title}</h2>
      <p class="muted">
        {summary.compared === 0
          ? tx('前四半期と比べられる指標はありません', 'No metric to compare with the previous quarter')
          : tx(
              `前四半期比：改善 ${summary.improving}・悪化 ${summary.worsening}・横ばい ${summary.flat}（改善 ${Math.round((summary.improving_share ?? 0) * 100)}%）`,
              `vs previous quarter: ${summary.improving} improving, ${summary.worsening} worsening, ${summary.flat} flat (${Math.round((summary.improving_share ?? 0) * 100)}% improving)`,
            )}
      </p>
      <table class="table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{tx('指標', 'Metric')}</th>
            <th scope="col" class="num">{tx('今期', 'This quarter')}</th>
            <th scope="col">{tx('前四半期比', 'vs previous quarter')}</th>
            <th scope="col">{tx('前年同期比', 'vs a year earlier')}</th>
            <th scope="col">{tx('推移', 'Trend')}</th>
          </tr>
        </thead>
        <tbody>
          {infos.map((info) => {
            const m = quarter.metrics[info.metric];
            const hidden = report.amounts_hidden && info.unit === 'yen';
            const name = lang === 'ja' ? info.label_ja : info.label_en;
            let sub = '';
            if (info.metric === 'win_rate' && m.denominator) sub = `${m.numerator ?? 0}/${m.denominator}`;
            if (info.metric === 'case_library_growth' && m.numerator !== null) sub = tx(`累計 ${m.numerator}件`, `${m.numerator} in all`);
            if (info.metric === 'data_quality' && m.numerator) sub = tx(`${m.numerator}/3 指標`, `${m.numerator} of 3 ratios`);
            if ((info.metric === 'adoption' || info.metric === 'handoff_discipline') && m.denominator) sub = `${m.numerator ?? 0}/${m.denominator}`;
            return (
              <tr key={info.metric} data-metric={info.metric}>
                <th scope="row">{name}</th>
                <td class="num">
                  {hidden ? <span class="muted">{tx('非表示', 'hidden')}</span> : fmtValue(info.unit, m.value, prefs, lang)}
                  {sub && (
                    <>
                      <br />
                      <small>{sub}</small>
                    </>
                  )}
                </td>
                <td>
                  <Delta trend={m.vs_previous} unit={info.unit} prefs={prefs} lang={lang} hidden={hidden} higherIsBetter={info.higher_is_better} />
                </td>
                <td>
                  <Delta trend={m.vs_last_year} unit={info.unit} prefs={prefs} lang={lang} hidden={hidden} higherIsBetter={info.higher_is_better} />
                </td>
                <td>
                  <Sparkline
                    values={hidden ? [] : series.map((q) => q.metrics[info.metric].value)}
                    label={tx(`${name}の推移（${series.length}四半期）`, `${name} over ${series.length} quarters`)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export default function Scorecard(_: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const tx = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const [fy, setFy] = useState<number | null>(null);
  const [quarter, setQuarter] = useState<number | null>(null);
  const [count, setCount] = useState(8);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    api<Report>('/api/transformation/scorecard', {
      query: { fiscal_year: fy ?? undefined, quarter: quarter ?? undefined, quarters: count },
    })
      .then((r) => {
        setReport(r);
        if (fy === null) setFy(r.fiscal_year);
        if (quarter === null) setQuarter(r.quarter);
      })
      .catch(setError);
  }, [fy, quarter, count]);

  const current = report ? report.quarters[report.quarters.length - 1] : null;
  const thisYear = report ? Number(report.as_of.slice(0, 4)) - (Number(report.as_of.slice(5, 7)) < 4 ? 1 : 0) : null;
  const years: number[] = [];
  if (thisYear !== null) for (let y = thisYear - 4; y <= thisYear; y++) years.push(y);
  if (fy !== null && !years.includes(fy)) years.push(fy);
  years.sort();

  return (
    <section aria-labelledby="scorecard-title">
      <div class="page-head">
        <h1 id="scorecard-title">{t('scorecard')}</h1>
        <div class="tools">
          <label>
            {tx('年度', 'Fiscal year')}{' '}
            <select value={fy ?? ''} onChange={(e) => setFy(Number((e.target as HTMLSelectElement).value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {fmtFiscalYear(y, prefs)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {tx('四半期', 'Quarter')}{' '}
            <select value={quarter ?? ''} onChange={(e) => setQuarter(Number((e.target as HTMLSelectElement).value))}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  {tx(`第${q}四半期（${QUARTER_MONTHS[q][0]}）`, `Q${q} (${QUARTER_MONTHS[q][1]})`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {tx('表示期間', 'Quarters shown')}{' '}
            <select value={count} onChange={(e) => setCount(Number((e.target as HTMLSelectElement).value))}>
              {[4, 8, 12, 20].map((n) => (
                <option key={n} value={n}>
                  {tx(`${n}四半期`, `${n} quarters`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <p class="muted">
        {tx(
          '短期の業績と長期の変革を、四半期ごとに並べて評価します（「二軸の評価指標」）。',
          'Short-term results and long-term change, judged side by side each quarter (the "two-axis" measure).',
        )}
      </p>
      {error !== null && <ErrorBox error={error} />}
      {!report && error === null && <p aria-busy="true">{tx('読み込み中…', 'Loading…')}</p>}
      {report && current && (
        <>
          <section class="panel" aria-labelledby="scorecard-verdict" data-verdict={current.verdict.code}
            style={{ borderLeft: `6px solid ${VERDICT_TONE[current.verdict.code] ?? 'var(--line)'}` }}>
            <h2 id="scorecard-verdict">
              {tx(`${current.label_ja}の判定`, `Verdict for ${current.label}`)}：
              <span style={{ color: VERDICT_TONE[current.verdict.code] }}>
                {lang === 'ja' ? current.verdict.label_ja : current.verdict.label_en}
              </span>
            </h2>
            <p>
              {tx(
                `業績 ${arrowOf(current.axes.performance.direction)}・変革 ${arrowOf(current.axes.transformation.direction)}`,
                `Performance ${arrowOf(current.axes.performance.direction)} · transformation ${arrowOf(current.axes.transformation.direction)}`,
              )}
              {' — '}
              {lang === 'ja' ? current.verdict.advice_ja : current.verdict.advice_en}
            </p>
            <small>
              {current.from} 〜 {current.to}
            </small>
          </section>
          <div class="grid2">
            <AxisPanel axis="performance" report={report} quarter={current} prefs={prefs} />
            <AxisPanel axis="transformation" report={report} quarter={current} prefs={prefs} />
          </div>
          <p class="muted">
            <small>
              {tx(
                `比率は±${(report.tolerance.ratio * 100).toFixed(0)}ポイント、受注額・商談期間・事例件数は前の値の±${(report.tolerance.relative * 100).toFixed(0)}%以内を横ばいとします。商談期間は受注案件の作成日から受注日までの日数の中央値で、短くなるほど改善です。「—」は未計測（0ではありません）。`,
                `Ratios within ±${(report.tolerance.ratio * 100).toFixed(0)} points, and revenue, cycle time and case counts within ±${(report.tolerance.relative * 100).toFixed(0)}% of the earlier value, count as flat. Cycle time is the median days from creation to the win; shorter is better. "—" means not measured (not zero).`,
              )}
              {report.amounts_hidden && tx(' 受注額はこの役割には表示されません。', ' Revenue is hidden for your role.')}
            </small>
          </p>
        </>
      )}
    </section>
  );
}

function arrowOf(d: Direction): string {
  return d === 'improving' ? '↑' : d === 'worsening' ? '↓' : d === 'flat' ? '→' : '？';
}
