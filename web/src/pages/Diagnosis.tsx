// 変革診断: the organisation diagnosis (docs/transformation.md, "Diagnosis"). The
// questionnaire per dimension on an anchored 1–5 scale (managers and administrators
// submit), and the report: self-assessed versus measured level per dimension (bars and a
// radar), the measured signals with numerator / denominator, and the findings with
// 要注意 / 軽微 badges where self-assessment and data disagree.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toast';
import { pick } from '../i18n';
import { usePrefs } from '../prefs';
import type { Route } from '../router';
import { useSession } from '../session';

interface Level {
  level: number;
  label_ja: string;
  label_en?: string;
}
interface Question {
  key: string;
  text_ja: string;
  text_en: string;
  levels: Level[];
}
interface Questionnaire {
  scale: Level[];
  dimensions: { dimension: string; label_ja: string; label_en: string; questions: Question[] }[];
}
interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
  label_ja: string;
  label_en: string;
}
type SignalKey = 'same_day_logging' | 'deal_field_completeness' | 'handoff_sla_compliance' | 'fiscal_year_and_budget_set' | 'score_use';
const SIGNAL_KEYS: SignalKey[] = ['same_day_logging', 'deal_field_completeness', 'handoff_sla_compliance', 'fiscal_year_and_budget_set', 'score_use'];
type Signals = { from: string; to: string } & Record<SignalKey, Ratio>;
interface Dimension {
  dimension: string;
  label_ja: string;
  label_en: string;
  self_score: number | null;
  self_level: number | null;
  measured_level: number | null;
  gap: number | null;
  severity: 'attention' | 'minor' | 'agree' | 'unknown';
  finding_ja: string;
  finding_en: string;
}
interface Answer {
  question_key: string;
  level: number;
  comment: string;
}
interface Assessment {
  id: number;
  assessed_on: string;
  created_by_name: string;
  note: string;
  answers?: Answer[];
}
interface DiagnosisResponse {
  assessment: Assessment | null;
  diagnosis: { assessment_id: number; assessed_on: string; signals: Signals; dimensions: Dimension[] } | null;
}

const T = {
  title: ['変革診断', 'Organisation diagnosis'],
  lead: [
    '自己評価（設問への回答）と、Kyoso のデータから測ったシグナルを突き合わせ、認識と実態のずれを示します。',
    'Joins the self-assessment (questionnaire) with signals measured from Kyoso’s own data and shows where they disagree.',
  ],
  report: ['診断結果', 'Diagnosis report'],
  noReport: ['まだ診断がありません。設問に回答してください。', 'No diagnosis yet: answer the questionnaire.'],
  assessedOn: ['回答日', 'Assessed on'],
  by: ['回答者', 'By'],
  window: ['シグナルの期間', 'Signal period'],
  dimension: ['観点', 'Dimension'],
  self: ['自己評価', 'Self-assessed'],
  measured: ['データ', 'Measured'],
  gap: ['差', 'Gap'],
  verdict: ['判定', 'Verdict'],
  attention: ['要注意', 'Attention'],
  minor: ['軽微', 'Minor'],
  agree: ['一致', 'Agree'],
  unknown: ['データでは測れない', 'Not measurable'],
  signals: ['計測シグナル', 'Measured signals'],
  signal: ['シグナル', 'Signal'],
  value: ['値', 'Value'],
  count: ['分子 / 分母', 'Numerator / denominator'],
  findings: ['所見', 'Findings'],
  radar: ['自己評価とデータの比較（レーダー）', 'Self-assessed vs measured (radar)'],
  questionnaire: ['設問（自己評価）', 'Questionnaire (self-assessment)'],
  questionnaireNote: [
    '各設問に 1（属人的・記録なし）〜 5（定着・自動化）で回答します。未回答の設問は評価に含めません。',
    'Answer each question from 1 (ad hoc) to 5 (institutionalised); unanswered questions are left out.',
  ],
  note: ['メモ', 'Note'],
  submit: ['回答を登録', 'Submit answers'],
  submitted: ['回答を登録しました', 'Answers submitted'],
  readOnly: ['回答の登録はマネージャーと管理者のみ可能です。', 'Only managers and administrators can submit answers.'],
  answered: ['回答済み', 'answered'],
  none: ['—', '—'],
} as const;
type Key = keyof typeof T;

function useL(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => pick(prefs.lang, T[k][0], T[k][1]);
}

function pct(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}

function Severity({ s }: { s: Dimension['severity'] }) {
  const l = useL();
  const cls = s === 'attention' ? 'badge warn' : 'badge';
  return (
    <span class={cls} data-severity={s}>
      {l(s)}
    </span>
  );
}

function LevelBar({ level, color, label }: { level: number | null; color: string; label: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }} aria-label={label}>
      <svg width="100" height="12" role="img" aria-hidden="true">
        <rect x="0" y="0" width="100" height="12" fill="#eef1f4" rx="2" />
        {level !== null && <rect x="0" y="0" width={level * 20} height="12" fill={color} rx="2" />}
      </svg>
      <span class="num">{level ?? '—'}</span>
    </div>
  );
}

/** A five-axis radar: self-assessed (blue) and measured (orange) levels 0–5. */
function Radar({ dims, lang }: { dims: Dimension[]; lang: 'ja' | 'en' }) {
  const l = useL();
  const size = 380;
  const c = size / 2;
  const r = 100;
  const n = dims.length;
  const point = (i: number, level: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [c + Math.cos(a) * (r * level) / 5, c + Math.sin(a) * (r * level) / 5];
  };
  const poly = (get: (d: Dimension) => number | null) =>
    dims.map((d, i) => point(i, get(d) ?? 0).map((x) => x.toFixed(1)).join(',')).join(' ');
  return (
    <svg width={size} height={size} role="img" aria-label={l('radar')} class="diagnosis-radar">
      {[1, 2, 3, 4, 5].map((lv) => (
        <polygon key={lv} points={dims.map((_, i) => point(i, lv).join(',')).join(' ')} fill="none" stroke="#d0d5dd" />
      ))}
      {dims.map((d, i) => {
        const [x, y] = point(i, 5);
        const [tx, ty] = point(i, 6.1);
        return (
          <g key={d.dimension}>
            <line x1={c} y1={c} x2={x} y2={y} stroke="#d0d5dd" />
            <text x={tx} y={ty} font-size="11" text-anchor="middle" dominant-baseline="middle">
              {pick(lang, d.label_ja, d.label_en)}
            </text>
          </g>
        );
      })}
      <polygon points={poly((d) => d.self_level)} fill="rgba(42,98,184,0.2)" stroke="#2a62b8" stroke-width="2" />
      <polygon points={poly((d) => d.measured_level)} fill="rgba(217,119,6,0.2)" stroke="#d97706" stroke-width="2" />
    </svg>
  );
}

function Report({ data }: { data: DiagnosisResponse }) {
  const l = useL();
  const { prefs } = usePrefs();
  const d = data.diagnosis;
  if (!d || !data.assessment) {
    return (
      <section class="panel" aria-labelledby="dg-report">
        <h2 id="dg-report">{l('report')}</h2>
        <p>{l('noReport')}</p>
      </section>
    );
  }
  const s = d.signals;
  return (
    <section class="panel" aria-labelledby="dg-report" data-testid="diagnosis-report">
      <h2 id="dg-report">{l('report')}</h2>
      <p>
        {l('assessedOn')}: {d.assessed_on}　{l('by')}: {data.assessment.created_by_name}　{l('window')}: {s.from} – {s.to}
        {data.assessment.note && <> 　「{data.assessment.note}」</>}
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem', alignItems: 'flex-start' }}>
        <table class="table" aria-label={l('report')}>
          <thead>
            <tr>
              <th scope="col">{l('dimension')}</th>
              <th scope="col">
                <span style={{ color: '#2a62b8' }}>■</span> {l('self')}
              </th>
              <th scope="col">
                <span style={{ color: '#d97706' }}>■</span> {l('measured')}
              </th>
              <th scope="col" class="num">{l('gap')}</th>
              <th scope="col">{l('verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {d.dimensions.map((x) => (
              <tr key={x.dimension} data-dimension={x.dimension}>
                <th scope="row">
                  {x.label_ja}
                  <br />
                  <small>{x.label_en}</small>
                </th>
                <td>
                  <LevelBar level={x.self_level} color="#2a62b8" label={`${l('self')} ${x.self_level ?? '—'}`} />
                  {x.self_score !== null && <small>({x.self_score.toFixed(2)})</small>}
                </td>
                <td>
                  <LevelBar level={x.measured_level} color="#d97706" label={`${l('measured')} ${x.measured_level ?? '—'}`} />
                </td>
                <td class="num">{x.gap === null ? '—' : x.gap > 0 ? `+${x.gap}` : x.gap}</td>
                <td>
                  <Severity s={x.severity} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Radar dims={d.dimensions} lang={prefs.lang} />
      </div>
      <h3>{l('signals')}</h3>
      <table class="table" aria-label={l('signals')}>
        <thead>
          <tr>
            <th scope="col">{l('signal')}</th>
            <th scope="col" class="num">{l('value')}</th>
            <th scope="col" class="num">{l('count')}</th>
          </tr>
        </thead>
        <tbody>
          {SIGNAL_KEYS.map((k) => (
            <tr key={k} data-signal={k}>
              <th scope="row">
                {s[k].label_ja} <small>{s[k].label_en}</small>
              </th>
              <td class="num">{pct(s[k].value)}</td>
              <td class="num">
                {s[k].numerator.toLocaleString()} / {s[k].denominator.toLocaleString()}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{l('findings')}</h3>
      <ul class="diagnosis-findings">
        {d.dimensions.map((x) => (
          <li key={x.dimension} data-severity={x.severity}>
            <Severity s={x.severity} /> {x.finding_ja}
            <br />
            <small>{x.finding_en}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

function QuestionnaireForm({
  q,
  initial,
  canSubmit,
  onSaved,
}: {
  q: Questionnaire;
  initial: Answer[];
  canSubmit: boolean;
  onSaved: () => void;
}) {
  const l = useL();
  const toast = useToast();
  const [levels, setLevels] = useState<Record<string, number>>(() =>
    Object.fromEntries(initial.map((a) => [a.question_key, a.level])),
  );
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const answers = Object.entries(levels).map(([question_key, level]) => ({ question_key, level }));
    api('/api/transformation/assessments', { method: 'POST', body: { note, answers } })
      .then(() => {
        toast(l('submitted'));
        onSaved();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <section class="panel" aria-labelledby="dg-questionnaire">
      <h2 id="dg-questionnaire">{l('questionnaire')}</h2>
      <p>{l('questionnaireNote')}</p>
      {!canSubmit && <p role="note">{l('readOnly')}</p>}
      <form onSubmit={submit} aria-label={l('questionnaire')}>
        {q.dimensions.map((d) => {
          const answered = d.questions.filter((x) => levels[x.key] !== undefined).length;
          return (
            <fieldset key={d.dimension} data-dimension={d.dimension} style={{ marginBottom: '1rem' }}>
              <legend>
                <strong>{d.label_ja}</strong> <small>{d.label_en}</small>{' '}
                <span class="tag">
                  {answered}/{d.questions.length} {l('answered')}
                </span>
              </legend>
              {d.questions.map((x) => (
                <div key={x.key} role="radiogroup" aria-label={x.text_ja} data-question={x.key} style={{ margin: '0.6rem 0' }}>
                  <div>
                    {x.text_ja}
                    <br />
                    <small>{x.text_en}</small>
                  </div>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
                    {x.levels.map((lv) => (
                      <label key={lv.level} style={{ fontSize: '0.85rem' }}>
                        <input
                          type="radio"
                          name={x.key}
                          value={lv.level}
                          checked={levels[x.key] === lv.level}
                          disabled={!canSubmit}
                          onChange={() => setLevels({ ...levels, [x.key]: lv.level })}
                        />{' '}
                        {lv.level} {lv.label_ja}
                      </label>
                    ))}
                  </div>
                </div>
              ))}
            </fieldset>
          );
        })}
        {canSubmit && (
          <>
            <label>
              {l('note')}{' '}
              <input type="text" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
            </label>{' '}
            <button type="submit" disabled={busy}>
              {l('submit')}
            </button>
          </>
        )}
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

export default function Diagnosis(_: { route: Route }) {
  const l = useL();
  const { user } = useSession();
  const canSubmit = user.role === 'manager' || user.role === 'admin';
  const [q, setQ] = useState<Questionnaire | null>(null);
  const [data, setData] = useState<DiagnosisResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api<Questionnaire>('/api/transformation/questionnaire').then(setQ).catch(setError);
  }, []);
  useEffect(() => {
    api<DiagnosisResponse>('/api/transformation/diagnosis').then(setData).catch(setError);
  }, [version]);
  return (
    <div>
      <h1>
        {T.title[0]} <small>{T.title[1]}</small>
      </h1>
      <p>{l('lead')}</p>
      <ErrorBox error={error} />
      {!data ? <p aria-busy="true">…</p> : <Report data={data} />}
      {q && data && (
        <QuestionnaireForm
          key={data.assessment?.id ?? 0}
          q={q}
          initial={data.assessment?.answers ?? []}
          canSubmit={canSubmit}
          onSaved={() => setVersion((v) => v + 1)}
        />
      )}
    </div>
  );
}
