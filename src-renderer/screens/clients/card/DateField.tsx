// Date input of the card's forms: typed or picked as 27.11.2026, held as an ISO date string.
import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseRuDate } from './format';
import { DATE_MAX, DATE_MIN } from '../../../../src-shared/api/common';

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value: string | null;
  onChange: (iso: string | null) => void;
};

export function DateField({ value, onChange, ...rest }: Props) {
  const [calendarOpen, setCalendarOpen] = useState(false);
  return (
    <DateInput
      minDate={DATE_MIN}
      maxDate={DATE_MAX}
      {...rest}
      value={value}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      dateParser={(text) => parseRuDate(text)}
      placeholder="ДД.ММ.ГГГГ"
      popoverProps={{ withinPortal: true, onOpen: () => setCalendarOpen(true), onClose: () => setCalendarOpen(false) }}
      // While the calendar is open, Esc closes only the calendar, not the dialog around it (Mantine's convention).
      data-mantine-stop-propagation={calendarOpen ? 'true' : undefined}
    />
  );
}
