// Renderer entry: Mantine theme, notifications and the app.
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { ModalsProvider } from '@mantine/modals';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/spotlight/styles.css';
import 'dayjs/locale/ru';
import { DatesProvider } from '@mantine/dates';
import { theme } from './app/theme';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <MantineProvider theme={theme} defaultColorScheme="light">
    <DatesProvider settings={{ locale: 'ru', firstDayOfWeek: 1 }}>
      <ModalsProvider labels={{ confirm: 'Да', cancel: 'Отмена' }}>
        <Notifications position="bottom-right" />
        <App />
      </ModalsProvider>
    </DatesProvider>
  </MantineProvider>,
);
