import type { TRole } from '@anxin/contracts';
import { Flex, Tag } from 'antd';
import { useLabels } from '../i18n/labels.ts';

const ROLE_COLORS: Record<TRole, string> = {
  admin: 'red',
  branch_manager: 'volcano',
  compliance_auditor: 'purple',
  analyst: 'geekblue',
  agent: 'blue',
  csr: 'cyan',
  underwriter: 'gold',
  claims_adjuster: 'orange',
  complaint_handler: 'magenta',
};

export function RoleTags({ roles }: { roles: readonly TRole[] }) {
  const labels = useLabels();
  return (
    <Flex gap={4} wrap>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
          {labels.role(role)}
        </Tag>
      ))}
    </Flex>
  );
}
