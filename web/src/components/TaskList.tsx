// A list of tasks (やること) with complete-with-a-note and skip actions; used by the
// やること page and the Home panel.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from './ErrorBox';
import { useToast } from './Toast';
import { STEP_KIND_LABELS, type Task, useCadenceT } from '../cadence';
import { label } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { href } from '../router';

function TaskItem({ task, onChanged, compact }: { task: Task; onChanged: () => void; compact?: boolean }) {
  const c = useCadenceT();
  const { prefs } = usePrefs();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (what: 'complete' | 'skip') => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/tasks/${task.id}/${what}`, { method: 'POST', body: { result: note } });
      toast(`${c(what === 'complete' ? 'completed' : 'skipped')}: ${task.title}`);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const noteId = `task-note-${task.id}`;
  return (
    <li class="task" aria-label={task.title}>
      <div>
        <span class="tag">{label(STEP_KIND_LABELS, task.kind, prefs.lang)}</span> <strong>{task.title}</strong>{' '}
        <time dateTime={task.due_on} class="muted">
          {c('due')} {fmtDate(task.due_on, prefs)}
        </time>
      </div>
      <div class="muted">
        {task.government_code && (
          <a href={href(`/governments/${task.government_code}`)}>{task.government_name ?? task.government_code}</a>
        )}
        {task.lead_id && (
          <>
            {' ・ '}
            <a href={href(`/leads/${task.lead_id}`)}>{task.lead_title ?? `#${task.lead_id}`}</a>
          </>
        )}
        {task.official_id && (
          <>
            {' ・ '}
            <a href={href(`/officials/${task.official_id}`)}>{task.official_name ?? `#${task.official_id}`}</a>
          </>
        )}
        {task.cadence_name && (
          <>
            {' ・ '}
            {task.cadence_name}
            {task.variant ? `（${task.variant}）` : ''}
          </>
        )}
      </div>
      {!compact && task.body && (
        <details>
          <summary>{c('stepTemplate')}</summary>
          <p class="pre">{task.body}</p>
        </details>
      )}
      {task.status === 'open' && (
        <div class="task-actions">
          <label for={noteId}>{c('resultNote')}</label>
          <input id={noteId} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          <button type="button" class="primary" disabled={busy} onClick={() => act('complete')}>
            {c('complete')}
          </button>
          <button type="button" disabled={busy} onClick={() => act('skip')}>
            {c('skip')}
          </button>
        </div>
      )}
      <ErrorBox error={error} />
    </li>
  );
}

export function TaskList({ tasks, onChanged, compact }: { tasks: Task[]; onChanged: () => void; compact?: boolean }) {
  const c = useCadenceT();
  if (tasks.length === 0) return <p class="muted">{c('noTasks')}</p>;
  return (
    <ul class="plain tasks">
      {tasks.map((t) => (
        <TaskItem key={t.id} task={t} onChanged={onChanged} compact={compact} />
      ))}
    </ul>
  );
}

/** Loads the caller's open tasks of one bucket. */
export function loadTasks(due: 'today' | 'overdue' | 'upcoming', limit = 100): Promise<Task[]> {
  return api<{ items: Task[] }>('/api/tasks', { query: { owner: 'me', due, limit } }).then((r) => r.items);
}
