// One theme for the whole app: dense, calm, one colour per state.
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
  },
});

/** State colours used across the app (UI.md): overdue red, due soon amber, done green, neutral grey. */
export const STATE_COLORS = { overdue: 'red', soon: 'yellow', done: 'green', neutral: 'gray' } as const;
