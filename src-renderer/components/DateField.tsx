// The app's one date input: typed as 27.11.2026 (or picked), held as an ISO date; an unfinished entry stays as typed and says why.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { DATE_MAX, DATE_MIN } from '../../src-shared/api/common';
import { dateError, dateText, parseTypedDate } from './dateText';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> & {
  /** ISO date, null when empty, or the raw text of an entry that is not (yet) a date. */
  value: string | null;
  /**
   * Gets the ISO date when the text is a complete date, null when it is empty, and otherwise the raw text,
   * so a form never takes an unfinished entry for an empty or an earlier value (check it with `dateError`).
   */
  onChange: (value: string | null) => void;
  minDate?: string;
  maxDate?: string;
  /** Message when the date is after `maxDate`; «Дата не может быть в будущем» suits maxDate = today. */
  maxMessage?: string;
  clearable?: boolean;
};

export function DateField({ value, onChange, minDate, maxDate, maxMessage, clearable: _clearable, error, onBlur, onFocus, ...rest }: Props) {
  const [text, setText] = useState(() => dateText(value));
  const [focused, setFocused] = useState(false);
  const [blurred, setBlurred] = useState(false);
  const [opened, setOpened] = useState(false);
  const emitted = useRef<string | null>(value);

  // A value set from outside (a reset, a picked preset) replaces the text; our own echo does not.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(dateText(value));
    }
  }, [value]);

  const emit = (next: string | null) => {
    emitted.current = next;
    onChange(next);
  };

  const typed = (t: string) => {
    setText(t);
    emit(t.trim() === '' ? null : (parseTypedDate(t) ?? t));
  };

  const held = text.trim() ? (parseTypedDate(text) ?? text) : null;
  const own = held ? dateError(held, { max: maxDate, maxMessage, min: minDate }) : null;
  // While the user is still typing an unfinished date, no red text; it comes on leaving the field or on save.
  const unfinished = focused && text.trim() !== '' && parseTypedDate(text) === null;
  const shown = unfinished && !blurred ? undefined : (error ?? (blurred || !focused ? own : undefined) ?? undefined);

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withinPortal trapFocus={false} returnFocus={false}>
      <Popover.Target>
        <TextInput
          {...rest}
          value={text}
          onChange={(e) => {
            // Typing means the calendar is not needed; it would only cover the buttons below.
            setOpened(false);
            typed(e.currentTarget.value);
          }}
          onClick={() => setOpened(true)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && opened) setOpened(false);
          }}
          onFocus={(e) => {
            setFocused(true);
            onFocus?.(e);
          }}
          onBlur={(e) => {
            setFocused(false);
            setBlurred(true);
            setOpened(false);
            const iso = parseTypedDate(text);
            if (iso) setText(dateText(iso));
            onBlur?.(e);
          }}
          placeholder={rest.placeholder ?? 'ДД.ММ.ГГГГ'}
          inputMode="numeric"
          autoComplete="off"
          error={shown}
          // While the calendar is open, Esc closes only the calendar, not the dialog around it (Mantine's convention).
          data-mantine-stop-propagation={opened ? 'true' : undefined}
          rightSection={
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Выбрать дату в календаре" onClick={() => setOpened((o) => !o)} tabIndex={-1}>
              <IconCalendar size={14} />
            </ActionIcon>
          }
        />
      </Popover.Target>
      {/* Pressing on the calendar must not take the focus from the field (its blur closes the calendar). */}
      <Popover.Dropdown onMouseDown={(e) => e.preventDefault()}>
        <DatePicker
          value={parseTypedDate(text)}
          defaultDate={parseTypedDate(text) ?? undefined}
          minDate={minDate ?? DATE_MIN}
          maxDate={maxDate ?? DATE_MAX}
          onChange={(d) => {
            if (!d) return;
            const iso = d.slice(0, 10);
            setText(dateText(iso));
            emit(iso);
            setOpened(false);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
