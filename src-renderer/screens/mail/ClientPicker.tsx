// The mail screens' client picker: names shown with their ИНН; empty means "find or create from the request".
import type { ComponentProps } from 'react';
import { ClientPicker as SharedClientPicker } from '../../components/ClientPicker';

type Props = Pick<ComponentProps<typeof SharedClientPicker>, 'value' | 'onChange' | 'label' | 'description' | 'error'>;

export function ClientPicker(props: Props) {
  return <SharedClientPicker placeholder="Начните вводить название, ИНН или телефон" showInn testId="client-picker" {...props} />;
}
