// Words the reason a client matched a search («Контакт: …», «Телефон …»), for the client list and the palette.
import type { SearchMatch } from '../../src-shared/types';

export function matchLabel(m: SearchMatch): string {
  switch (m.kind) {
    case 'name':
      return 'Наименование';
    case 'contact':
      return `Контакт: ${m.name}${m.position ? `, ${m.position}` : ''}${m.active ? '' : ' (в архиве)'}`;
    case 'phone':
      return `Телефон ${m.phone}${m.contact ? ` (${m.contact})` : ''}`;
    case 'inn':
      return `ИНН ${m.inn}`;
    case 'distr':
      return `Дистрибутив ${m.code}`;
    case 'email':
      return `Эл. почта ${m.email}`;
    case 'city':
      return `Город ${m.city}`;
  }
}
