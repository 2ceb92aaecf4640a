// 行動計画: the staged action plan of the transformation programme (docs/transformation.md,
// "Staged action plan"). パイロット (0–3か月) → 拡大 (3–9) → 定着 (9–18), generated from the latest
// diagnosis, the organisation's size and the governments it sells to (both overridable),
// each action with its owner role, KPI and due date. Managers set each action's status.
// #/action-plan/print is the same plan as a plain A4 table without navigation.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, withQuery } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { pick } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';
import { useToast } from '../components/Toast';

type Status = 'todo' | 'doing' | 'done';
interface Kpi {
  name_ja: string;
  name_en: string;
  comparator: string;
  target: number;
  unit: string;
  moves: string;
  text: string;
}
interface PlanAction {
  key: string;
  stage: string;
  dimension: string;
  dimension_label_ja: string;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  owner_role: string;
  owner_label_ja: string;
  kpi: Kpi;
  due: string;
  due_rule: string;
  reason_ja: string;
  reason_en: string;
  progress: { status: Status; note: string; updated_by_name: string; updated_at: string | null };
}
interface Stage {
  stage: string;
  label_ja: string;
  label_en: string;
  start_month: number;
  end_month: number;
  actions: PlanAction[];
}
interface Profile {
  sales_staff: number;
  measured_sales_staff: number;
  staff_overridden: boolean;
  size_band: 'small' | 'medium' | 'large';
  focus: 'large_cities' | 'mixed' | 'towns_villages';
  derived_focus: 'large_cities' | 'mixed' | 'towns_villages';
  focus_overridden: boolean;
  deals: number;
  small_government_share: number | null;
  large_government_share: number | null;
}
interface Plan {
  start: string;
  end: string;
  assessed_on: string;
  profile: Profile;
  priorities: { dimension: string; label_ja: string; level: number; measured: boolean; assessed: boolean; gap: number; rank: number; actions: number }[];
  stages: Stage[];
  total_actions: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const BANDS: Record<string, [string, string]> = {
  small: ['小規模（営業10人未満）', 'Small (under 10 sales staff)'],
  medium: ['中規模（10〜50人）', 'Medium (10–50)'],
  large: ['大規模（50人超）', 'Large (over 50)'],
};
const FOCUS: Record<string, [string, string]> = {
  large_cities: ['大都市中心（政令市・中核市・都道府県）', 'Large cities'],
  mixed: ['混在', 'Mixed'],
  towns_villages: ['町村・小規模団体中心', 'Towns and villages'],
};
const ROLES: Record<string, [string, string]> = {
  executive: ['経営者', 'Executive'],
  manager: ['マネージャー', 'Manager'],
  field_sales: ['フィールドセールス', 'Field sales'],
  inside_sales: ['インサイドセールス', 'Inside sales'],
  bdr: ['BDR', 'BDR'],
  customer_success: ['カスタマーサクセス', 'Customer success'],
  admin: ['管理者', 'Administrator'],
};
const STATUS: Record<Status, [string, string]> = {
  todo: ['未着手', 'To do'],
  doing: ['進行中', 'In progress'],
  done: ['完了', 'Done'],
};

function planQuery(route: Route): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of ['start', 'staff', 'focus']) {
    const v = route.query.get(k);
    if (v) q[k] = v;
  }
  return q;
}

export default function ActionPlan({ route }: { route: Route }) {
  const { prefs } = usePrefs();
  const tx = (ja: string, en: string) => pick(prefs.lang, ja, en);
  const { user } = useSession();
  const toast = useToast();
  const canManage = user.role === 'manager' || user.role === 'admin';
  const printing = route.parts[1] === 'print';
  const query = planQuery(route);
  const queryKey = JSON.stringify(query);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Plan | ErrorBody>('/api/transformation/plan', { query, acceptStatus: [422] })
      .then((r) => {
        if (!live) return;
        if ('error' in r) {
          setPlan(null);
          setMissing(r.error.message);
        } else {
          setMissing(null);
          setPlan(r);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [queryKey, reload]);

  // The print layout shows no navigation, on screen as on paper.
  useEffect(() => {
    if (!printing) return;
    document.body.classList.add('print-view');
    return () => document.body.classList.remove('print-view');
  }, [printing]);

  async function setStatus(a: PlanAction, status: Status) {
    try {
      await api(`/api/transformation/plan/actions/${encodeURIComponent(a.key)}`, {
        method: 'PUT',
        body: { status },
      });
      toast(tx(`「${a.title_ja}」を${STATUS[status][0]}にしました`, `"${a.title_en}" set to ${STATUS[status][1]}`));
      setReload((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  }

  const title = tx('行動計画', 'Action plan');
  if (error && !(error instanceof ApiError && error.status === 422)) {
    return (
      <section>
        <h1>{title}</h1>
        <ErrorBox error={error} />
      </section>
    );
  }
  if (missing) {
    return (
      <section class="action-plan">
        <h1>{title}</h1>
        <p class="notice" role="status" data-plan="no-diagnosis">
          {tx(
            '変革診断の回答がまだありません。先に「変革診断」で質問票に回答すると、診断から段階別の行動計画がつくられます。',
            'No transformation diagnosis yet. Answer the questionnaire under Diagnosis first; the staged plan is generated from it.',
          )}
        </p>
        <p>
          <a href={href('/diagnosis')}>{tx('変革診断へ', 'Go to the diagnosis')}</a>
        </p>
      </section>
    );
  }
  if (!plan) return <p aria-busy="true">{tx('読み込み中…', 'Loading…')}</p>;

  const xlsxHref = withQuery('/api/transformation/plan.xlsx', query);
  const printHref = href(withQuery('/action-plan/print', query));
  const stageLabel = (s: Stage) => tx(s.label_ja, s.label_en);
  const rows = plan.stages.flatMap((s) => s.actions.map((a) => ({ s, a })));

  if (printing) {
    return (
      <section class="action-plan-print">
        <div class="print-toolbar">
          <a href={href(withQuery('/action-plan', query))}>{tx('← 行動計画に戻る', '← Back to the plan')}</a>
          <button type="button" onClick={() => window.print()}>
            {tx('印刷する', 'Print')}
          </button>
        </div>
        <h1>{tx('行動計画', 'Action plan')}</h1>
        <p>
          {tx('期間', 'Period')}: {fmtDate(plan.start, prefs)} – {fmtDate(plan.end, prefs)} ・ {tx('組織', 'Organisation')}:{' '}
          {tx(BANDS[plan.profile.size_band][0], BANDS[plan.profile.size_band][1])}（{tx('営業', 'sales')} {plan.profile.sales_staff}
          {tx('人', '')}）・ {tx('顧客', 'Customers')}: {tx(FOCUS[plan.profile.focus][0], FOCUS[plan.profile.focus][1])} ・{' '}
          {tx('診断日', 'Diagnosed')}: {fmtDate(plan.assessed_on, prefs)}
        </p>
        <table class="plan-table" aria-label={tx('行動計画（印刷用）', 'Action plan (print)')}>
          <thead>
            <tr>
              <th scope="col">{tx('段階', 'Stage')}</th>
              <th scope="col">{tx('領域', 'Dimension')}</th>
              <th scope="col">{tx('施策', 'Action')}</th>
              <th scope="col">{tx('担当ロール', 'Owner')}</th>
              <th scope="col">KPI</th>
              <th scope="col">{tx('目標', 'Target')}</th>
              <th scope="col">{tx('期日', 'Due')}</th>
              <th scope="col">{tx('状況', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ s, a }) => (
              <tr key={a.key} data-key={a.key}>
                <td>{stageLabel(s)}</td>
                <td>{a.dimension_label_ja}</td>
                <td>{tx(a.title_ja, a.title_en)}</td>
                <td>{tx(ROLES[a.owner_role][0], ROLES[a.owner_role][1])}</td>
                <td>{tx(a.kpi.name_ja, a.kpi.name_en)}</td>
                <td>{a.kpi.text}</td>
                <td>{a.due}</td>
                <td>{tx(STATUS[a.progress.status][0], STATUS[a.progress.status][1])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }

  return (
    <section class="action-plan">
      <h1>{title}</h1>
      <p class="muted">
        {tx(
          '診断で弱い領域（実測レベルが低く、自己評価が実測を上回る領域）から順に、パイロット→拡大→定着の3段階で施策を並べます。',
          'Actions for the weakest dimensions (lowest measured level, self-assessment above the data) come first, in three stages: pilot → expand → institutionalise.',
        )}
      </p>
      <section class="panel plan-profile" aria-labelledby="plan-profile">
        <h2 id="plan-profile">{tx('組織プロファイル', 'Organisation profile')}</h2>
        <dl class="facts">
          <dt>{tx('組織規模', 'Size')}</dt>
          <dd data-profile="size_band">
            {tx(BANDS[plan.profile.size_band][0], BANDS[plan.profile.size_band][1])}（{tx('営業', 'sales staff')}{' '}
            {plan.profile.sales_staff}
            {tx('人', '')}
            {plan.profile.staff_overridden ? tx('・指定', ', overridden') : tx('・実データ', ', from the data')}）
          </dd>
          <dt>{tx('主な顧客', 'Customers')}</dt>
          <dd data-profile="focus">
            {tx(FOCUS[plan.profile.focus][0], FOCUS[plan.profile.focus][1])}
            {plan.profile.focus_overridden ? tx('（指定）', ' (overridden)') : ''}
            {plan.profile.small_government_share !== null &&
              tx(
                `／案件の${Math.round(plan.profile.small_government_share * 100)}%が町村・人口5万人未満、${Math.round((plan.profile.large_government_share ?? 0) * 100)}%が大都市`,
                ` / ${Math.round(plan.profile.small_government_share * 100)}% of deals with towns or small bodies, ${Math.round((plan.profile.large_government_share ?? 0) * 100)}% with large cities`,
              )}
          </dd>
          <dt>{tx('期間', 'Period')}</dt>
          <dd>
            {fmtDate(plan.start, prefs)} – {fmtDate(plan.end, prefs)}（{tx('診断日', 'diagnosed')} {fmtDate(plan.assessed_on, prefs)}）
          </dd>
          <dt>{tx('優先順位', 'Priority')}</dt>
          <dd>
            <ol class="plan-priorities">
              {plan.priorities.map((p) => (
                <li key={p.dimension}>
                  {p.label_ja} {tx('レベル', 'level')}
                  {p.level}
                  {p.assessed ? (p.measured ? tx('（実測）', ' (measured)') : tx('（自己評価）', ' (self)')) : tx('（未評価）', ' (not assessed)')}
                  {p.gap < 0 ? tx(` 差${p.gap}`, ` gap ${p.gap}`) : ''}
                </li>
              ))}
            </ol>
          </dd>
        </dl>
        <ProfileForm route={route} profile={plan.profile} start={query.start ?? ''} tx={tx} />
        <p class="plan-links">
          <a href={xlsxHref} download>
            {tx('Excelでダウンロード（.xlsx）', 'Download as Excel (.xlsx)')}
          </a>{' '}
          ・ <a href={printHref}>{tx('印刷用', 'Printable')}</a>
        </p>
      </section>
      <div class="plan-stages">
        {plan.stages.map((s) => (
          <section class="plan-stage" key={s.stage} aria-labelledby={`stage-${s.stage}`} data-stage={s.stage}>
            <h2 id={`stage-${s.stage}`}>
              {stageLabel(s)}{' '}
              <span class="muted">
                {tx(`${s.start_month}〜${s.end_month}か月`, `months ${s.start_month}–${s.end_month}`)}
              </span>
            </h2>
            {s.actions.length === 0 && <p class="muted">{tx('この段階の施策はありません', 'No actions in this stage')}</p>}
            {s.actions.map((a) => (
              <article class={`plan-card status-${a.progress.status}`} key={a.key} data-key={a.key} aria-label={tx(a.title_ja, a.title_en)}>
                <h3>{tx(a.title_ja, a.title_en)}</h3>
                <p class="plan-meta">
                  <span class="badge">{a.dimension_label_ja}</span>{' '}
                  <span class="badge plan-owner" data-owner={a.owner_role}>
                    {tx(ROLES[a.owner_role][0], ROLES[a.owner_role][1])}
                  </span>
                </p>
                <p>{tx(a.description_ja, a.description_en)}</p>
                <p class="plan-kpi">
                  KPI: {tx(a.kpi.name_ja, a.kpi.name_en)} <strong>{a.kpi.text}</strong>
                </p>
                <p class="plan-due">
                  {tx('期日', 'Due')}: <time dateTime={a.due}>{fmtDate(a.due, prefs)}</time>
                  {a.due_rule === 'before_budget_season' && tx('（予算要求期の前）', ' (before the budget-request season)')}
                  {a.due_rule === 'before_fiscal_year' && tx('（新年度・4月の異動の前）', ' (before the new fiscal year)')}
                </p>
                <p class="muted plan-reason">{tx(a.reason_ja, a.reason_en)}</p>
                {canManage ? (
                  <label>
                    {tx('状況', 'Status')}{' '}
                    <select
                      value={a.progress.status}
                      aria-label={tx(`状況: ${a.title_ja}`, `Status: ${a.title_en}`)}
                      onChange={(e) => setStatus(a, (e.target as HTMLSelectElement).value as Status)}
                    >
                      {(['todo', 'doing', 'done'] as Status[]).map((st) => (
                        <option key={st} value={st}>
                          {tx(STATUS[st][0], STATUS[st][1])}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  <span class={`badge plan-status-${a.progress.status}`}>
                    {tx(STATUS[a.progress.status][0], STATUS[a.progress.status][1])}
                  </span>
                )}
                {a.progress.updated_at && (
                  <p class="muted">
                    {a.progress.updated_by_name} {a.progress.updated_at.slice(0, 10)}
                    {a.progress.note ? ` — ${a.progress.note}` : ''}
                  </p>
                )}
              </article>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}

function ProfileForm({
  route,
  profile,
  start,
  tx,
}: {
  route: Route;
  profile: Profile;
  start: string;
  tx: (ja: string, en: string) => string;
}) {
  const [staff, setStaff] = useState(route.query.get('staff') ?? '');
  const [focus, setFocus] = useState(route.query.get('focus') ?? '');
  const [from, setFrom] = useState(start);
  function apply(e: Event) {
    e.preventDefault();
    navigate(withQuery('/action-plan', { staff, focus, start: from }));
  }
  return (
    <form class="inline-form" aria-label={tx('プロファイルを変更', 'Change the profile')} onSubmit={apply}>
      <label>
        {tx('営業人数', 'Sales staff')}
        <input
          type="number"
          min={1}
          max={100000}
          value={staff}
          placeholder={String(profile.measured_sales_staff)}
          onInput={(e) => setStaff((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {tx('主な顧客', 'Customers')}
        <select value={focus} onChange={(e) => setFocus((e.target as HTMLSelectElement).value)}>
          <option value="">{tx('実データから', 'From the data')}</option>
          {Object.entries(FOCUS).map(([k, v]) => (
            <option key={k} value={k}>
              {tx(v[0], v[1])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx('開始日', 'Start')}
        <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">{tx('適用', 'Apply')}</button>
    </form>
  );
}
