// シーケンス: the cadences (list), one cadence's step editor with A/B fields, its
// enrolments with status and outcome, and the variant comparison A vs B.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toast';
import {
  type Cadence,
  type CadenceStep,
  type Enrolment,
  ENROLMENT_STATUS_LABELS,
  OUTCOME_LABELS,
  OUTCOMES,
  STEP_KIND_LABELS,
  type StepKind,
  useCadenceT,
  type VariantStats,
} from '../cadence';
import { label } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';

function useCanManage(): boolean {
  const { user } = useSession();
  return user.role === 'admin' || user.role === 'manager';
}

function emptyStep(position: number, kind: StepKind = 'call'): CadenceStep {
  return {
    position,
    kind,
    wait_business_days: kind === 'wait' ? 2 : 0,
    title: '',
    template: '',
    variant_b_kind: null,
    variant_b_title: null,
    variant_b_template: null,
  };
}

// The editor of a cadence's fields and steps; `initial` null = a new cadence.
function CadenceEditor({ initial, onSaved }: { initial: Cadence | null; onSaved: (c: Cadence) => void }) {
  const c = useCadenceT();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [target, setTarget] = useState<'lead' | 'official'>(initial?.target ?? 'lead');
  const [team, setTeam] = useState(initial?.owner_team ?? '');
  const [active, setActive] = useState(initial?.active ?? true);
  const [steps, setSteps] = useState<CadenceStep[]>(initial?.steps ?? [emptyStep(1)]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const locked = (initial?.enrolments ?? 0) > 0; // the shape is fixed once enrolled

  const edit = (i: number, patch: Partial<CadenceStep>) =>
    setSteps((old) => old.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        name,
        description,
        target,
        owner_team: team,
        active,
        steps: steps.map((s, i) => ({
          position: i + 1,
          kind: s.kind,
          wait_business_days: Number(s.wait_business_days) || 0,
          title: s.title,
          template: s.template,
          variant_b_kind: s.kind !== 'wait' && s.variant_b_kind ? s.variant_b_kind : null,
          variant_b_title: s.kind !== 'wait' && s.variant_b_kind ? s.variant_b_title ?? '' : null,
          variant_b_template: s.kind !== 'wait' && s.variant_b_kind ? s.variant_b_template ?? '' : null,
        })),
      };
      const saved = initial
        ? await api<Cadence>(`/api/cadences/${initial.id}`, { method: 'PATCH', body })
        : await api<Cadence>('/api/cadences', { method: 'POST', body });
      toast(`${c('saved')}: ${saved.name}`);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const kindOptions = (kinds: StepKind[]) =>
    kinds.map((k) => (
      <option key={k} value={k}>
        {label(STEP_KIND_LABELS, k, prefs.lang)}
      </option>
    ));
  return (
    <form class="panel cadence-editor" aria-label={initial ? c('steps') : c('newCadence')} onSubmit={save}>
      <label>
        {c('cadenceName')}
        <input value={name} required onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {c('description')}
        <textarea value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label>
        {c('target')}
        <select value={target} disabled={locked} onChange={(e) => setTarget((e.target as HTMLSelectElement).value as 'lead' | 'official')}>
          <option value="lead">{c('targetLead')}</option>
          <option value="official">{c('targetOfficial')}</option>
        </select>
      </label>
      <label>
        {c('ownerTeam')}
        <input value={team} onInput={(e) => setTeam((e.target as HTMLInputElement).value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive((e.target as HTMLInputElement).checked)} /> {c('active')}
      </label>
      {steps.map((s, i) => (
        <fieldset key={i} class="step">
          <legend>
            {c('step')} {i + 1}
          </legend>
          <label>
            {c('kind')}
            <select value={s.kind} disabled={locked} onChange={(e) => edit(i, { kind: (e.target as HTMLSelectElement).value as StepKind })}>
              {kindOptions(['call', 'email', 'visit', 'wait'])}
            </select>
          </label>
          <label>
            {s.kind === 'wait' ? c('waitDays') : c('delayDays')}
            <input
              type="number"
              min={0}
              max={60}
              disabled={locked}
              value={s.wait_business_days}
              onInput={(e) => edit(i, { wait_business_days: Number((e.target as HTMLInputElement).value) })}
            />
          </label>
          {s.kind !== 'wait' && (
            <>
              <label>
                {c('stepTitle')}
                <input value={s.title} onInput={(e) => edit(i, { title: (e.target as HTMLInputElement).value })} />
              </label>
              <label>
                {c('stepTemplate')}
                <textarea value={s.template} onInput={(e) => edit(i, { template: (e.target as HTMLTextAreaElement).value })} />
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  disabled={locked}
                  checked={!!s.variant_b_kind}
                  onChange={(e) =>
                    edit(i, (e.target as HTMLInputElement).checked ? { variant_b_kind: s.kind, variant_b_title: '', variant_b_template: '' } : { variant_b_kind: null })
                  }
                />{' '}
                {c('hasB')}
              </label>
              {s.variant_b_kind && (
                <div class="variant-b">
                  <label>
                    {c('bKind')}
                    <select value={s.variant_b_kind} disabled={locked} onChange={(e) => edit(i, { variant_b_kind: (e.target as HTMLSelectElement).value as StepKind })}>
                      {kindOptions(['call', 'email', 'visit'])}
                    </select>
                  </label>
                  <label>
                    {c('bTitle')}
                    <input value={s.variant_b_title ?? ''} onInput={(e) => edit(i, { variant_b_title: (e.target as HTMLInputElement).value })} />
                  </label>
                  <label>
                    {c('bTemplate')}
                    <textarea value={s.variant_b_template ?? ''} onInput={(e) => edit(i, { variant_b_template: (e.target as HTMLTextAreaElement).value })} />
                  </label>
                </div>
              )}
            </>
          )}
          {!locked && steps.length > 1 && (
            <button type="button" onClick={() => setSteps((old) => old.filter((_, j) => j !== i))}>
              {c('removeStep')}
            </button>
          )}
        </fieldset>
      ))}
      {!locked && (
        <button type="button" onClick={() => setSteps((old) => [...old, emptyStep(old.length + 1)])}>
          {c('addStep')}
        </button>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {initial ? c('save') : c('create')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function Comparison({ id, version }: { id: number; version: number }) {
  const c = useCadenceT();
  const { prefs } = usePrefs();
  const [stats, setStats] = useState<VariantStats[] | null>(null);
  useEffect(() => {
    api<{ variants: VariantStats[] }>(`/api/cadences/${id}/variants`)
      .then((r) => setStats(r.variants))
      .catch(() => setStats([]));
  }, [id, version]);
  if (!stats) return <p aria-busy="true">…</p>;
  const row = (name: string, value: (v: VariantStats) => string | number) => (
    <tr key={name}>
      <th scope="row">{name}</th>
      {stats.map((v) => (
        <td key={v.variant} class="num">
          {value(v)}
        </td>
      ))}
    </tr>
  );
  return (
    <table class="table comparison">
      <caption>{c('comparisonCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{c('variant')}</th>
          {stats.map((v) => (
            <th key={v.variant} scope="col" class="num">
              {v.variant}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row(c('enrolmentCount'), (v) => v.enrolled)}
        {row(c('activeCount'), (v) => v.active)}
        {row(label(ENROLMENT_STATUS_LABELS, 'completed', prefs.lang), (v) => v.completed)}
        {row(label(ENROLMENT_STATUS_LABELS, 'stopped', prefs.lang), (v) => v.stopped)}
        {OUTCOMES.map((o) => row(label(OUTCOME_LABELS, o, prefs.lang), (v) => v.outcomes[o] ?? 0))}
        {row(c('meetingRate'), (v) => `${pct(v.meeting_rate)}（${v.meetings}/${v.enrolled}）`)}
      </tbody>
    </table>
  );
}

function EnrolmentRow({ e, onChanged }: { e: Enrolment; onChanged: () => void }) {
  const c = useCadenceT();
  const { prefs } = usePrefs();
  const [outcome, setOutcome] = useState('meeting_set');
  const [error, setError] = useState<unknown>(null);
  const record = async () => {
    try {
      await api(`/api/enrolments/${e.id}/outcome`, { method: 'POST', body: { outcome } });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <tr>
      <td>
        {e.lead_id ? (
          <a href={href(`/leads/${e.lead_id}`)}>{e.lead_title ?? `#${e.lead_id}`}</a>
        ) : (
          <a href={href(`/officials/${e.official_id}`)}>{e.official_name ?? `#${e.official_id}`}</a>
        )}
        {e.government_name && <div class="muted">{e.government_name}</div>}
      </td>
      <td>{e.user_name}</td>
      <td>{e.variant}</td>
      <td>{fmtDate(e.started_on, prefs)}</td>
      <td>{label(ENROLMENT_STATUS_LABELS, e.status, prefs.lang)}</td>
      <td>
        {e.outcome ? (
          label(OUTCOME_LABELS, e.outcome, prefs.lang)
        ) : e.status !== 'stopped' ? (
          <span class="inline">
            <select aria-label={`${c('outcome')} ${e.id}`} value={outcome} onChange={(ev) => setOutcome((ev.target as HTMLSelectElement).value)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {label(OUTCOME_LABELS, o, prefs.lang)}
                </option>
              ))}
            </select>
            <button type="button" onClick={record}>
              {c('record')}
            </button>
          </span>
        ) : (
          '—'
        )}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}

function CadenceDetail({ id }: { id: number }) {
  const c = useCadenceT();
  const { prefs } = usePrefs();
  const canManage = useCanManage();
  const [cadence, setCadence] = useState<Cadence | null>(null);
  const [enrolments, setEnrolments] = useState<Enrolment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api<Cadence>(`/api/cadences/${id}`).then(setCadence).catch(setError);
    api<{ items: Enrolment[] }>(`/api/cadences/${id}/enrolments`, { query: { limit: 200 } })
      .then((r) => setEnrolments(r.items))
      .catch(setError);
  }, [id, version]);
  if (error) return <ErrorBox error={error} />;
  if (!cadence) return <p aria-busy="true">…</p>;
  return (
    <article aria-labelledby="cadence-title">
      <div class="page-head">
        <h1 id="cadence-title">{cadence.name}</h1>
        <a href={href('/cadences')}>{c('backToList')}</a>
      </div>
      {cadence.description && <p>{cadence.description}</p>}
      <section aria-labelledby="cadence-comparison">
        <h2 id="cadence-comparison">{c('comparison')}</h2>
        <Comparison id={id} version={version} />
      </section>
      <section aria-labelledby="cadence-steps">
        <h2 id="cadence-steps">{c('steps')}</h2>
        {canManage ? (
          <CadenceEditor key={version} initial={cadence} onSaved={() => setVersion((v) => v + 1)} />
        ) : (
          <ol>
            {(cadence.steps ?? []).map((s) => (
              <li key={s.position}>
                {label(STEP_KIND_LABELS, s.kind, prefs.lang)}
                {s.kind === 'wait' ? ` ${s.wait_business_days}` : `: ${s.title}`}
                {s.variant_b_kind && ` ／ B: ${s.variant_b_title}`}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="cadence-enrolments">
        <h2 id="cadence-enrolments">{c('enrolments')}</h2>
        {enrolments === null ? (
          <p aria-busy="true">…</p>
        ) : enrolments.length === 0 ? (
          <p class="muted">{c('none')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{c('subject')}</th>
                <th scope="col">{c('user')}</th>
                <th scope="col">{c('variant')}</th>
                <th scope="col">{c('startedOn')}</th>
                <th scope="col">{c('status')}</th>
                <th scope="col">{c('outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <EnrolmentRow key={e.id} e={e} onChanged={() => setVersion((v) => v + 1)} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

export default function Cadences({ route }: { route: Route }) {
  const c = useCadenceT();
  const canManage = useCanManage();
  const [list, setList] = useState<Cadence[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const detail = route.parts[1];
  useEffect(() => {
    if (detail) return;
    api<{ items: Cadence[] }>('/api/cadences').then((r) => setList(r.items)).catch(setError);
  }, [detail]);
  if (detail) return <CadenceDetail key={detail} id={Number(detail)} />;
  return (
    <section aria-labelledby="cadences-title">
      <div class="page-head">
        <h1 id="cadences-title">{c('cadences')}</h1>
        {canManage && !creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {c('newCadence')}
          </button>
        )}
      </div>
      <p class="muted">{c('cadencesLead')}</p>
      <ErrorBox error={error} />
      {creating && <CadenceEditor initial={null} onSaved={(saved) => navigate(`/cadences/${saved.id}`)} />}
      {list === null ? (
        <p aria-busy="true">…</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{c('cadenceName')}</th>
              <th scope="col">{c('target')}</th>
              <th scope="col" class="num">{c('steps')}</th>
              <th scope="col" class="num">{c('activeCount')}</th>
              <th scope="col" class="num">{c('enrolmentCount')}</th>
              <th scope="col">{c('active')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.id}>
                <td>
                  <a href={href(`/cadences/${x.id}`)}>{x.name}</a>
                  {x.owner_team && <div class="muted">{x.owner_team}</div>}
                </td>
                <td>{x.target === 'lead' ? c('targetLead') : c('targetOfficial')}</td>
                <td class="num">{x.step_count}</td>
                <td class="num">{x.active_enrolments}</td>
                <td class="num">{x.enrolments}</td>
                <td>{x.active ? '✔' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
