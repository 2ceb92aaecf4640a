// やること: the caller's open tasks — today, overdue, upcoming — from cadences and by
// hand; complete one with a note (a call, email or visit logs the activity) or skip it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { loadTasks, TaskList } from '../components/TaskList';
import { type Task, useCadenceT } from '../cadence';
import type { Route } from '../router';

export default function Tasks(_: { route: Route }) {
  const c = useCadenceT();
  const [buckets, setBuckets] = useState<Record<string, Task[]> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [adding, setAdding] = useState<unknown>(null);
  const refresh = () => {
    Promise.all([loadTasks('today'), loadTasks('overdue'), loadTasks('upcoming')])
      .then(([today, overdue, upcoming]) => setBuckets({ today, overdue, upcoming }))
      .catch(setError);
  };
  useEffect(refresh, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setAdding(null);
    try {
      await api('/api/tasks', { method: 'POST', body: { title, due_on: dueOn, kind: 'todo' } });
      setTitle('');
      refresh();
    } catch (err) {
      setAdding(err);
    }
  };
  const section = (key: 'today' | 'overdue' | 'upcoming', name: 'dueToday' | 'overdue' | 'upcoming') => (
    <section class="panel" aria-labelledby={`tasks-${key}`}>
      <h2 id={`tasks-${key}`}>
        {c(name)} <small class="muted">{buckets ? buckets[key].length : ''}</small>
      </h2>
      {buckets ? <TaskList tasks={buckets[key]} onChanged={refresh} /> : <p aria-busy="true">…</p>}
    </section>
  );
  return (
    <section aria-labelledby="tasks-title">
      <div class="page-head">
        <h1 id="tasks-title">{c('tasks')}</h1>
      </div>
      <ErrorBox error={error} />
      {section('today', 'dueToday')}
      {section('overdue', 'overdue')}
      {section('upcoming', 'upcoming')}
      <form class="panel" aria-label={c('newTask')} onSubmit={add}>
        <h2>{c('newTask')}</h2>
        <label>
          {c('stepTitle')}
          <input value={title} required onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {c('due')}
          <input type="date" value={dueOn} required onInput={(e) => setDueOn((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{c('add')}</button>
        <ErrorBox error={adding} />
      </form>
    </section>
  );
}
