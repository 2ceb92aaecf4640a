// The Home page's "今日のやること" panel: the caller's tasks due today and overdue.
import { useEffect, useState } from 'preact/hooks';
import { loadTasks, TaskList } from './TaskList';
import { type Task, useCadenceT } from '../cadence';
import { href } from '../router';

export function TodayTasks() {
  const c = useCadenceT();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const refresh = () => {
    Promise.all([loadTasks('overdue', 10), loadTasks('today', 10)])
      .then(([overdue, today]) => setTasks([...overdue, ...today]))
      .catch(() => setTasks([]));
  };
  useEffect(refresh, []);
  return (
    <section class="panel" aria-labelledby="home-tasks">
      <h2 id="home-tasks">
        {c('todayTasks')} <small class="muted">{tasks ? tasks.length : ''}</small>
      </h2>
      {tasks === null ? <p aria-busy="true">…</p> : <TaskList tasks={tasks.slice(0, 8)} onChanged={refresh} compact />}
      <p>
        <a href={href('/tasks')}>{c('allTasks')}</a>
      </p>
    </section>
  );
}
