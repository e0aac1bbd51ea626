// «Поручения» section routes: #/tasks (the list), #/tasks/<id> (a card), #/tasks/queue[/<id>] (the unrecognised mail queue).
import { QueueScreen } from '../mail/QueueScreen';
import { TaskCardScreen } from './TaskCardScreen';
import { TaskListScreen } from './TaskListScreen';

export function TasksScreen({ route }: { route: string[] }) {
  const [, sub, subId] = route;
  if (sub === 'queue') return <QueueScreen openId={subId ? Number(subId) : null} />;
  if (sub && /^\d+$/.test(sub)) return <TaskCardScreen key={sub} id={Number(sub)} />;
  return <TaskListScreen />;
}
