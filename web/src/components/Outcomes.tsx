// Phases and outcomes (docs/division-of-labour.md, "Phases and outcomes"): the phase badge
// (政策形成支援 / 導入・実装支援), the 成果指標 panel of a won deal (define a metric, record a
// value, values against the target) and a government's list of metrics.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from './ErrorBox';
import { useToast } from './Toast';
import { useT, type MessageKey } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href } from '../router';

export interface Measurement {
  id: number;
  measured_on: string;
  value: number;
  note: string;
}
export interface OutcomeMetric {
  id: number;
  deal_id: number;
  government_code: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  baseline_on: string;
  target: number;
  target_on: string;
  latest: number | null;
  progress: number | null;
  measurements: Measurement[];
}

/** 政策形成支援 / 導入・実装支援 as a badge. */
export function PhaseBadge({ phase }: { phase: string | null | undefined }) {
  const t = useT();
  if (!phase) return null;
  return (
    <span class={`badge phase-${phase}`} aria-label={`${t('supportPhase')}: ${t(`phase_${phase}` as MessageKey)}`}>
      {t(`phase_${phase}` as MessageKey)}
    </span>
  );
}

function fmtValue(v: number | null, unit: string): string {
  if (v === null) return '—';
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;
}

function fmtProgress(p: number | null): string {
  return p === null ? '—' : `${Math.round(p * 100)}%`;
}

/** A small line chart of the values with the baseline and target as lines. */
function OutcomeChart({ m }: { m: OutcomeMetric }) {
  const t = useT();
  const w = 280;
  const h = 90;
  const points = [{ on: m.baseline_on, value: m.baseline }, ...m.measurements.map((x) => ({ on: x.measured_on, value: x.value }))];
  const values = [...points.map((p) => p.value), m.target];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const y = (v: number) => h - 8 - ((v - lo) / span) * (h - 16);
  const x = (i: number) => (points.length <= 1 ? 8 : 8 + (i * (w - 16)) / (points.length - 1));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} role="img" aria-label={`${t('outcomeChart')}: ${m.name}`} class="outcome-chart">
      <line x1={0} x2={w} y1={y(m.target)} y2={y(m.target)} stroke="#1b7f3b" stroke-dasharray="4 3" />
      <line x1={0} x2={w} y1={y(m.baseline)} y2={y(m.baseline)} stroke="#999" stroke-dasharray="2 3" />
      <path d={path} fill="none" stroke="#2a62b8" stroke-width={2} />
      {points.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p.value)} r={3} fill="#2a62b8" />
      ))}
    </svg>
  );
}

function MetricCard({ m, onRecorded, canWrite }: { m: OutcomeMetric; onRecorded: () => void; canWrite: boolean }) {
  const t = useT();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/outcomes/${m.id}/measurements`, {
        method: 'POST',
        body: { measured_on: on, value: Number(value), note },
      });
      setValue('');
      setNote('');
      toast(t('outcomeSaved'));
      onRecorded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="outcome" aria-label={m.name}>
      <h3>{m.name}</h3>
      <p>
        {t('outcomeBaseline')} {fmtValue(m.baseline, m.unit)}（{fmtDate(m.baseline_on, prefs)}）→ {t('outcomeTarget')}{' '}
        {fmtValue(m.target, m.unit)}（{fmtDate(m.target_on, prefs)}）・{t('outcomeLatest')} {fmtValue(m.latest, m.unit)}・
        {t('outcomeProgress')} {fmtProgress(m.progress)}
      </p>
      {m.progress !== null && (
        <meter min={0} max={1} value={Math.max(0, Math.min(1, m.progress))} aria-label={`${t('outcomeProgress')} ${m.name}`} />
      )}
      <OutcomeChart m={m} />
      <table class="table">
        <caption>{`${m.name} ${t('outcomeChart')}`}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outcomeMeasuredOn')}</th>
            <th scope="col" class="num">{t('outcomeValue')}</th>
            <th scope="col">{t('outcomeNote')}</th>
          </tr>
        </thead>
        <tbody>
          {m.measurements.map((x) => (
            <tr key={x.id}>
              <td>{fmtDate(x.measured_on, prefs)}</td>
              <td class="num">{fmtValue(x.value, m.unit)}</td>
              <td>{x.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && (
        <form onSubmit={submit} aria-label={`${t('outcomeRecord')}: ${m.name}`} class="inline-form">
          <label>
            {t('outcomeMeasuredOn')} <input type="date" required value={on} onInput={(e) => setOn((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {t('outcomeValue')}{' '}
            <input type="number" step="any" required value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {t('outcomeNote')} <input type="text" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{t('outcomeRecord')}</button>
          <ErrorBox error={error} />
        </form>
      )}
    </section>
  );
}

function DefineMetric({ dealId, onSaved }: { dealId: number; onSaved: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({
    name: 'オンライン申請率',
    unit: '%',
    direction: 'increase',
    baseline: '12',
    baseline_on: new Date().toISOString().slice(0, 10),
    target: '40',
    target_on: '',
  });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('outcomeDefine')}
      </button>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/deals/${dealId}/outcomes`, {
        method: 'POST',
        body: { ...f, baseline: Number(f.baseline), target: Number(f.target) },
      });
      setOpen(false);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} aria-label={t('outcomeDefine')} class="inline-form">
      <label>
        {t('outcomeName')} <input required value={f.name} onInput={set('name')} />
      </label>
      <label>
        {t('outcomeUnit')} <input value={f.unit} onInput={set('unit')} size={4} />
      </label>
      <label>
        {t('outcomeDirection')}{' '}
        <select value={f.direction} onChange={set('direction')}>
          <option value="increase">{t('outcomeIncrease')}</option>
          <option value="decrease">{t('outcomeDecrease')}</option>
        </select>
      </label>
      <label>
        {t('outcomeBaseline')} <input type="number" step="any" required value={f.baseline} onInput={set('baseline')} />
      </label>
      <label>
        {t('outcomeBaselineOn')} <input type="date" required value={f.baseline_on} onInput={set('baseline_on')} />
      </label>
      <label>
        {t('outcomeTarget')} <input type="number" step="any" required value={f.target} onInput={set('target')} />
      </label>
      <label>
        {t('outcomeTargetOn')} <input type="date" required value={f.target_on} onInput={set('target_on')} />
      </label>
      <button type="submit" class="primary">
        {t('outcomeSave')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

/** The 成果指標 panel of a deal: metrics with values, recording and defining (won deals). */
export function OutcomePanel({ dealId, won, canWrite }: { dealId: number; won: boolean; canWrite: boolean }) {
  const t = useT();
  const [items, setItems] = useState<OutcomeMetric[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    api<{ items: OutcomeMetric[] }>(`/api/deals/${dealId}/outcomes`)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [dealId, tick]);
  if (!won && (!items || items.length === 0)) return null;
  return (
    <section class="panel" aria-labelledby="deal-outcomes">
      <h2 id="deal-outcomes">{t('outcomes')}</h2>
      <ErrorBox error={error} />
      {items && items.length === 0 && <p class="muted">{t('outcomeNone')}</p>}
      {(items ?? []).map((m) => (
        <MetricCard key={m.id} m={m} canWrite={canWrite} onRecorded={() => setTick((x) => x + 1)} />
      ))}
      {won && canWrite && <DefineMetric dealId={dealId} onSaved={() => setTick((x) => x + 1)} />}
    </section>
  );
}

/** A government's outcome metrics (public value) and its deals per phase. */
export function GovernmentOutcomes({ code }: { code: string }) {
  const t = useT();
  const { prefs } = usePrefs();
  const [items, setItems] = useState<OutcomeMetric[] | null>(null);
  useEffect(() => {
    api<{ items: OutcomeMetric[] }>(`/api/governments/${code}/outcomes`)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [code]);
  return (
    <section class="panel" aria-labelledby="gov-outcomes">
      <h2 id="gov-outcomes">{t('outcomes')}</h2>
      {!items ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p class="muted">{t('outcomeNone')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('outcomeName')}</th>
              <th scope="col" class="num">{t('outcomeBaseline')}</th>
              <th scope="col" class="num">{t('outcomeLatest')}</th>
              <th scope="col" class="num">{t('outcomeTarget')}</th>
              <th scope="col" class="num">{t('outcomeProgress')}</th>
              <th scope="col">{t('outcomeTargetOn')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={href(`/deals/${m.deal_id}`)}>{m.name}</a>
                </td>
                <td class="num">{fmtValue(m.baseline, m.unit)}</td>
                <td class="num">{fmtValue(m.latest, m.unit)}</td>
                <td class="num">{fmtValue(m.target, m.unit)}</td>
                <td class="num">{fmtProgress(m.progress)}</td>
                <td>{fmtDate(m.target_on, prefs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The government's deals per phase, as badges with counts. */
export function GovernmentPhases({ code }: { code: string }) {
  const t = useT();
  const [p, setP] = useState<{ policy_formation: number; implementation: number; support_phase: string | null } | null>(null);
  useEffect(() => {
    api<any>(`/api/governments/${code}/phases`).then(setP).catch(() => setP(null));
  }, [code]);
  if (!p || !p.support_phase) return null;
  return (
    <span aria-label={t('phaseCounts')}>
      <PhaseBadge phase={p.support_phase} />
      <small class="muted">
        {' '}
        {t('phase_policy_formation')} {p.policy_formation}・{t('phase_implementation')} {p.implementation}
      </small>
    </span>
  );
}
