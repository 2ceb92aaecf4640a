// 小さな実験: define an experiment (a cadence's A/B variants, or a pilot team against a
// comparison team), fix its outcome and horizon in advance, and read the result. Before
// the horizon the counts show but the verdict stays locked; from the horizon the test
// (two-proportion z-test, or Fisher's exact test for small counts), p-value, 95% CI and
// verdict at α = 0.05 (docs/transformation.md, "Experiments").
// #/experiments lists them (with the create form for sales ops), #/experiments/{id} shows one.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toast';
import { pick } from '../i18n';
import { usePrefs } from '../prefs';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';

type Kind = 'cadence_ab' | 'pilot_team';
type Status = 'draft' | 'running' | 'concluded' | 'stopped';

interface Experiment {
  id: number;
  name: string;
  hypothesis: string;
  kind: Kind;
  cadence_id: number | null;
  cadence_name: string | null;
  pilot_team: string | null;
  comparison_team: string | null;
  outcome: string;
  outcome_label: string;
  start_on: string;
  horizon_on: string;
  min_per_arm: number | null;
  status: Status;
  locked: boolean;
  days_to_horizon: number;
  stopped_on: string | null;
  stop_reason: string;
}
interface ExperimentList {
  items: Experiment[];
  today: string;
  alpha: number;
}
interface Arm {
  key: string;
  label: string;
  n: number;
  successes: number;
  rate: number | null;
}
interface TestResult {
  name: 'two_proportion_z' | 'fisher_exact';
  label: string;
  p_value: number;
  z: number | null;
  difference: number;
  ci_low: number;
  ci_high: number;
  alpha: number;
  significant: boolean;
}
interface Result {
  status: Status;
  counted_through: string;
  horizon_on: string;
  arms: Arm[];
  verdict: string;
  test: TestResult | null;
  needed_per_arm: number | null;
  message: string;
  message_en: string;
}

const T = {
  title: ['小さな実験', 'Experiments'],
  lead: [
    '仮説・成果指標・期日を先に決め、期日の結果だけで判定します。途中の「たまたま良い日」で止めないための仕組みです。',
    'Fix the hypothesis, the outcome and the horizon first, and judge only at the horizon — so nobody stops at the first lucky day.',
  ],
  name: ['名称', 'Name'],
  kind: ['種類', 'Kind'],
  subject: ['対象', 'Subject'],
  outcome: ['成果指標', 'Outcome'],
  start: ['開始日', 'Start'],
  horizon: ['期日（判定日）', 'Horizon (verdict day)'],
  status: ['状態', 'Status'],
  none: ['実験はまだありません', 'No experiments yet'],
  create: ['実験を作成', 'Create experiment'],
  cadence: ['シーケンス', 'Cadence'],
  pilot: ['パイロットチーム', 'Pilot team'],
  comparison: ['比較対象チーム', 'Comparison team'],
  everyoneElse: ['その他全員', 'Everyone else'],
  hypothesis: ['仮説', 'Hypothesis'],
  minPerArm: ['最低標本数（群ごと・任意）', 'Minimum per arm (optional)'],
  created: ['実験を作成しました', 'Experiment created'],
  back: ['実験一覧へ', 'All experiments'],
  arms: ['群', 'Arms'],
  arm: ['群', 'Arm'],
  n: ['対象数', 'n'],
  successes: ['成功数', 'Successes'],
  rate: ['率', 'Rate'],
  countedThrough: ['集計期間の終わり', 'Counted through'],
  daysLeft: ['期日まであと', 'Days to the horizon'],
  days: ['日', 'days'],
  locked: ['判定はロック中', 'Verdict locked'],
  lockedNote: [
    '期日前のp値は見せません。途中経過で判断すると偽陽性が増えるためです。',
    'No p-value before the horizon: peeking at interim results inflates false positives.',
  ],
  test: ['検定', 'Test'],
  pValue: ['p値', 'p-value'],
  difference: ['差', 'Difference'],
  ci: ['95%信頼区間', '95% CI'],
  verdict: ['判定', 'Verdict'],
  alphaNote: ['有意水準 α = 0.05（固定）', 'Significance level α = 0.05 (fixed)'],
  needed: ['この差を検出するのに必要な対象数（群ごと、検出力80%）', 'Per arm needed to detect this difference (80% power)'],
  stop: ['実験を中止', 'Stop experiment'],
  stopReason: ['中止の理由', 'Reason for stopping'],
  stopped: ['実験を中止しました（判定なし）', 'Experiment stopped (no verdict)'],
  designLocked: ['開始後は期日・成果指標・対象を変更できません', 'Once started, horizon, outcome and subject are locked'],
} as const;
type Key = keyof typeof T;

function useL(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => pick(prefs.lang, T[k][0], T[k][1]);
}

const STATUS_LABELS: Record<Status, [string, string]> = {
  draft: ['開始前', 'Draft'],
  running: ['実施中', 'Running'],
  concluded: ['判定済み', 'Concluded'],
  stopped: ['中止', 'Stopped'],
};
const KIND_LABELS: Record<Kind, [string, string]> = {
  cadence_ab: ['シーケンスA/B', 'Cadence A/B'],
  pilot_team: ['パイロットチーム', 'Pilot team'],
};
const OUTCOMES: Record<Kind, { value: string; ja: string; en: string }[]> = {
  cadence_ab: [
    { value: 'meeting_set', ja: '商談設定', en: 'Meeting set' },
    { value: 'replied', ja: '返信あり（商談設定を含む）', en: 'Replied (incl. meetings)' },
  ],
  pilot_team: [
    { value: 'budget_requested', ja: '予算要求到達', en: 'Reached budget request' },
    { value: 'deal_won', ja: '受注', en: 'Deal won' },
    { value: 'lead_qualified', ja: 'リード評価済み（qualified）', en: 'Lead qualified' },
  ],
};

function subjectOf(e: Experiment, lang: 'ja' | 'en'): string {
  if (e.kind === 'cadence_ab') return `${e.cadence_name ?? `#${e.cadence_id}`}（A vs B）`;
  return `${e.pilot_team} vs ${e.comparison_team || pick(lang, 'その他全員', 'everyone else')}`;
}

function StatusBadge({ status }: { status: Status }) {
  const { prefs } = usePrefs();
  const [ja, en] = STATUS_LABELS[status];
  return (
    <span class={`badge${status === 'stopped' ? ' warn' : ''}`} data-status={status}>
      {pick(prefs.lang, ja, en)}
    </span>
  );
}

function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}
function pts(v: number): string {
  return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}pt`;
}
function pValueText(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

function CreateForm({ today, onCreated }: { today: string; onCreated: (e: Experiment) => void }) {
  const l = useL();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [kind, setKind] = useState<Kind>('cadence_ab');
  const [cadences, setCadences] = useState<{ id: number; name: string }[]>([]);
  const [teams, setTeams] = useState<{ id: number; name: string }[]>([]);
  const [cadenceId, setCadenceId] = useState('');
  const [pilot, setPilot] = useState('');
  const [comparison, setComparison] = useState('');
  const [outcome, setOutcome] = useState('meeting_set');
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [start, setStart] = useState(today);
  const [horizon, setHorizon] = useState('');
  const [minPerArm, setMinPerArm] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ items: { id: number; name: string }[] }>('/api/cadences')
      .then((r) => {
        setCadences(r.items);
        if (r.items[0]) setCadenceId(String(r.items[0].id));
      })
      .catch(setError);
    api<{ items: { id: number; name: string }[] }>('/api/teams')
      .then((r) => {
        setTeams(r.items);
        if (r.items[0]) setPilot(r.items[0].name);
      })
      .catch(setError);
  }, []);
  const changeKind = (k: Kind) => {
    setKind(k);
    setOutcome(OUTCOMES[k][0].value);
  };
  const submit = (ev: Event) => {
    ev.preventDefault();
    setError(null);
    const body: Record<string, unknown> = { name, hypothesis, kind, outcome, start_on: start, horizon_on: horizon };
    if (kind === 'cadence_ab') body.cadence_id = Number(cadenceId);
    else {
      body.pilot_team = pilot;
      body.comparison_team = comparison;
    }
    if (minPerArm) body.min_per_arm = Number(minPerArm);
    api<Experiment>('/api/experiments', { method: 'POST', body })
      .then((e) => {
        toast(l('created'));
        onCreated(e);
      })
      .catch(setError);
  };
  const sel = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLSelectElement).value);
  return (
    <form
      aria-label={l('create')}
      onSubmit={submit}
      class="panel"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1rem', alignItems: 'end' }}
    >
      <h2 style={{ flexBasis: '100%', margin: 0 }}>{l('create')}</h2>
      <label>
        {l('name')} <input required value={name} onInput={sel(setName)} />
      </label>
      <label>
        {l('kind')}{' '}
        <select value={kind} onChange={(e) => changeKind((e.target as HTMLSelectElement).value as Kind)}>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {pick(prefs.lang, KIND_LABELS[k][0], KIND_LABELS[k][1])}
            </option>
          ))}
        </select>
      </label>
      {kind === 'cadence_ab' ? (
        <label>
          {l('cadence')}{' '}
          <select value={cadenceId} onChange={sel(setCadenceId)}>
            {cadences.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <label>
            {l('pilot')}{' '}
            <select value={pilot} onChange={sel(setPilot)}>
              {teams.map((t) => (
                <option key={t.id} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {l('comparison')}{' '}
            <select value={comparison} onChange={sel(setComparison)}>
              <option value="">{l('everyoneElse')}</option>
              {teams
                .filter((t) => t.name !== pilot)
                .map((t) => (
                  <option key={t.id} value={t.name}>
                    {t.name}
                  </option>
                ))}
            </select>
          </label>
        </>
      )}
      <label>
        {l('outcome')}{' '}
        <select value={outcome} onChange={sel(setOutcome)}>
          {OUTCOMES[kind].map((o) => (
            <option key={o.value} value={o.value}>
              {pick(prefs.lang, o.ja, o.en)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {l('start')} <input type="date" required min={today} value={start} onInput={sel(setStart)} />
      </label>
      <label>
        {l('horizon')} <input type="date" required min={start} value={horizon} onInput={sel(setHorizon)} />
      </label>
      <label>
        {l('minPerArm')}{' '}
        <input type="number" min={1} step={1} value={minPerArm} onInput={sel(setMinPerArm)} style={{ width: '6rem' }} />
      </label>
      <label style={{ flexBasis: '100%' }}>
        {l('hypothesis')}{' '}
        <textarea rows={2} style={{ width: '100%' }} value={hypothesis} onInput={sel(setHypothesis)} />
      </label>
      <button type="submit">{l('create')}</button>
      <ErrorBox error={error} />
    </form>
  );
}

function ListView() {
  const l = useL();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const canManage = user.role === 'manager' || user.role === 'admin';
  const [list, setList] = useState<ExperimentList | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<ExperimentList>('/api/experiments').then(setList).catch(setError);
  }, []);
  return (
    <section aria-labelledby="experiments-title">
      <div class="page-head">
        <h1 id="experiments-title">{l('title')}</h1>
      </div>
      <p class="muted">{l('lead')}</p>
      <ErrorBox error={error} />
      {!list ? (
        <p aria-busy="true">…</p>
      ) : list.items.length === 0 ? (
        <p class="muted">{l('none')}</p>
      ) : (
        <table class="table" aria-label={l('title')}>
          <thead>
            <tr>
              <th scope="col">{l('name')}</th>
              <th scope="col">{l('kind')}</th>
              <th scope="col">{l('subject')}</th>
              <th scope="col">{l('outcome')}</th>
              <th scope="col">{l('start')}</th>
              <th scope="col">{l('horizon')}</th>
              <th scope="col">{l('status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={href(`/experiments/${e.id}`)}>{e.name}</a>
                </td>
                <td>{pick(prefs.lang, KIND_LABELS[e.kind][0], KIND_LABELS[e.kind][1])}</td>
                <td>{subjectOf(e, prefs.lang)}</td>
                <td>{e.outcome_label}</td>
                <td>{e.start_on}</td>
                <td>
                  {e.horizon_on}
                  {(e.status === 'running' || e.status === 'draft') && (
                    <span class="muted">
                      {' '}
                      （{l('daysLeft')} {e.days_to_horizon} {l('days')}）
                    </span>
                  )}
                </td>
                <td>
                  <StatusBadge status={e.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && canManage && <CreateForm today={list.today} onCreated={(e) => navigate(`/experiments/${e.id}`)} />}
    </section>
  );
}

function DetailView({ id }: { id: string }) {
  const l = useL();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const toast = useToast();
  const canManage = user.role === 'manager' || user.role === 'admin';
  const [exp, setExp] = useState<Experiment | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    setError(null);
    api<Experiment>(`/api/experiments/${id}`).then(setExp).catch(setError);
    api<Result>(`/api/experiments/${id}/result`).then(setResult).catch(setError);
  }, [id, reload]);
  const stop = (ev: Event) => {
    ev.preventDefault();
    api(`/api/experiments/${id}/stop`, { method: 'POST', body: { reason } })
      .then(() => {
        toast(l('stopped'));
        setReload((n) => n + 1);
      })
      .catch(setError);
  };
  const message = result ? pick(prefs.lang, result.message, result.message_en) : '';
  return (
    <section aria-labelledby="experiment-title">
      <p>
        <a href={href('/experiments')}>← {l('back')}</a>
      </p>
      <ErrorBox error={error} />
      {!exp || !result ? (
        <p aria-busy="true">…</p>
      ) : (
        <>
          <div class="page-head">
            <h1 id="experiment-title">
              {exp.name} <StatusBadge status={exp.status} />
            </h1>
          </div>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem' }}>
            <dt>{l('hypothesis')}</dt>
            <dd>{exp.hypothesis || '—'}</dd>
            <dt>{l('kind')}</dt>
            <dd>{pick(prefs.lang, KIND_LABELS[exp.kind][0], KIND_LABELS[exp.kind][1])}</dd>
            <dt>{l('subject')}</dt>
            <dd>{subjectOf(exp, prefs.lang)}</dd>
            <dt>{l('outcome')}</dt>
            <dd>{exp.outcome_label}</dd>
            <dt>
              {l('start')} – {l('horizon')}
            </dt>
            <dd>
              {exp.start_on} – <strong>{exp.horizon_on}</strong>
              {exp.min_per_arm !== null && ` ／ ${l('minPerArm')}: ${exp.min_per_arm}`}
            </dd>
            {exp.stopped_on && (
              <>
                <dt>{l('stop')}</dt>
                <dd>
                  {exp.stopped_on} {exp.stop_reason}
                </dd>
              </>
            )}
          </dl>
          {exp.locked && <p class="muted">{l('designLocked')}</p>}

          <section class="panel" aria-labelledby="experiment-arms">
            <h2 id="experiment-arms">{l('arms')}</h2>
            <p class="muted">
              {l('countedThrough')}: {result.counted_through}
            </p>
            <table class="table" aria-label={l('arms')}>
              <thead>
                <tr>
                  <th scope="col">{l('arm')}</th>
                  <th scope="col" class="num">
                    {l('n')}
                  </th>
                  <th scope="col" class="num">
                    {l('successes')}
                  </th>
                  <th scope="col" class="num">
                    {l('rate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.arms.map((a) => (
                  <tr key={a.key} data-arm={a.key}>
                    <th scope="row">{a.label}</th>
                    <td class="num">{a.n}</td>
                    <td class="num">{a.successes}</td>
                    <td class="num">{pct(a.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="panel" aria-labelledby="experiment-verdict" data-verdict={result.verdict}>
            <h2 id="experiment-verdict">{l('verdict')}</h2>
            {result.test === null ? (
              <div role="status">
                <p>
                  {exp.status !== 'stopped' && <span class="badge warn">{l('locked')}</span>} <strong>{message}</strong>
                </p>
                {(exp.status === 'running' || exp.status === 'draft') && (
                  <p data-countdown>
                    {l('daysLeft')} <strong>{exp.days_to_horizon}</strong> {l('days')}（{exp.horizon_on}）
                  </p>
                )}
                {exp.status !== 'stopped' && <p class="muted">{l('lockedNote')}</p>}
              </div>
            ) : (
              <>
                <p role="status">
                  <strong>{message}</strong>
                </p>
                <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem' }}>
                  <dt>{l('test')}</dt>
                  <dd data-test={result.test.name}>{result.test.label}</dd>
                  <dt>{l('pValue')}</dt>
                  <dd data-figure="p-value">
                    {pValueText(result.test.p_value)}
                    {result.test.z !== null && `（z = ${result.test.z.toFixed(3)}）`}
                  </dd>
                  <dt>
                    {l('difference')}（{result.arms[0].label} − {result.arms[1].label}）
                  </dt>
                  <dd>{pts(result.test.difference)}</dd>
                  <dt>{l('ci')}</dt>
                  <dd>
                    {pts(result.test.ci_low)} 〜 {pts(result.test.ci_high)}
                  </dd>
                  {result.needed_per_arm !== null && (
                    <>
                      <dt>{l('needed')}</dt>
                      <dd>{result.needed_per_arm}</dd>
                    </>
                  )}
                </dl>
                <p class="muted">{l('alphaNote')}</p>
              </>
            )}
          </section>

          {canManage && (exp.status === 'running' || exp.status === 'draft') && (
            <form aria-label={l('stop')} onSubmit={stop} class="panel" style={{ display: 'flex', gap: '0.5rem', alignItems: 'end' }}>
              <label>
                {l('stopReason')} <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
              </label>
              <button type="submit">{l('stop')}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

export default function Experiments({ route }: { route: Route }) {
  const id = route.parts[1];
  return id ? <DetailView id={id} /> : <ListView />;
}
