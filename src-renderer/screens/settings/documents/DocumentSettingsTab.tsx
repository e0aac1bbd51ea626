// Settings «Документы»: return periods, contract clause templates and our requisites (everyone reads them; heads and the administrator change them).
import { useState } from 'react';
import { SegmentedControl, Stack } from '@mantine/core';
import { MANAGERS } from '../../../../src-shared/roles';
import { useSession } from '../../../app/session';
import { OurRequisitesForm } from './OurRequisitesForm';
import { ReturnPeriodsForm } from './ReturnPeriodsForm';
import { TemplatesForm } from './TemplatesForm';

const PARTS = [
  { value: 'periods', label: 'Сроки возврата' },
  { value: 'templates', label: 'Шаблоны пунктов договоров' },
  { value: 'requisites', label: 'Наши реквизиты' },
];

export function DocumentSettingsTab() {
  const { hasRole } = useSession();
  const canEdit = hasRole(...MANAGERS);
  const [part, setPart] = useState('periods');
  return (
    <Stack gap="sm" data-testid="document-settings">
      <SegmentedControl size="xs" w="fit-content" value={part} onChange={setPart} data={PARTS} data-testid="document-settings-part" />
      {part === 'periods' && <ReturnPeriodsForm canEdit={canEdit} />}
      {part === 'templates' && <TemplatesForm canEdit={canEdit} />}
      {part === 'requisites' && <OurRequisitesForm canEdit={canEdit} />}
    </Stack>
  );
}
