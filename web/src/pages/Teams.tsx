// チーム・担当地域 / Teams and territories: each team with its members (absent today?),
// its territories, and the absences (leave) routing skips (docs/division-of-labour.md).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toast';
import { fmtDate } from '../format';
import { KIND_LABELS, label, pick, ROLE_LABELS } from '../i18n';
import { loadPeople, type Person } from '../people';
import { usePrefs } from '../prefs';
import { PREFECTURES } from '../refdata';
import type { Route } from '../router';
import { REGION_LABELS, type Absence, type Team, type Territory } from '../routing';
import { useSession } from '../session';

function territoryText(t: Territory, lang: 'ja' | 'en', people: Person[]): string {
  const parts: string[] = [];
  if (t.region) parts.push(label(REGION_LABELS, t.region, lang));
  if (t.prefecture_code) parts.push(PREFECTURES.find((p) => p[0] === t.prefecture_code)?.[lang === 'ja' ? 1 : 2] ?? t.prefecture_code);
  if (t.government_code) parts.push(t.government_code);
  if (t.government_kind) parts.push(label(KIND_LABELS, t.government_kind, lang));
  if (t.policy_domain) parts.push(t.policy_domain);
  if (t.user_id) parts.push(`${pick(lang, '担当', 'by')} ${people.find((p) => p.id === t.user_id)?.name ?? `#${t.user_id}`}`);
  return parts.length ? parts.join(' × ') : pick(lang, 'すべて', 'Everything');
}

export default function TeamsPage(_props: { route: Route }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const L = (ja: string, en: string) => pick(lang, ja, en);
  const { user } = useSession();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  const toast = useToast();
  const [teams, setTeams] = useState<Team[]>([]);
  const [absences, setAbsences] = useState<Absence[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [absence, setAbsence] = useState({ user_id: '', starts_on: '', ends_on: '', reason: '' });
  const [territory, setTerritory] = useState({ team_id: '', region: '', prefecture_code: '', government_kind: '', policy_domain: '' });

  const reload = () =>
    Promise.all([api<{ items: Team[] }>('/api/teams'), api<{ items: Absence[] }>('/api/absences')])
      .then(([t, a]) => {
        setTeams(t.items);
        setAbsences(a.items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => {
    reload();
    loadPeople().then(setPeople).catch(() => undefined);
  }, []);

  async function addAbsence(e: Event) {
    e.preventDefault();
    try {
      await api('/api/absences', { method: 'POST', body: { ...absence, user_id: Number(absence.user_id) } });
      setAbsence({ user_id: '', starts_on: '', ends_on: '', reason: '' });
      toast(L('不在を登録しました', 'Absence added'));
      await reload();
    } catch (err) {
      setError(err);
    }
  }
  async function removeAbsence(id: number) {
    try {
      await api(`/api/absences/${id}`, { method: 'DELETE' });
      await reload();
    } catch (err) {
      setError(err);
    }
  }
  async function addTerritory(e: Event) {
    e.preventDefault();
    try {
      await api('/api/territories', { method: 'POST', body: { ...territory, team_id: Number(territory.team_id) } });
      setTerritory({ team_id: '', region: '', prefecture_code: '', government_kind: '', policy_domain: '' });
      toast(L('担当地域を追加しました', 'Territory added'));
      await reload();
    } catch (err) {
      setError(err);
    }
  }
  async function removeTerritory(id: number) {
    try {
      await api(`/api/territories/${id}`, { method: 'DELETE' });
      await reload();
    } catch (err) {
      setError(err);
    }
  }
  const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);

  return (
    <article aria-labelledby="teams-title">
      <h1 id="teams-title">{L('チーム・担当地域', 'Teams and territories')}</h1>
      <ErrorBox error={error} />
      {teams.map((team) => (
        <section key={team.id} class="panel" aria-labelledby={`team-${team.id}`}>
          <h2 id={`team-${team.id}`}>{team.name}</h2>
          <p class="muted">
            {L('役割', 'Role')}: {team.role ? label(ROLE_LABELS, team.role, lang) : L('混成', 'Mixed')} · {L('マネージャー', 'Manager')}:{' '}
            {team.manager_name || '—'}
          </p>
          <table class="table" aria-label={`${team.name} ${L('メンバー', 'members')}`}>
            <thead>
              <tr>
                <th scope="col">{L('氏名', 'Name')}</th>
                <th scope="col">{L('役割', 'Role')}</th>
                <th scope="col">{L('状況', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{label(ROLE_LABELS, m.role, lang)}</td>
                  <td>{m.absent_today ? `${L('不在', 'Absent')}（${fmtDate(m.absent_until, prefs)}${L('まで', '')}）` : L('在席', 'Available')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{L('担当地域', 'Territories')}</h3>
          {team.territories.length === 0 ? (
            <p class="muted">{L('なし', 'None')}</p>
          ) : (
            <ul aria-label={`${team.name} ${L('担当地域', 'territories')}`}>
              {team.territories.map((t) => (
                <li key={t.id}>
                  {territoryText(t, lang, people)}{' '}
                  {canEdit && (
                    <button type="button" onClick={() => removeTerritory(t.id)} aria-label={`${L('削除', 'Delete')} ${territoryText(t, lang, people)}`}>
                      {L('削除', 'Delete')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {canEdit && (
        <section class="panel" aria-labelledby="territory-add">
          <h2 id="territory-add">{L('担当地域を追加', 'Add a territory')}</h2>
          <form class="filters" onSubmit={addTerritory}>
            <label>
              {L('チーム', 'Team')}
              <select required value={territory.team_id} onChange={input((v) => setTerritory({ ...territory, team_id: v }))}>
                <option value="">—</option>
                {teams.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('地方', 'Region')}
              <select value={territory.region} onChange={input((v) => setTerritory({ ...territory, region: v }))}>
                <option value="">{L('すべて', 'Any')}</option>
                {Object.keys(REGION_LABELS).map((r) => (
                  <option key={r} value={r}>
                    {label(REGION_LABELS, r, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('都道府県', 'Prefecture')}
              <select value={territory.prefecture_code} onChange={input((v) => setTerritory({ ...territory, prefecture_code: v }))}>
                <option value="">{L('すべて', 'Any')}</option>
                {PREFECTURES.map((p) => (
                  <option key={p[0]} value={p[0]}>
                    {lang === 'ja' ? p[1] : p[2]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('団体区分', 'Kind')}
              <select value={territory.government_kind} onChange={input((v) => setTerritory({ ...territory, government_kind: v }))}>
                <option value="">{L('すべて', 'Any')}</option>
                {Object.keys(KIND_LABELS).map((k) => (
                  <option key={k} value={k}>
                    {label(KIND_LABELS, k, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('政策分野', 'Policy domain')}
              <input value={territory.policy_domain} onInput={input((v) => setTerritory({ ...territory, policy_domain: v }))} placeholder="防災" />
            </label>
            <button type="submit">{L('担当地域を追加', 'Add territory')}</button>
          </form>
        </section>
      )}
      <section class="panel" aria-labelledby="absences-title">
        <h2 id="absences-title">{L('不在予定', 'Absences')}</h2>
        <table class="table" aria-label={L('不在予定', 'Absences')}>
          <thead>
            <tr>
              <th scope="col">{L('氏名', 'Name')}</th>
              <th scope="col">{L('開始', 'From')}</th>
              <th scope="col">{L('終了', 'To')}</th>
              <th scope="col">{L('理由', 'Reason')}</th>
              {canEdit && <th scope="col">{L('操作', 'Actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {absences.map((a) => (
              <tr key={a.id}>
                <td>{a.user_name}</td>
                <td>{fmtDate(a.starts_on, prefs)}</td>
                <td>{fmtDate(a.ends_on, prefs)}</td>
                <td>{a.reason}</td>
                {canEdit && (
                  <td>
                    <button type="button" onClick={() => removeAbsence(a.id)} aria-label={`${L('不在を削除', 'Remove absence')} ${a.user_name} ${a.starts_on}`}>
                      {L('削除', 'Delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit && (
          <form class="filters" aria-label={L('不在を登録', 'Add an absence')} onSubmit={addAbsence}>
            <label>
              {L('担当者', 'Person')}
              <select required value={absence.user_id} onChange={input((v) => setAbsence({ ...absence, user_id: v }))}>
                <option value="">—</option>
                {people.map((p) => (
                  <option key={p.id} value={String(p.id)}>
                    {p.name}（{p.team}）
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('開始日', 'From')}
              <input type="date" required value={absence.starts_on} onInput={input((v) => setAbsence({ ...absence, starts_on: v }))} />
            </label>
            <label>
              {L('終了日', 'To')}
              <input type="date" required value={absence.ends_on} onInput={input((v) => setAbsence({ ...absence, ends_on: v }))} />
            </label>
            <label>
              {L('理由', 'Reason')}
              <input value={absence.reason} onInput={input((v) => setAbsence({ ...absence, reason: v }))} />
            </label>
            <button type="submit">{L('不在を登録', 'Add absence')}</button>
          </form>
        )}
      </section>
    </article>
  );
}
