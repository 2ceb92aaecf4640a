// 役割別KPI: the KPIs of one sales role per fiscal year or quarter (docs/division-of-labour.md,
// "KPIs and quotas"). Team rows first, then individuals; quota attainment as a bar beside
// the KPI a quota measures. Managers switch roles with tabs; everyone else sees their own.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { ROLE_LABELS, label, useT, type MessageKey } from '../i18n';
import { usePrefs, type Prefs } from '../prefs';
import { fmtFiscalYear, fmtMoney } from '../format';
import type { Route } from '../router';
import { useSession } from '../session';

const ROLES = ['bdr', 'inside_sales', 'field_sales', 'customer_success'] as const;
type SalesRole = (typeof ROLES)[number];
const RATES = new Set(['qualification_rate', 'win_rate', 'budget_request_on_time', 'renewal_rate', 'outcomes_recorded']);
const MONEY = new Set(['revenue', 'expansion']);
const DAYS = new Set(['speed_to_first_touch', 'cycle_time']);

interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  quota: number | null;
  attainment: number | null;
}
interface Row {
  team: string;
  user_id: number | null;
  name: string;
  members: number;
  kpis: Record<string, Figure>;
  stage_cycle?: { stage: string; stage_label: string; average_days: number; deals: number }[];
}
interface Report {
  fiscal_year: number;
  quarter: number | null;
  from: string;
  to: string;
  role: SalesRole;
  kpi_names: string[];
  teams: Row[];
  users: Row[];
}

/** The fiscal year (April–March) of today. */
function currentFiscalYear(): number {
  const d = new Date();
  return d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
}

function fmtFigure(name: string, f: Figure, prefs: Prefs): string {
  if (f.value === null) return '—';
  if (RATES.has(name)) return `${(f.value * 100).toFixed(1)}% (${f.numerator ?? 0}/${f.denominator ?? 0})`;
  if (MONEY.has(name)) return fmtMoney(f.value, prefs);
  if (DAYS.has(name)) return f.value.toFixed(1);
  if (name === 'health_score') return f.value.toFixed(0);
  if (name === 'connects') return `${f.value} / ${f.denominator ?? 0}`;
  return String(f.value);
}

function KpiTable({ rows, names, caption, team }: { rows: Row[]; names: string[]; caption: string; team: boolean }) {
  const t = useT();
  const { prefs } = usePrefs();
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{team ? t('team') : t('kpiName')}</th>
          {team ? <th scope="col" class="num">{t('kpiMembers')}</th> : <th scope="col">{t('team')}</th>}
          {names.map((n) => (
            <th scope="col" key={n} class="num">
              {t(`kpi_${n}` as MessageKey)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.team}-${r.user_id ?? 'team'}`} data-row={team ? 'team' : 'user'}>
            <th scope="row">{r.name}</th>
            {team ? <td class="num">{r.members}</td> : <td>{r.team}</td>}
            {names.map((n) => {
              const f = r.kpis[n];
              return (
                <td key={n} class="num">
                  {f ? fmtFigure(n, f, prefs) : '—'}
                  {f && f.attainment !== null && (
                    <div class="attain">
                      <meter
                        min={0}
                        max={1}
                        low={0.5}
                        high={0.9}
                        optimum={1}
                        value={Math.min(1, f.attainment)}
                        aria-label={`${t('kpiAttainment')} ${r.name} ${t(`kpi_${n}` as MessageKey)}`}
                      />
                      <small>
                        {t('kpiAttainment')} {(f.attainment * 100).toFixed(0)}%
                      </small>
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Kpis(_: { route: Route }) {
  const t = useT();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const managerLike = user.role === 'manager' || user.role === 'admin';
  const ownRole = (ROLES as readonly string[]).includes(user.role) ? (user.role as SalesRole) : 'field_sales';
  const [fy, setFy] = useState(currentFiscalYear());
  const [quarter, setQuarter] = useState(0);
  const [role, setRole] = useState<SalesRole>(ownRole);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    api<Report>('/api/kpis', { query: { fiscal_year: fy, quarter: quarter || undefined, role } })
      .then(setReport)
      .catch(setError);
  }, [fy, quarter, role]);
  const years = [fy - 2, fy - 1, fy, fy + 1].filter((y, i, a) => a.indexOf(y) === i);
  const thisYear = currentFiscalYear();
  for (const y of [thisYear - 2, thisYear - 1, thisYear, thisYear + 1]) if (!years.includes(y)) years.push(y);
  years.sort();
  const roles = managerLike ? ROLES : [ownRole];
  return (
    <section aria-labelledby="kpis-title">
      <div class="page-head">
        <h1 id="kpis-title">{t('kpis')}</h1>
        <div class="tools">
          <label>
            {t('kpiFiscalYear')}{' '}
            <select value={fy} onChange={(e) => setFy(Number((e.target as HTMLSelectElement).value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {fmtFiscalYear(y, prefs)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('kpiQuarter')}{' '}
            <select value={quarter} onChange={(e) => setQuarter(Number((e.target as HTMLSelectElement).value))}>
              <option value={0}>{t('kpiFullYear')}</option>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  Q{q}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div role="tablist" aria-label={t('kpiRoles')} class="tabs">
        {roles.map((r) => (
          <button
            key={r}
            type="button"
            role="tab"
            id={`kpi-tab-${r}`}
            aria-selected={r === role}
            aria-controls="kpi-panel"
            onClick={() => setRole(r)}
          >
            {label(ROLE_LABELS, r, prefs.lang)}
          </button>
        ))}
      </div>
      <ErrorBox error={error} />
      <div role="tabpanel" id="kpi-panel" aria-labelledby={`kpi-tab-${role}`}>
        {!report ? (
          <p aria-busy="true">{t('loading')}</p>
        ) : report.teams.length === 0 ? (
          <p class="muted">{t('kpiNoRows')}</p>
        ) : (
          <>
            <p class="muted">
              {report.from} – {report.to}
            </p>
            <KpiTable rows={report.teams} names={report.kpi_names} caption={t('kpiTeams')} team={true} />
            <KpiTable rows={report.users} names={report.kpi_names} caption={t('kpiPeople')} team={false} />
            {report.role === 'field_sales' && report.teams.some((r) => r.stage_cycle?.length) && (
              <section class="panel" aria-labelledby="kpi-stage-cycle">
                <h2 id="kpi-stage-cycle">{t('kpiStageCycle')}</h2>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('team')}</th>
                      {(report.teams[0].stage_cycle ?? []).map((s) => (
                        <th scope="col" class="num" key={s.stage}>
                          {s.stage_label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.teams.map((r) => (
                      <tr key={r.team}>
                        <th scope="row">{r.name}</th>
                        {(report.teams[0].stage_cycle ?? []).map((s) => {
                          const mine = r.stage_cycle?.find((x) => x.stage === s.stage);
                          return (
                            <td class="num" key={s.stage}>
                              {mine ? mine.average_days.toFixed(1) : '—'}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}
