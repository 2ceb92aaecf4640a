// 引き継ぎ / Hand-offs (docs/division-of-labour.md, "Hand-offs and SLAs"): the inbox
// with tabs 受信 / 送信 / チーム and each SLA countdown in business days, one hand-off
// with its checklist (accept, return with a reason, cancel), the 引き継ぐ form
// (#/handoffs?lead=ID or ?deal=ID opens it for that lead or deal) and, for managers,
// the SLA settings per type.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toast';
import { ROLE_LABELS, label } from '../i18n';
import { loadPeople, type Person } from '../people';
import { usePrefs } from '../prefs';
import { href, type Route } from '../router';
import { useSession } from '../session';

const S = {
  title: ['引き継ぎ', 'Hand-offs'],
  lead: ['BDR → インサイドセールス → フィールドセールス → カスタマーサクセスの引き継ぎ。期限は営業日で数えます（土日・祝日・年末年始を除く）。', 'Hand-offs BDR → inside sales → field sales → customer success. Due dates count business days (no weekends, holidays or the year-end closure).'],
  incoming: ['受信', 'Incoming'],
  outgoing: ['送信', 'Outgoing'],
  teamBox: ['チーム', 'Team'],
  status: ['状態', 'Status'],
  all: ['すべて', 'All'],
  pending: ['未対応', 'Pending'],
  accepted: ['承認済', 'Accepted'],
  returned: ['差し戻し', 'Returned'],
  cancelled: ['取消', 'Cancelled'],
  kind: ['種別', 'Type'],
  subject: ['対象', 'Subject'],
  fromTo: ['送信者 → 受信者', 'From → to'],
  due: ['期限', 'Due'],
  sla: ['SLA', 'SLA'],
  daysLeft: ['あと{n}営業日', '{n} business days left'],
  dueToday: ['本日期限', 'Due today'],
  overdue: ['{n}営業日超過', '{n} business days overdue'],
  breached: ['SLA超過', 'SLA breached'],
  escalated: ['エスカレーション済', 'Escalated'],
  open: ['開く', 'Open'],
  none: ['引き継ぎはありません', 'No hand-offs'],
  count: ['件', 'hand-offs'],
  detail: ['引き継ぎの内容', 'The hand-off'],
  checklist: ['チェックリスト', 'Checklist'],
  checked: ['確認済', 'Checked'],
  notApplicable: ['該当なし', 'N/A'],
  notes: ['メモ', 'Notes'],
  note: ['申し送り', 'Note'],
  accept: ['承認する', 'Accept'],
  returnReason: ['差し戻し理由', 'Reason for returning'],
  doReturn: ['差し戻す', 'Return'],
  cancel: ['取り消す', 'Cancel hand-off'],
  acceptedToast: ['引き継ぎを承認しました', 'Hand-off accepted'],
  returnedToast: ['差し戻しました', 'Hand-off returned'],
  cancelledToast: ['取り消しました', 'Hand-off cancelled'],
  createdToast: ['引き継ぎました（期限 {due}）', 'Handed over (due {due})'],
  handOver: ['引き継ぐ', 'Hand over'],
  receiver: ['受信者', 'Receiver'],
  leadId: ['リード', 'Lead'],
  dealId: ['案件', 'Deal'],
  choose: ['選択してください', 'Choose'],
  settings: ['SLA設定', 'SLA settings'],
  slaDays: ['SLA（営業日）', 'SLA (business days)'],
  escalateDays: ['エスカレーション（超過後の営業日）', 'Escalate after (business days past breach)'],
  items: ['チェック項目（1行に1つ）', 'Checklist items (one per line)'],
  save: ['保存', 'Save'],
  savedToast: ['保存しました', 'Saved'],
  escalatedTo: ['エスカレーション先', 'Escalated to'],
  compliance: ['SLA遵守率（今年度）', 'SLA compliance (this fiscal year)'],
  returnReasonShown: ['差し戻し理由', 'Returned because'],
} as const;
type Key = keyof typeof S;

interface ChecklistItem {
  item: string;
  checked: boolean;
  not_applicable: boolean;
  notes: string;
}
interface Handoff {
  id: number;
  kind: string;
  kind_name: string;
  lead_id: number | null;
  deal_id: number | null;
  subject_title: string;
  government_name: string;
  from_user_id: number;
  from_user_name: string;
  to_user_id: number;
  to_user_name: string;
  status: string;
  checklist: ChecklistItem[];
  note: string;
  created_on: string;
  due_on: string;
  business_days_left: number;
  breached: boolean;
  escalated: boolean;
  escalated_to_name: string | null;
  return_reason: string;
}
interface HandoffType {
  kind: string;
  name_ja: string;
  name_en: string;
  from_role: string;
  to_role: string;
  checklist: string[];
  sla_business_days: number;
  escalate_after_business_days: number;
}

function useS() {
  const { prefs } = usePrefs();
  return (k: Key, vars: Record<string, string | number> = {}) => {
    let s: string = S[k][prefs.lang === 'ja' ? 0 : 1];
    for (const [name, v] of Object.entries(vars)) s = s.replace(`{${name}}`, String(v));
    return s;
  };
}

function Countdown({ h }: { h: Handoff }) {
  const s = useS();
  if (h.status !== 'pending') return <span>{s(h.status as Key)}</span>;
  const n = h.business_days_left;
  const text = h.breached ? s('overdue', { n: Math.max(-n, 0) || 0 }) : n === 0 ? s('dueToday') : s('daysLeft', { n });
  return <span class={h.breached ? 'badge warn' : 'badge'}>{text}</span>;
}

function Detail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const s = useS();
  const toast = useToast();
  const { user } = useSession();
  const [h, setH] = useState<Handoff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    setH(null);
    api<Handoff>(`/api/handoffs/${id}`).then(setH).catch(setError);
  }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!h) return <p aria-busy="true">…</p>;
  const act = async (verb: 'accept' | 'return' | 'cancel') => {
    setError(null);
    try {
      const next = await api<Handoff>(`/api/handoffs/${id}/${verb}`, { method: 'POST', body: verb === 'return' ? { reason } : {} });
      setH(next);
      toast(s(verb === 'accept' ? 'acceptedToast' : verb === 'return' ? 'returnedToast' : 'cancelledToast'));
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const receiver = h.to_user_id === user.user_id;
  const canCancel = h.from_user_id === user.user_id || user.role === 'manager' || user.role === 'admin';
  return (
    <section class="panel" aria-labelledby="handoff-detail">
      <h2 id="handoff-detail">
        {s('detail')}: {h.kind_name} 「{h.subject_title}」
      </h2>
      <dl class="facts">
        <dt>{s('fromTo')}</dt>
        <dd>
          {h.from_user_name} → {h.to_user_name}
        </dd>
        <dt>{s('due')}</dt>
        <dd>
          {h.due_on} <Countdown h={h} />
          {h.breached && <strong> {s('breached')}</strong>}
          {h.escalated && <strong> {s('escalated')}{h.escalated_to_name ? `（${h.escalated_to_name}）` : ''}</strong>}
        </dd>
        {h.note && (
          <>
            <dt>{s('note')}</dt>
            <dd>{h.note}</dd>
          </>
        )}
        {h.return_reason && (
          <>
            <dt>{s('returnReasonShown')}</dt>
            <dd>{h.return_reason}</dd>
          </>
        )}
      </dl>
      <h3>{s('checklist')}</h3>
      <ul aria-label={s('checklist')}>
        {h.checklist.map((c) => (
          <li key={c.item}>
            {c.checked ? '☑' : '—'} {c.item} {c.not_applicable && <em>（{s('notApplicable')}）</em>} {c.notes && <span class="muted">{c.notes}</span>}
          </li>
        ))}
      </ul>
      <ErrorBox error={error} />
      {h.status === 'pending' && receiver && (
        <div class="tools">
          <button type="button" class="primary" onClick={() => act('accept')}>
            {s('accept')}
          </button>
          <label>
            {s('returnReason')}
            <textarea value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="button" onClick={() => act('return')}>
            {s('doReturn')}
          </button>
        </div>
      )}
      {h.status === 'pending' && !receiver && canCancel && (
        <button type="button" onClick={() => act('cancel')}>
          {s('cancel')}
        </button>
      )}
    </section>
  );
}

function HandOverForm({ types, lead, deal, onCreated }: { types: HandoffType[]; lead: string; deal: string; onCreated: () => void }) {
  const s = useS();
  const toast = useToast();
  const { user } = useSession();
  const { prefs } = usePrefs();
  const usable = types.filter((t) => (deal ? t.kind !== 'bdr_to_is' : t.kind !== 'fs_to_cs'));
  const [kind, setKind] = useState(usable[0]?.kind ?? '');
  const [subject, setSubject] = useState(deal || lead);
  const [subjects, setSubjects] = useState<{ id: number; title: string }[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [marks, setMarks] = useState<Record<string, { checked: boolean; na: boolean; notes: string }>>({});
  const [error, setError] = useState<unknown>(null);
  const type = types.find((t) => t.kind === kind);
  const onDeal = deal !== '' || kind === 'fs_to_cs';
  useEffect(() => {
    loadPeople().then(setPeople).catch(() => undefined);
  }, []);
  useEffect(() => {
    const path = onDeal ? '/api/deals' : '/api/leads';
    const query = onDeal ? { owner: user.user_id, limit: 100, ...(kind === 'fs_to_cs' ? { stage: 'won' } : {}) } : { owner: user.user_id, limit: 100 };
    api<{ items: { id: number; title: string; status?: string }[] }>(path, { query })
      // Leads that can still be handed over (not converted or disqualified).
      .then((r) => setSubjects(r.items.filter((x) => onDeal || ['new', 'working', 'qualified'].includes(x.status ?? ''))))
      .catch(() => setSubjects([]));
  }, [onDeal, kind]);
  if (!type) return null;
  const receivers = people.filter((p) => p.role === type.to_role && p.id !== user.user_id);
  const mark = (item: string) => marks[item] ?? { checked: false, na: false, notes: '' };
  const setMark = (item: string, m: Partial<{ checked: boolean; na: boolean; notes: string }>) => setMarks({ ...marks, [item]: { ...mark(item), ...m } });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const body = {
        kind,
        ...(onDeal ? { deal_id: Number(subject) } : { lead_id: Number(subject) }),
        to_user_id: Number(to),
        note,
        checklist: type.checklist.map((item) => ({ item, checked: mark(item).checked, not_applicable: mark(item).na, notes: mark(item).notes })),
      };
      const created = await api<Handoff>('/api/handoffs', { method: 'POST', body });
      toast(s('createdToast', { due: created.due_on }));
      setMarks({});
      setNote('');
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel" aria-labelledby="handover-title">
      <h2 id="handover-title">{s('handOver')}</h2>
      <form onSubmit={submit} aria-labelledby="handover-title">
        <label>
          {s('kind')}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            {usable.map((t) => (
              <option key={t.kind} value={t.kind}>
                {prefs.lang === 'ja' ? t.name_ja : t.name_en}（{s('sla')} {t.sla_business_days}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {onDeal ? s('dealId') : s('leadId')}
          <select value={subject} onChange={(e) => setSubject((e.target as HTMLSelectElement).value)}>
            <option value="">{s('choose')}</option>
            {subject && !subjects.some((x) => String(x.id) === subject) && <option value={subject}>#{subject}</option>}
            {subjects.map((x) => (
              <option key={x.id} value={String(x.id)}>
                #{x.id} {x.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s('receiver')}
          <select value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
            <option value="">{s('choose')}</option>
            {receivers.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}（{label(ROLE_LABELS, p.role, prefs.lang)} / {p.team}）
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{s('checklist')}</legend>
          {type.checklist.map((item) => (
            <div key={item} class="check-row">
              <label>
                <input type="checkbox" checked={mark(item).checked} onChange={(e) => setMark(item, { checked: (e.target as HTMLInputElement).checked })} />
                {item}
              </label>
              <label>
                <input type="checkbox" checked={mark(item).na} onChange={(e) => setMark(item, { na: (e.target as HTMLInputElement).checked })} />
                {item} {s('notApplicable')}
              </label>
              <label>
                {item} {s('notes')}
                <input value={mark(item).notes} onInput={(e) => setMark(item, { notes: (e.target as HTMLInputElement).value })} />
              </label>
            </div>
          ))}
        </fieldset>
        <label>
          {s('note')}
          <textarea value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </label>
        <ErrorBox error={error} />
        <button type="submit" class="primary">
          {s('handOver')}
        </button>
      </form>
    </section>
  );
}

function Settings({ types, onSaved }: { types: HandoffType[]; onSaved: () => void }) {
  const s = useS();
  const toast = useToast();
  const { prefs } = usePrefs();
  const [error, setError] = useState<unknown>(null);
  const [compliance, setCompliance] = useState<any[]>([]);
  useEffect(() => {
    api<{ items: any[] }>('/api/handoffs/compliance').then((r) => setCompliance(r.items)).catch(() => undefined);
  }, []);
  return (
    <section class="panel" aria-labelledby="sla-settings">
      <h2 id="sla-settings">{s('settings')}</h2>
      <ErrorBox error={error} />
      {types.map((t) => {
        const c = compliance.find((x) => x.kind === t.kind);
        return (
          <form
            key={t.kind}
            aria-label={`${s('settings')} ${t.name_ja}`}
            onSubmit={async (e) => {
              e.preventDefault();
              const f = e.target as HTMLFormElement;
              const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
              setError(null);
              try {
                await api(`/api/handoff-types/${t.kind}`, {
                  method: 'PUT',
                  body: {
                    sla_business_days: Number(v('sla')),
                    escalate_after_business_days: Number(v('esc')),
                    checklist: v('items').split('\n').map((x) => x.trim()).filter(Boolean),
                  },
                });
                toast(s('savedToast'));
                onSaved();
              } catch (err) {
                setError(err);
              }
            }}
          >
            <h3>{prefs.lang === 'ja' ? t.name_ja : t.name_en}</h3>
            {c && (
              <p class="muted">
                {s('compliance')}: {c.accepted_within_sla_share === null ? '—' : `${Math.round(c.accepted_within_sla_share * 100)}%`}（{c.accepted_within_sla}/{c.accepted}）
              </p>
            )}
            <label>
              {t.name_ja} {s('slaDays')}
              <input name="sla" type="number" min={0} max={30} defaultValue={String(t.sla_business_days)} />
            </label>
            <label>
              {t.name_ja} {s('escalateDays')}
              <input name="esc" type="number" min={0} max={30} defaultValue={String(t.escalate_after_business_days)} />
            </label>
            <label>
              {t.name_ja} {s('items')}
              <textarea name="items" rows={4} defaultValue={t.checklist.join('\n')} />
            </label>
            <button type="submit">{s('save')}</button>
          </form>
        );
      })}
    </section>
  );
}

export default function HandoffsPage({ route }: { route: Route }) {
  const s = useS();
  const { user } = useSession();
  const [box, setBox] = useState<'incoming' | 'outgoing' | 'team'>(user.role === 'manager' || user.role === 'admin' ? 'team' : 'incoming');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState<{ items: Handoff[]; total: number } | null>(null);
  const [types, setTypes] = useState<HandoffType[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<number | null>(route.parts[1] ? Number(route.parts[1]) : null);
  const [tick, setTick] = useState(0);
  const lead = route.query.get('lead') ?? '';
  const deal = route.query.get('deal') ?? '';
  const [showForm, setShowForm] = useState(lead !== '' || deal !== '');
  const manager = user.role === 'manager' || user.role === 'admin';
  // #/handoffs?lead=ID (or ?deal=ID, or #/handoffs/ID) reached from another page.
  useEffect(() => {
    if (lead !== '' || deal !== '') setShowForm(true);
  }, [lead, deal]);
  useEffect(() => {
    if (route.parts[1]) setOpenId(Number(route.parts[1]));
  }, [route.parts[1]]);
  useEffect(() => {
    api<{ items: HandoffType[] }>('/api/handoff-types').then((r) => setTypes(r.items)).catch(setError);
  }, [tick]);
  useEffect(() => {
    setPage(null);
    api<{ items: Handoff[]; total: number }>('/api/handoffs', { query: { box, status, limit: 100 } })
      .then(setPage)
      .catch(setError);
  }, [box, status, tick]);
  const refresh = () => setTick((x) => x + 1);
  const tabs = useMemo(() => [['incoming', s('incoming')], ['outgoing', s('outgoing')], ['team', s('teamBox')]] as const, [s]);
  return (
    <article aria-labelledby="handoffs-title">
      <div class="page-head">
        <h1 id="handoffs-title">{s('title')}</h1>
        <div class="tools">
          <button type="button" class="primary" aria-expanded={showForm} onClick={() => setShowForm(!showForm)}>
            {s('handOver')}
          </button>
        </div>
      </div>
      <p class="muted">{s('lead')}</p>
      <ErrorBox error={error} />
      {showForm && types.length > 0 && (
        <HandOverForm
          key={`${lead}/${deal}`}
          types={types}
          lead={lead}
          deal={deal}
          onCreated={() => {
            setShowForm(false);
            setBox('outgoing');
            refresh();
          }}
        />
      )}
      <div role="tablist" aria-label={s('title')}>
        {tabs.map(([k, text]) => (
          <button key={k} type="button" role="tab" aria-selected={box === k} onClick={() => setBox(k)}>
            {text}
          </button>
        ))}
      </div>
      <label>
        {s('status')}
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">{s('all')}</option>
          {(['pending', 'accepted', 'returned', 'cancelled'] as const).map((k) => (
            <option key={k} value={k}>
              {s(k)}
            </option>
          ))}
        </select>
      </label>
      <div role="tabpanel" aria-label={tabs.find(([k]) => k === box)?.[1]}>
        {!page ? (
          <p aria-busy="true">…</p>
        ) : page.items.length === 0 ? (
          <p>{s('none')}</p>
        ) : (
          <table>
            <caption>
              {page.total} {s('count')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{s('kind')}</th>
                <th scope="col">{s('subject')}</th>
                <th scope="col">{s('fromTo')}</th>
                <th scope="col">{s('due')}</th>
                <th scope="col">{s('sla')}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((h) => (
                <tr key={h.id} class={h.breached ? 'breached' : undefined}>
                  <td>{h.kind_name}</td>
                  <td>
                    {h.deal_id ? <a href={href(`/deals/${h.deal_id}`)}>{h.subject_title}</a> : h.subject_title}
                    <span class="muted"> {h.government_name}</span>
                  </td>
                  <td>
                    {h.from_user_name} → {h.to_user_name}
                  </td>
                  <td>{h.due_on}</td>
                  <td>
                    <Countdown h={h} />
                    {h.breached && <span class="badge warn">{s('breached')}</span>}
                    {h.escalated && <span class="badge warn">{s('escalated')}</span>}
                  </td>
                  <td>
                    <button type="button" aria-label={`${s('open')} ${h.subject_title}`} onClick={() => setOpenId(h.id)}>
                      {s('open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {openId !== null && <Detail key={openId} id={openId} onChanged={refresh} />}
      {manager && types.length > 0 && <Settings key={tick} types={types} onSaved={refresh} />}
    </article>
  );
}
