import { IMPORT_FIELDS } from '@anxin/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttributeLabel, useCustomerAttributes } from '../../../api/customer-attributes.ts';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';

type KnownField = (typeof IMPORT_FIELDS)[keyof typeof IMPORT_FIELDS][number];
const KNOWN = new Set<string>(Object.values(IMPORT_FIELDS).flat());
const isKnown = (field: string): field is KnownField => KNOWN.has(field);

/** The translated name of an import target field; `attributes.<key>` shows the attribute's label. */
export function useImportFieldLabel() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const attributes = useCustomerAttributes({ enabled: can(me, 'customer:read') });
  const attributeLabel = useAttributeLabel();
  return useCallback(
    (field: string) => {
      if (isKnown(field)) return t(`imports.fields.${field}`);
      if (field.startsWith('attributes.')) {
        const key = field.slice('attributes.'.length);
        const definition = attributes.data?.find((a) => a.key === key);
        return t('imports.attributeField', { label: definition ? attributeLabel.of(definition) : key });
      }
      return field;
    },
    [t, attributes.data, attributeLabel],
  );
}
