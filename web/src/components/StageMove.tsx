// Moving a deal to another stage asks for the evidence that stage needs
// (docs/pipeline.md); the server checks it and names whatever is missing.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Dialog } from './Dialog';
import { ErrorBox } from './ErrorBox';
import { pick, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { useSession } from '../session';
import type { StageDef } from '../stages';

export interface MovableDeal {
  id: number;
  title: string;
  stage: string;
  government_name?: string;
}

interface Props {
  deal: MovableDeal | null;
  target: string | null;
  stages: StageDef[];
  onClose: () => void;
  onMoved: (message: string) => void;
}

const FIELD_LABELS: Record<string, [string, string]> = {
  note: ['メモ（根拠）', 'Note (evidence)'],
  lost_reason: ['失注理由', 'Reason lost'],
  competitor: ['落札者（競合）', 'Winning competitor'],
  award_amount: ['落札額・受注額（円）', 'Award amount (yen)'],
  budget_amount: ['予算額（円）', 'Budget amount (yen)'],
  notice_url: ['公告のURL', 'Tender notice URL'],
};

export function StageMove({ deal, target, stages, onClose, onMoved }: Props) {
  const t = useT();
  const { prefs } = usePrefs();
  const { user } = useSession();
  const [to, setTo] = useState(target ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setTo(target ?? '');
    setValues({});
    setError(null);
  }, [deal?.id, target]);

  const from = stages.find((s) => s.stage === deal?.stage);
  const def = stages.find((s) => s.stage === to);
  const choices = stages.filter((s) => from?.next.includes(s.stage));
  const stageLabel = (s: StageDef) => pick(prefs.lang, s.label_ja, s.label_en);
  const fields = def ? def.evidence.flatMap((e) => (e.input === 'none' ? [] : e.fields.map((f) => ({ f, input: e.input })))) : [];
  const activityEvidence = def ? def.evidence.filter((e) => e.input === 'none') : [];

  return (
    <Dialog title={`${t('moveDeal')}: ${deal?.title ?? ''}`} open={!!deal} onClose={onClose}>
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!deal || !to) return;
          setBusy(true);
          try {
            const body: Record<string, unknown> = { to, actor_id: user.user_id };
            for (const { f, input } of fields) {
              const v = (values[f] ?? '').trim();
              if (!v) continue;
              body[f] = input === 'amount' ? Number(v.replace(/[,，]/g, '')) : v;
            }
            await api(`/api/deals/${deal.id}/stage`, { method: 'POST', body });
            onMoved(`${t('moved')}: ${deal.title} → ${def ? stageLabel(def) : to}`);
            onClose();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="move-to">{t('moveTo')}</label>
        <select id="move-to" value={to} required onChange={(e) => { setTo((e.target as HTMLSelectElement).value); setError(null); }}>
          <option value="">—</option>
          {choices.map((s) => (
            <option key={s.stage} value={s.stage}>
              {stageLabel(s)}
            </option>
          ))}
          {to && !choices.some((s) => s.stage === to) && def && <option value={to}>{stageLabel(def)}</option>}
        </select>
        {def && (def.evidence.length > 0) && (
          <fieldset>
            <legend>{t('evidenceNeeded')}</legend>
            {activityEvidence.map((e) => (
              <p key={e.kind} class="hint">
                {pick(prefs.lang, e.label_ja, e.label_en)} — {t('evidenceActivity')}
              </p>
            ))}
            {fields.map(({ f, input }) => (
              <div class="field" key={f}>
                <label for={`ev-${f}`}>{pick(prefs.lang, ...(FIELD_LABELS[f] ?? [f, f]))}</label>
                {input === 'text' && f === 'note' ? (
                  <textarea id={`ev-${f}`} rows={3} value={values[f] ?? ''} onInput={(ev) => setValues({ ...values, [f]: (ev.target as HTMLTextAreaElement).value })} />
                ) : (
                  <input
                    id={`ev-${f}`}
                    type={input === 'amount' ? 'number' : input === 'url' ? 'url' : 'text'}
                    min={input === 'amount' ? 0 : undefined}
                    value={values[f] ?? ''}
                    onInput={(ev) => setValues({ ...values, [f]: (ev.target as HTMLInputElement).value })}
                  />
                )}
              </div>
            ))}
          </fieldset>
        )}
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy || !to}>
            {t('move')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
