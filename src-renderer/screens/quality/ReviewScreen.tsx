// Review of one chat session: the dialog on the left, the scorecard on the right; digits rate the current category, Tab moves, N marks it not applicable.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QualitySessionView } from '../../../src-shared/quality';
import { reviewScore } from '../../../src-shared/quality-score';
import { formatDateTime } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useLeaveGuard } from '../../app/leaveGuard';
import { formatDuration, formatScore, scalePoints, scoreColor } from '../../components/quality/labels';

/** A rating being entered: a value, null = not applicable, undefined = not rated yet. */
type Draft = (number | null | undefined)[];
const draftKey = (r: Draft, comment: string) => JSON.stringify([r.map((v) => (v === undefined ? 'unset' : v)), comment]);

/** Back where the reviewer came from (the sample, the report's drill-down), or to the quality screen. */
const goBack = () => (window.history.length > 1 ? window.history.back() : navigate('/chat/quality'));

export function ReviewScreen({ sessionId }: { sessionId: number }) {
  const [view, setView] = useState<QualitySessionView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ratings, setRatings] = useState<Draft>([]);
  const [comment, setComment] = useState('');
  const [current, setCurrent] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const rows = useRef<(HTMLDivElement | null)[]>([]);

  useEffect(() => {
    let alive = true;
    call('quality.session', { sessionId })
      .then((v) => {
        if (!alive) return;
        setView(v);
        setRatings(v.review ? v.review.ratings : v.categories.map(() => undefined));
        setComment(v.review?.comment ?? '');
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [sessionId]);

  const initial = view ? draftKey(view.review?.ratings ?? view.categories.map(() => undefined), view.review?.comment ?? '') : '';
  const dirty = !!view && view.canEdit && draftKey(ratings, comment) !== initial;
  useLeaveGuard(dirty);

  useEffect(() => {
    if (view?.canEdit) rows.current[current]?.focus();
  }, [current, view]);

  if (error != null) return <Alert color="red">{errorText(error)}</Alert>;
  if (!view) return <Loader />;
  const { session: s, categories } = view;
  const rated = ratings.length === categories.length && ratings.every((v) => v !== undefined) ? (ratings as (number | null)[]) : null;
  const preview = rated ? reviewScore(categories, rated) : null;

  const rate = (i: number, v: number | null) => setRatings((r) => categories.map((_, k) => (k === i ? v : r[k])));

  const onKey = (i: number, e: KeyboardEvent) => {
    if (!view.canEdit) return;
    const c = categories[i]!;
    const pts = scalePoints(c.scale).map((p) => p.value);
    if (/^[0-9]$/.test(e.key) && pts.includes(Number(e.key))) {
      e.preventDefault();
      rate(i, Number(e.key));
      if (i < categories.length - 1) setCurrent(i + 1);
    } else if (e.key === 'n' || e.key === 'т' || e.key === '-') {
      // «т» is the same key as N on a Russian layout.
      e.preventDefault();
      rate(i, null);
      if (i < categories.length - 1) setCurrent(i + 1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setCurrent(Math.min(i + 1, categories.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setCurrent(Math.max(i - 1, 0));
    }
  };

  const save = async () => {
    if (!rated) {
      setSaveError('Оцените каждую категорию или отметьте её как «не применимо» (клавиша N)');
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const r = await call('quality.review.save', { sessionId, ratings: rated, comment });
      notifications.show({ color: 'green', message: `Проверка сохранена: ${formatScore(r.score)} из 100` });
      const v = await call('quality.session', { sessionId });
      setView(v);
      setRatings(v.review!.ratings);
      setComment(v.review!.comment ?? '');
    } catch (err) {
      setSaveError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="quality-review">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor size="sm" onClick={goBack}>
            ← Назад
          </Anchor>
          <Title order={4}>
            Сеанс {formatDateTime(s.startAt)} · {s.employee?.fullName ?? 'оператор не сопоставлен'}
          </Title>
        </Group>
        {view.review && (
          <Badge size="lg" tt="none" color={scoreColor(view.review.score)} data-testid="review-score">
            {formatScore(view.review.score)} из 100
          </Badge>
        )}
      </Group>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Paper withBorder p="sm" style={{ flex: 1, minWidth: 0 }}>
          <Stack gap={4}>
            <Text size="sm">
              {s.clientId != null ? (
                <Anchor onClick={() => navigate(`/clients/${s.clientId}`)}>{s.clientName}</Anchor>
              ) : (
                <Text span c="dimmed">
                  Клиент не определён
                </Text>
              )}{' '}
              · комплект {s.systemNumber}_{s.distrNumber}
              {s.comp !== 1 ? `_${s.comp}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {[s.contact?.fullName ?? s.fio, s.email, s.phone].filter(Boolean).join(' · ')} · длительность {formatDuration(s.durationSec)}
              {s.clientRating ? ` · оценка клиента: ${s.clientRating}` : ''}
            </Text>
            <ScrollArea.Autosize mah="calc(100vh - 230px)">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="dialog-text">
                {s.text || 'Текст диалога не выгружен.'}
              </Text>
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" w={400} style={{ flexShrink: 0 }}>
          <Stack gap="xs">
            {categories.length === 0 && <Text c="dimmed">Критерии оценки не заданы: добавьте их в «Настройки → Качество ответов».</Text>}
            {categories.map((c, i) => (
              <div
                key={`${c.id}-${i}`}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={view.canEdit ? 0 : -1}
                onFocus={() => setCurrent(i)}
                onKeyDown={(e) => onKey(i, e)}
                data-testid={`category-${i}`}
                style={{ outline: 'none', borderRadius: 4, padding: 6, background: view.canEdit && i === current ? 'var(--mantine-color-blue-0)' : undefined }}
              >
                <Group justify="space-between" gap={4}>
                  <Text size="sm" fw={500}>
                    {c.name}
                    {c.critical && (
                      <Badge ml={6} size="xs" color="red" variant="light">
                        критичная
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    вес {c.weight}
                  </Text>
                </Group>
                <Group gap={4} mt={4}>
                  {scalePoints(c.scale).map((p) => (
                    <Button
                      key={p.value}
                      size="compact-xs"
                      tabIndex={-1}
                      variant={ratings[i] === p.value ? 'filled' : 'default'}
                      disabled={!view.canEdit}
                      onClick={() => rate(i, p.value)}
                    >
                      {p.label}
                    </Button>
                  ))}
                  <Button size="compact-xs" tabIndex={-1} color="gray" variant={ratings[i] === null ? 'filled' : 'default'} disabled={!view.canEdit} onClick={() => rate(i, null)}>
                    н/п
                  </Button>
                </Group>
              </div>
            ))}
            <Textarea label="Комментарий" autosize minRows={3} maxRows={10} value={comment} readOnly={!view.canEdit} onChange={(e) => setComment(e.currentTarget.value)} data-testid="review-comment" />
            {view.canEdit && (
              <>
                <Text size="xs" c="dimmed">
                  Цифра — оценка текущей категории, N — не применимо, Tab и ↑ ↓ — переход. Итог: {preview == null ? '—' : `${formatScore(preview)} из 100`}
                </Text>
                {saveError && (
                  <Alert color="red" p="xs">
                    {saveError}
                  </Alert>
                )}
                <Group justify="flex-end">
                  <Button onClick={() => void save()} loading={saving} disabled={!dirty} data-testid="review-save">
                    Сохранить проверку
                  </Button>
                </Group>
              </>
            )}
            {view.review && (
              <Text size="xs" c="dimmed">
                Проверил {view.review.reviewer.fullName}, {formatDateTime(view.review.updatedAt)}
              </Text>
            )}
          </Stack>
        </Paper>
      </Group>
    </Stack>
  );
}
