import { CLAIM_ACTIONS, type TClaim, type TClaimAction } from '@anxin/contracts';
import { Button } from 'antd';
import { useState } from 'react';
import { isClaimNextAction, useClaimLabels, type ClaimNextAction } from '../../components/claim-labels.ts';
import { ApproveModal } from './approve-modal.tsx';
import { AssignModal } from './assign-modal.tsx';
import { DenialNoticeModal, DenyModal } from './deny-modal.tsx';
import { DocumentNoticeModal } from './document-notice-modal.tsx';
import { FlagModal } from './flag-modal.tsx';
import { PaymentModal } from './payment-modal.tsx';
import { TransitionModal } from './transition-modal.tsx';

// Uploading and adjusting happen in their cards on the page, not in a dialog.
const INLINE: readonly ClaimNextAction[] = ['upload_document', 'adjust'];
// The one step that moves the claim forward is the primary button (payment only once approved: before
// that it is an advance, not the next step); the ones that end or undo the claim are red.
const FORWARD: readonly ClaimNextAction[] = ['register', 'start_assessment', 'complete_documents', 'submit_for_approval', 'approve', 'close'];
const primaryOf = (claim: TClaim, actions: ClaimNextAction[]) =>
  claim.status === 'paying' && actions.includes('pay') ? 'pay' : actions.find((a) => FORWARD.includes(a));
const DANGER: readonly ClaimNextAction[] = ['deny', 'withdraw'];

const isTransition = (action: ClaimNextAction): action is TClaimAction => (CLAIM_ACTIONS as readonly string[]).includes(action);

/** The buttons for what the server says the user may do next (`nextActions`), and their dialogs. */
export function ClaimActions({ claim }: { claim: TClaim }) {
  const claimLabels = useClaimLabels();
  const [open, setOpen] = useState<ClaimNextAction | null>(null);
  const actions = claim.nextActions.filter(isClaimNextAction).filter((a) => !INLINE.includes(a));
  const close = () => setOpen(null);
  const primary = primaryOf(claim, actions);

  return (
    <>
      {actions.map((action) => (
        <Button
          key={action}
          type={action === primary ? 'primary' : 'default'}
          danger={DANGER.includes(action)}
          onClick={() => setOpen(action)}
          data-testid={`claim-action-${action}`}
        >
          {claimLabels.action(action)}
        </Button>
      ))}
      {open !== null && isTransition(open) && <TransitionModal claim={claim} action={open} onClose={close} />}
      {open === 'request_documents' && <DocumentNoticeModal claim={claim} onClose={close} />}
      {open === 'approve' && <ApproveModal claim={claim} onClose={close} />}
      {open === 'deny' && <DenyModal claim={claim} onClose={close} />}
      {open === 'denial_notice' && <DenialNoticeModal claim={claim} onClose={close} />}
      {open === 'pay' && <PaymentModal claim={claim} onClose={close} />}
      {open === 'assign' && <AssignModal claim={claim} onClose={close} />}
      {open === 'flag' && <FlagModal claim={claim} onClose={close} />}
    </>
  );
}
