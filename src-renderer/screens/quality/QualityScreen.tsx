// «Качество ответов» at #/chat/quality: the week's sample to review and the list of reviews; an operator sees only their own reviews.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QualityReviewRow, QualitySessionRow } from '../../../src-shared/quality';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { isValidIsoDate } from '../../../src-shared/api/common';
import { ReviewScreen } from './ReviewScreen';
import { ReviewTable, SessionTable } from '../../components/quality/tables';

const pad = (n: number) => String(n).padStart(2, '0');
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** The week's sample: draw (again) and open a session to review. */
function SampleTab() {
  const [date, setDate] = useState(todayIso);
  const [data, setData] = useState<{ week: string; from: string; to: string; rows: QualitySessionRow[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [drawing, setDrawing] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    call('quality.sample.list', { date })
      .then((r) => alive && (setData(r), setError(null)))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [date, tick]);

  const draw = async () => {
    setDrawing(true);
    try {
      const r = await call('quality.sample.draw', { date });
      notifications.show({ message: r.added ? `Добавлено сеансов: ${r.added}, всего в выборке: ${r.total}` : `Выборка уже полная: ${r.total}` });
      setTick((t) => t + 1);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setDrawing(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <DateField size="xs" w={140} label="Неделя, содержащая день" value={date} onChange={(v) => v && isValidIsoDate(v) && setDate(v)} data-testid="sample-date" />
        <Button size="xs" onClick={() => void draw()} loading={drawing} data-testid="sample-draw">
          Выбрать сеансы недели
        </Button>
        {data && (
          <Text size="sm" c="dimmed">
            Неделя {data.week.slice(6)}: {formatDate(data.from)}–{formatDate(data.to)}
          </Text>
        )}
      </Group>
      {error != null && <Alert color="red">{errorText(error)}</Alert>}
      {!data ? (
        <Loader size="sm" />
      ) : data.rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          Выборки за эту неделю нет. Нажмите «Выбрать сеансы недели»: программа случайно выберет завершённые сеансы каждого оператора (число и минимальная длительность — в «Настройки → Качество ответов»).
        </Text>
      ) : (
        <SessionTable rows={data.rows} />
      )}
    </Stack>
  );
}

function ReviewsTab() {
  const [rows, setRows] = useState<QualityReviewRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('quality.reviews.list', {})
      .then(setRows)
      .catch(setError);
  }, []);
  if (error != null) return <Alert color="red">{errorText(error)}</Alert>;
  if (!rows) return <Loader size="sm" />;
  if (rows.length === 0)
    return (
      <Text c="dimmed" size="sm">
        Проверок пока нет.
      </Text>
    );
  return <ReviewTable rows={rows} />;
}

export function QualityScreen({ route }: { route: string[] }) {
  const { hasRole } = useSession();
  const manager = hasRole('admin', 'head');
  if (route[2] === 'session' && route[3]) return <ReviewScreen key={route[3]} sessionId={Number(route[3])} />;
  return (
    <Stack gap="sm">
      <Title order={3}>{manager ? 'Качество ответов' : 'Мои проверки'}</Title>
      {manager ? (
        <Tabs defaultValue="sample" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="sample">Выборка недели</Tabs.Tab>
            <Tabs.Tab value="reviews">Проверки</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sample" pt="sm">
            <SampleTab />
          </Tabs.Panel>
          <Tabs.Panel value="reviews" pt="sm">
            <ReviewsTab />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <ReviewsTab />
      )}
    </Stack>
  );
}
