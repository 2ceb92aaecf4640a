// "シーケンスに登録": enrols a lead or an official in an active cadence of that target,
// for the record's owner (default), the caller, with an automatic or chosen variant.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from './ErrorBox';
import { type Cadence, type Enrolment, useCadenceT } from '../cadence';
import { href } from '../router';
import { useSession } from '../session';

export function EnrolAction({ target, id }: { target: 'lead' | 'official'; id: number }) {
  const c = useCadenceT();
  const [open, setOpen] = useState(false);
  const [cadences, setCadences] = useState<Cadence[] | null>(null);
  const [cadence, setCadence] = useState('');
  const [who, setWho] = useState<'default' | 'me'>('default');
  const [variant, setVariant] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Enrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const me = useSession().user.user_id;

  useEffect(() => {
    if (!open || cadences) return;
    api<{ items: Cadence[] }>('/api/cadences')
      .then((r) => {
        const usable = r.items.filter((x) => x.active && x.target === target);
        setCadences(usable);
        if (usable.length) setCadence(String(usable[0].id));
      })
      .catch(setError);
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = target === 'lead' ? { lead_id: id } : { official_id: id };
      if (who === 'me') body.user_id = me;
      if (variant) body.variant = variant;
      setDone(await api<Enrolment>(`/api/cadences/${cadence}/enrolments`, { method: 'POST', body }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {c('enrol')}
      </button>
    );
  }
  return (
    <form class="panel" aria-label={c('enrol')} onSubmit={submit}>
      <h2>{c('enrol')}</h2>
      {cadences && cadences.length === 0 && <p class="muted">{c('noCadence')}</p>}
      <label>
        {c('cadences')}
        <select value={cadence} onChange={(e) => setCadence((e.target as HTMLSelectElement).value)}>
          {(cadences ?? []).map((x) => (
            <option key={x.id} value={String(x.id)}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {c('enrolUser')}
        <select value={who} onChange={(e) => setWho((e.target as HTMLSelectElement).value as 'default' | 'me')}>
          <option value="default">{c('enrolUserDefault')}</option>
          <option value="me">{c('enrolUserMe')}</option>
        </select>
      </label>
      <label>
        {c('variant')}
        <select value={variant} onChange={(e) => setVariant((e.target as HTMLSelectElement).value)}>
          <option value="">{c('variantAuto')}</option>
          <option value="A">A</option>
          <option value="B">B</option>
        </select>
      </label>
      <button type="submit" class="primary" disabled={busy || !cadence}>
        {c('enrolSubmit')}
      </button>
      <ErrorBox error={error} />
      {done && (
        <p role="status">
          {c('enrolled')}: <a href={href(`/cadences/${done.cadence_id}`)}>{done.cadence_name}</a>（{c('variant')} {done.variant}）
        </p>
      )}
    </form>
  );
}
