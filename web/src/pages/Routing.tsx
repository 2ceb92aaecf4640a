// ルーティング / Lead routing: the ordered rules (conditions in Japanese, team, strategy),
// add/edit/delete/reorder for managers, and a simulator that shows who a lead would get
// and why, without writing anything (docs/division-of-labour.md, "Lead routing").
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { KIND_LABELS, label, pick } from '../i18n';
import { loadPeople, type Person } from '../people';
import { usePrefs } from '../prefs';
import { loadProducts, type Product } from '../refdata';
import type { Route } from '../router';
import { BAND_LABELS, REGION_LABELS, SOURCE_LABELS, STRATEGY_LABELS, type Rule, type Team } from '../routing';
import { useSession } from '../session';

interface Draft {
  id: number | null;
  name: string;
  team_id: string;
  strategy: string;
  owner_id: string;
  reroute: string;
  active: boolean;
  sources: string[];
  government_kinds: string[];
  regions: string[];
  population_bands: string[];
  policy_domains: string;
}

const EMPTY: Draft = {
  id: null,
  name: '',
  team_id: '',
  strategy: 'round_robin',
  owner_id: '',
  reroute: '3',
  active: true,
  sources: [],
  government_kinds: [],
  regions: [],
  population_bands: [],
  policy_domains: '',
};

interface Simulation {
  user_id: number | null;
  user_name: string;
  rule_id: number | null;
  rule_name: string;
  reason: string;
  skipped_absent_names: string[];
}

function toggle(list: string[], v: string): string[] {
  return list.includes(v) ? list.filter((x) => x !== v) : list.concat(v);
}

export default function RoutingPage(_props: { route: Route }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const L = (ja: string, en: string) => pick(lang, ja, en);
  const { user } = useSession();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  const [rules, setRules] = useState<Rule[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [sim, setSim] = useState({ source: 'inquiry', government_code: '', product_id: '', on: '' });
  const [result, setResult] = useState<Simulation | null>(null);

  const reload = () =>
    api<{ items: Rule[] }>('/api/routing-rules')
      .then((r) => {
        setRules(r.items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => {
    reload();
    api<{ items: Team[] }>('/api/teams').then((r) => setTeams(r.items)).catch(setError);
    loadPeople().then(setPeople).catch(() => undefined);
    loadProducts().then(setProducts).catch(() => undefined);
  }, []);

  function edit(r: Rule) {
    setDraft({
      id: r.id,
      name: r.name,
      team_id: String(r.team_id),
      strategy: r.strategy,
      owner_id: r.owner_id ? String(r.owner_id) : '',
      reroute: String(r.reroute_after_business_days),
      active: r.active,
      sources: r.conditions.sources,
      government_kinds: r.conditions.government_kinds,
      regions: r.conditions.regions,
      population_bands: r.conditions.population_bands,
      policy_domains: r.conditions.policy_domains.join('、'),
    });
  }

  async function save(e: Event) {
    e.preventDefault();
    const body = {
      name: draft.name,
      team_id: Number(draft.team_id),
      strategy: draft.strategy,
      owner_id: draft.owner_id ? Number(draft.owner_id) : null,
      reroute_after_business_days: Number(draft.reroute),
      active: draft.active,
      conditions: {
        sources: draft.sources,
        government_kinds: draft.government_kinds,
        regions: draft.regions,
        population_bands: draft.population_bands,
        policy_domains: draft.policy_domains.split(/[、,\s]+/).filter((s) => s),
      },
    };
    try {
      if (draft.id) await api(`/api/routing-rules/${draft.id}`, { method: 'PATCH', body });
      else await api('/api/routing-rules', { method: 'POST', body });
      setDraft(EMPTY);
      await reload();
    } catch (err) {
      setError(err);
    }
  }

  async function remove(r: Rule) {
    try {
      await api(`/api/routing-rules/${r.id}`, { method: 'DELETE' });
      await reload();
    } catch (err) {
      setError(err);
    }
  }

  async function move(index: number, by: number) {
    const ids = rules.map((r) => r.id);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    try {
      const r = await api<{ items: Rule[] }>('/api/routing-rules/reorder', { method: 'POST', body: { rule_ids: ids } });
      setRules(r.items);
    } catch (err) {
      setError(err);
    }
  }

  async function simulate(e: Event) {
    e.preventDefault();
    try {
      const r = await api<Simulation>('/api/routing/simulate', {
        method: 'POST',
        body: { source: sim.source, government_code: sim.government_code.trim(), product_id: sim.product_id ? Number(sim.product_id) : null, on: sim.on || null },
      });
      setResult(r);
      setError(null);
    } catch (err) {
      setResult(null);
      setError(err);
    }
  }

  const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  const checks = (legend: string, table: Record<string, [string, string]>, value: string[], set: (v: string[]) => void) => (
    <fieldset>
      <legend>{legend}</legend>
      {Object.keys(table).map((k) => (
        <label key={k} class="check" style={{ display: 'inline-flex', alignItems: 'center', gap: '0.25em', marginRight: '1em' }}>
          <input type="checkbox" checked={value.includes(k)} onChange={() => set(toggle(value, k))} />
          {label(table, k, lang)}
        </label>
      ))}
    </fieldset>
  );

  return (
    <article aria-labelledby="routing-title">
      <h1 id="routing-title">{L('ルーティング', 'Lead routing')}</h1>
      <p class="muted">
        {L(
          '上から順に条件を照合し、最初に一致したルールのチームへ割り当てます。不在のメンバーは飛ばします。',
          'Rules are checked top to bottom; the first match assigns the lead to its team. Absent members are skipped.',
        )}
      </p>
      <ErrorBox error={error} />
      <table class="table" aria-label={L('ルーティングルール', 'Routing rules')}>
        <thead>
          <tr>
            <th scope="col">{L('順位', 'Order')}</th>
            <th scope="col">{L('名前', 'Name')}</th>
            <th scope="col">{L('条件', 'Conditions')}</th>
            <th scope="col">{L('振り分け先', 'Team')}</th>
            <th scope="col">{L('方式', 'Strategy')}</th>
            <th scope="col">{L('再割当', 'Re-route after')}</th>
            {canEdit && <th scope="col">{L('操作', 'Actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={r.id}>
              <td>{r.position}</td>
              <td>
                {r.name}
                {!r.active && `（${L('無効', 'inactive')}）`}
              </td>
              <td>{r.conditions_ja}</td>
              <td>{r.team_name}</td>
              <td>
                {label(STRATEGY_LABELS, r.strategy, lang)}
                {r.owner_name && `（${r.owner_name}）`}
              </td>
              <td>
                {r.reroute_after_business_days}
                {L('営業日', ' business days')}
              </td>
              {canEdit && (
                <td>
                  <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${r.name} ${L('を上へ', 'up')}`}>
                    ↑
                  </button>
                  <button type="button" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={`${r.name} ${L('を下へ', 'down')}`}>
                    ↓
                  </button>
                  <button type="button" onClick={() => edit(r)} aria-label={`${r.name} ${L('を編集', 'edit')}`}>
                    {L('編集', 'Edit')}
                  </button>
                  <button type="button" onClick={() => remove(r)} aria-label={`${r.name} ${L('を削除', 'delete')}`}>
                    {L('削除', 'Delete')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {canEdit && (
        <section class="panel" aria-labelledby="rule-form-title">
          <h2 id="rule-form-title">{draft.id ? L('ルールを編集', 'Edit rule') : L('ルールを追加', 'Add a rule')}</h2>
          <form class="rule-form" onSubmit={save}>
            <label>
              {L('ルール名', 'Rule name')}
              <input required value={draft.name} onInput={input((v) => setDraft({ ...draft, name: v }))} />
            </label>
            <label>
              {L('振り分け先チーム', 'Team')}
              <select required value={draft.team_id} onChange={input((v) => setDraft({ ...draft, team_id: v }))}>
                <option value="">—</option>
                {teams.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {L('方式', 'Strategy')}
              <select value={draft.strategy} onChange={input((v) => setDraft({ ...draft, strategy: v }))}>
                {Object.keys(STRATEGY_LABELS).map((s) => (
                  <option key={s} value={s}>
                    {label(STRATEGY_LABELS, s, lang)}
                  </option>
                ))}
              </select>
            </label>
            {draft.strategy === 'named_owner' && (
              <label>
                {L('指名担当者', 'Named owner')}
                <select required value={draft.owner_id} onChange={input((v) => setDraft({ ...draft, owner_id: v }))}>
                  <option value="">—</option>
                  {people.map((p) => (
                    <option key={p.id} value={String(p.id)}>
                      {p.name}（{p.team}）
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {L('再割当までの営業日', 'Re-route after (business days)')}
              <input type="number" min="0" max="60" value={draft.reroute} onInput={input((v) => setDraft({ ...draft, reroute: v }))} />
            </label>
            <label class="check">
              <input type="checkbox" checked={draft.active} onChange={() => setDraft({ ...draft, active: !draft.active })} />
              {L('有効', 'Active')}
            </label>
            {checks(L('リードの発生源', 'Lead source'), SOURCE_LABELS, draft.sources, (v) => setDraft({ ...draft, sources: v }))}
            {checks(L('団体区分', 'Government kind'), KIND_LABELS, draft.government_kinds, (v) => setDraft({ ...draft, government_kinds: v }))}
            {checks(L('地方', 'Region'), REGION_LABELS, draft.regions, (v) => setDraft({ ...draft, regions: v }))}
            {checks(L('人口規模', 'Population'), BAND_LABELS, draft.population_bands, (v) => setDraft({ ...draft, population_bands: v }))}
            <label>
              {L('政策分野（読点区切り）', 'Policy domains (comma separated)')}
              <input value={draft.policy_domains} onInput={input((v) => setDraft({ ...draft, policy_domains: v }))} placeholder="防災、子育て" />
            </label>
            <div>
              <button type="submit" class="primary">
                {L('ルールを保存', 'Save rule')}
              </button>
              {draft.id && (
                <button type="button" onClick={() => setDraft(EMPTY)}>
                  {L('取り消し', 'Cancel')}
                </button>
              )}
            </div>
          </form>
        </section>
      )}

      <section class="panel" aria-labelledby="simulator-title">
        <h2 id="simulator-title">{L('シミュレーション', 'Simulator')}</h2>
        <form class="filters" onSubmit={simulate}>
          <label>
            {L('発生源', 'Source')}
            <select value={sim.source} onChange={input((v) => setSim({ ...sim, source: v }))}>
              {Object.keys(SOURCE_LABELS).map((s) => (
                <option key={s} value={s}>
                  {label(SOURCE_LABELS, s, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {L('団体コード', 'Government code')}
            <input required value={sim.government_code} onInput={input((v) => setSim({ ...sim, government_code: v }))} placeholder="133086" />
          </label>
          <label>
            {L('製品', 'Product')}
            <select value={sim.product_id} onChange={input((v) => setSim({ ...sim, product_id: v }))}>
              <option value="">—</option>
              {products.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {L('日付', 'Date')}
            <input type="date" value={sim.on} onInput={input((v) => setSim({ ...sim, on: v }))} />
          </label>
          <button type="submit">{L('振り分けを試す', 'Simulate')}</button>
        </form>
        <div role="status" aria-label={L('振り分け結果', 'Routing result')} aria-live="polite">
          {result && (
            <dl>
              <dt>{L('担当者', 'Assignee')}</dt>
              <dd>{result.user_id ? result.user_name : L('未割当', 'Unassigned')}</dd>
              <dt>{L('理由', 'Reason')}</dt>
              <dd>{result.reason}</dd>
              {result.skipped_absent_names.length > 0 && (
                <>
                  <dt>{L('不在のため除外', 'Skipped (absent)')}</dt>
                  <dd>{result.skipped_absent_names.join('、')}</dd>
                </>
              )}
            </dl>
          )}
        </div>
      </section>
    </article>
  );
}
