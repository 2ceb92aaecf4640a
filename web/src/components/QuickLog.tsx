// Quick activity log, reachable from anywhere ("L" or the header button): government
// by kana, deal and official of that government, type, date, notes; Ctrl+Enter saves.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Dialog } from './Dialog';
import { ErrorBox } from './ErrorBox';
import { GovernmentPicker, type GovernmentRef } from './GovernmentPicker';
import { ACTIVITY_LABELS, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { useSession } from '../session';
import { todayJst } from '../format';

export interface QuickLogPrefill {
  government?: GovernmentRef;
  dealId?: number;
}

export const QuickLogContext = createContext<(prefill?: QuickLogPrefill) => void>(() => {});

/** Opens the quick log, optionally for a government and deal. */
export function useQuickLog(): (prefill?: QuickLogPrefill) => void {
  return useContext(QuickLogContext);
}

interface DealOption {
  id: number;
  title: string;
  stage_label: string;
}
interface OfficialOption {
  id: number;
  name: string;
  title: string;
  department: string;
}

interface Props {
  open: boolean;
  prefill: QuickLogPrefill;
  onClose: () => void;
  onLogged: (message: string) => void;
}

export function QuickLog({ open, prefill, onClose, onLogged }: Props) {
  const t = useT();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const [gov, setGov] = useState<GovernmentRef | null>(null);
  const [deals, setDeals] = useState<DealOption[]>([]);
  const [officials, setOfficials] = useState<OfficialOption[]>([]);
  const [dealId, setDealId] = useState('');
  const [officialId, setOfficialId] = useState('');
  const [type, setType] = useState('visit');
  const [date, setDate] = useState(todayJst());
  const [notes, setNotes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setGov(prefill.government ?? null);
    setDealId(prefill.dealId ? String(prefill.dealId) : '');
    setOfficialId('');
    setType('visit');
    setDate(todayJst());
    setNotes('');
    setOutcome('');
    setError(null);
  }, [open]);

  useEffect(() => {
    setDeals([]);
    setOfficials([]);
    if (!gov) return;
    let live = true;
    api<{ items: DealOption[] }>('/api/deals', { query: { government: gov.code, status: 'open', limit: 100 } })
      .then((r) => live && setDeals(r.items))
      .catch(() => {});
    api<{ items: OfficialOption[] }>('/api/officials', { query: { government: gov.code, limit: 200 } })
      .then((r) => live && setOfficials(r.items))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [gov?.code]);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!gov) {
      setError(new Error(`${t('government')}: ${t('required')}`));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        type,
        occurred_on: date,
        government_code: gov.code,
        user_id: user.user_id,
      };
      if (dealId) body.deal_id = Number(dealId);
      if (officialId) body.official_id = Number(officialId);
      if (notes.trim()) body.notes = notes.trim();
      if (outcome.trim()) body.outcome = outcome.trim();
      await api('/api/activities', { method: 'POST', body });
      window.dispatchEvent(new Event('kyoso:activity-logged'));
      onLogged(`${t('logged')}: ${gov.name} ${ACTIVITY_LABELS[type][prefs.lang === 'ja' ? 0 : 1]}`);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('quickLog')} open={open} onClose={onClose}>
      <form
        class="form"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      >
        <label for="ql-gov">{t('government')}</label>
        <GovernmentPicker id="ql-gov" value={gov} onChange={setGov} required autoFocus={!prefill.government} />
        <label for="ql-type">{t('type')}</label>
        <select id="ql-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
          {Object.entries(ACTIVITY_LABELS).map(([slug, l]) => (
            <option key={slug} value={slug}>
              {l[prefs.lang === 'ja' ? 0 : 1]}
            </option>
          ))}
        </select>
        <label for="ql-date">{t('date')}</label>
        <input id="ql-date" type="date" required value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        <label for="ql-deal">{t('deal')}</label>
        <select id="ql-deal" value={dealId} onChange={(e) => setDealId((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {deals.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.title}（{d.stage_label}）
            </option>
          ))}
          {dealId && !deals.some((d) => String(d.id) === dealId) && <option value={dealId}>#{dealId}</option>}
        </select>
        <label for="ql-official">{t('official')}</label>
        <select id="ql-official" value={officialId} onChange={(e) => setOfficialId((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {officials.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name} {o.department} {o.title}
            </option>
          ))}
        </select>
        <label for="ql-notes">{t('notes')}</label>
        <textarea id="ql-notes" rows={4} value={notes} onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)} />
        <label for="ql-outcome">{t('outcome')}</label>
        <input id="ql-outcome" type="text" value={outcome} onInput={(e) => setOutcome((e.target as HTMLInputElement).value)} />
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t('save')} <kbd>Ctrl+Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
