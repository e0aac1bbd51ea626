// Period of a report: two dates (typed or picked as 27.11.2026) and quick choices; reports share it.
import { Group, SegmentedControl } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { PRESET_LABELS, preset, type Period, type PresetKey } from './period';
import { DATE_MAX, DATE_MIN, isValidIsoDate } from '../../../src-shared/api/common';

const ddmmyyyy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function parse(text: string): string | null {
  const m = ddmmyyyy.exec(text.trim());
  if (!m) return null;
  const v = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidIsoDate(v) ? v : null;
}

export function PeriodPicker({ value, onChange, error }: { value: Period; onChange: (p: Period) => void; error?: string }) {
  const current = (Object.keys(PRESET_LABELS) as PresetKey[]).find((k) => {
    const p = preset(k);
    return p.from === value.from && p.to === value.to;
  });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <DateInput size="xs" w={120} label="С" minDate={DATE_MIN} maxDate={DATE_MAX} valueFormat="DD.MM.YYYY" dateParser={parse} value={value.from} onChange={(v) => v && onChange({ ...value, from: v.slice(0, 10) })} data-testid="period-from" />
      <DateInput size="xs" w={120} label="По" minDate={DATE_MIN} maxDate={DATE_MAX} valueFormat="DD.MM.YYYY" dateParser={parse} value={value.to} onChange={(v) => v && onChange({ ...value, to: v.slice(0, 10) })} error={error} data-testid="period-to" />
      <SegmentedControl
        size="xs"
        value={current ?? ''}
        onChange={(k) => onChange(preset(k as PresetKey))}
        data={(Object.keys(PRESET_LABELS) as PresetKey[]).map((k) => ({ value: k, label: PRESET_LABELS[k] }))}
      />
    </Group>
  );
}
