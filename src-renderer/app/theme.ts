// One theme for the whole app: dense, calm, one colour per state; form controls in Mantine's compact size.
import { createTheme } from '@mantine/core';

/**
 * Every form control defaults to the compact size (inputs `xs`, 30 px high; buttons `xs`), so a card shows more
 * without scrolling. Set here, once, not per screen; a screen may still ask for another size where it needs one.
 */
const COMPACT = { defaultProps: { size: 'xs' } };

export const COMPACT_COMPONENTS = [
  'TextInput',
  'PasswordInput',
  'Textarea',
  'NumberInput',
  'Select',
  'MultiSelect',
  'Autocomplete',
  'TagsInput',
  'PillsInput',
  'NativeSelect',
  'JsonInput',
  'ColorInput',
  'FileInput',
  'Checkbox',
  'Radio',
  'Switch',
  'SegmentedControl',
  'Chip',
  'Button',
  'DateInput',
  'DatePickerInput',
  'DateTimePicker',
  'MonthPickerInput',
  'YearPickerInput',
  'TimeInput',
] as const;

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    ...Object.fromEntries(COMPACT_COMPONENTS.map((name) => [name, COMPACT])),
    // Mantine's own label of the eye button is English; screen readers read it aloud.
    PasswordInput: { defaultProps: { size: 'xs', visibilityToggleButtonProps: { 'aria-label': 'Показать или скрыть введённые символы' } } },
  },
});

/** State colours used across the app (UI.md): overdue red, due soon amber, done green, neutral grey. */
export const STATE_COLORS = { overdue: 'red', soon: 'yellow', done: 'green', neutral: 'gray' } as const;
