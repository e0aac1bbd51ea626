// The reports of the «Отчёты» section: each is its own module; adding one is one line here.
import type { ComponentType } from 'react';
import type { Role } from '../../../src-shared/roles';
import { TasksReport } from './TasksReport';
import { DocumentReturnsReport } from './DocumentReturnsReport';
import { ChatOperatorsReport } from './ChatOperatorsReport';
import { OpknReport } from './OpknReport';
import { UsrOlapReport } from './UsrOlapReport';
import { NssReport } from './NssReport';
import { NSS_REPORT_READERS } from '../../../src-shared/api/nss';
import { ANY_STAFF } from '../../../src-shared/roles';

export interface ReportDef {
  /** The route segment: #/reports/<key>. */
  key: string;
  title: string;
  description: string;
  /** Who may open it (the server checks the same roles on the report's methods). */
  roles: readonly Role[];
  Component: ComponentType;
}

export const REPORTS: ReportDef[] = [
  {
    key: 'tasks',
    title: 'Заявки и вопросы',
    description: 'Заявки с сайта по видам, результатам и сотрудникам, время до первого контакта; вопросы по статусам и время ответа',
    roles: ['admin', 'head'],
    Component: TasksReport,
  },
  {
    key: 'document-returns',
    title: 'Возврат документов',
    description: 'Подписанные оригиналы по плановой дате возврата: просроченные первыми, по СИО, клиентам и типам',
    roles: ANY_STAFF,
    Component: DocumentReturnsReport,
  },
  {
    key: 'chat-operators',
    title: 'Операторы чата',
    description: 'Сеансы онлайн-диалога по операторам: число, средняя и медианная длительность, в рабочий день, индекс качества и проверки',
    roles: ['admin', 'head'],
    Component: ChatOperatorsReport,
  },
  {
    key: 'opkn',
    title: 'ОПКН',
    description: 'Обслуживаемые комплекты за период: СИО, схема, сеансы обновления по файлам USR, последнее подтверждённое обновление, комплекты без подтверждения; архив USR для КЦ',
    roles: ['admin', 'head'],
    Component: OpknReport,
  },
  {
    key: 'usr-olap',
    title: 'Обслуживание клиента (OLAP)',
    description: 'Сеансы обновления по месяцам: СИО / клиент / комплект, фильтры по схеме, системе и ключевым клиентам; файлы USR за каждой ячейкой',
    roles: ['admin', 'head'],
    Component: UsrOlapReport,
  },
  {
    key: 'nss',
    title: 'НСС',
    description: 'Работа с клиентами НСС: контакты в месяц против плана, ГЛ и ЛК, онлайн-диалог, семинары, перерывы без контакта, циклы к продлению; по клиентам, СИО и персональным менеджерам',
    roles: NSS_REPORT_READERS,
    Component: NssReport,
  },
];
