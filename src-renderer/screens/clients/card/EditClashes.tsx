// Fields that this user and another workstation both changed: each shows both values and asks which one to keep.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';

export interface Clash {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

export function EditClashes({
  clashes,
  onKeepMine,
  onTakeTheirs,
  title = 'Карточку изменили на другом рабочем месте',
  testPrefix = 'general',
}: {
  clashes: Clash[];
  onKeepMine: (key: string) => void;
  onTakeTheirs: (key: string) => void;
  title?: string;
  /** Test ids are `<prefix>-clashes`, `<prefix>-clash-<key>`, `<prefix>-clash-mine-<key>`, `<prefix>-clash-theirs-<key>`. */
  testPrefix?: string;
}) {
  if (!clashes.length) return null;
  return (
    <Alert color="orange" title={title} data-testid={`${testPrefix}-clashes`}>
      <Stack gap={6}>
        <Text size="sm">Ваши правки сохранены в форме, изменения других полей добавлены. Выберите значение там, где изменили то же поле:</Text>
        {clashes.map((c) => (
          <Group key={c.key} gap="xs" wrap="nowrap" data-testid={`${testPrefix}-clash-${c.key}`}>
            <Text size="sm" fw={500} w={170}>
              {c.label}
            </Text>
            <Button size="compact-xs" variant="light" onClick={() => onKeepMine(c.key)} data-testid={`${testPrefix}-clash-mine-${c.key}`}>
              Оставить моё: {c.mine || '(пусто)'}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => onTakeTheirs(c.key)} data-testid={`${testPrefix}-clash-theirs-${c.key}`}>
              Взять сохранённое: {c.theirs || '(пусто)'}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
