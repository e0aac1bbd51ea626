// Period of a report: two dates (typed or picked as 27.11.2026) and quick choices; reports share it.
import { Group, SegmentedControl } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { PRESET_LABELS, preset, type Period, type PresetKey } from './period';
import { isValidIsoDate } from '../../../src-shared/api/common';

/** Only a complete date moves the period; an unfinished entry stays in its field with its reason. */
const whole = (v: string | null): v is string => v !== null && isValidIsoDate(v);

export function PeriodPicker({ value, onChange, error }: { value: Period; onChange: (p: Period) => void; error?: string }) {
  const current = (Object.keys(PRESET_LABELS) as PresetKey[]).find((k) => {
    const p = preset(k);
    return p.from === value.from && p.to === value.to;
  });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <DateField size="xs" w={130} label="С" value={value.from} onChange={(v) => whole(v) && onChange({ ...value, from: v })} data-testid="period-from" />
      <DateField size="xs" w={130} label="По" value={value.to} onChange={(v) => whole(v) && onChange({ ...value, to: v })} error={error} data-testid="period-to" />
      <SegmentedControl
        size="xs"
        value={current ?? ''}
        onChange={(k) => onChange(preset(k as PresetKey))}
        data={(Object.keys(PRESET_LABELS) as PresetKey[]).map((k) => ({ value: k, label: PRESET_LABELS[k] }))}
      />
    </Group>
  );
}
