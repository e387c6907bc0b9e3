import { Tooltip } from '@mantine/core';
import { cloneElement, type ReactElement } from 'react';
import { contract, type Channel } from '../../../shared/api/contract';
import { roleAtLeast, type Role } from '../../../shared/domain/user';
import { useShop } from '../app/shop';
import { useI18n } from '../i18n/i18n';

/** A channel's least role comes from the contract; a role stands for a check main makes inside a call (a discount at checkout). */
export type Need = Role | Channel;
const roleOf = (need: Need): Role => (Object.prototype.hasOwnProperty.call(contract, need) ? contract[need as Channel].role : (need as Role));

/** Whether the current user may do it. Main enforces it whatever the screen shows; this only spares a refusal. */
export function useAllowed(): (need: Need) => boolean {
  const { user } = useShop();
  return (need) => user === null || roleAtLeast(user.role, roleOf(need));
}

/** "Only a manager or the owner may do this." for a need. */
export function useNeedsText(): (need: Need) => string {
  const { t } = useI18n();
  return (need) => t(roleOf(need) === 'owner' ? 'role.needs.owner' : 'role.needs.manager');
}

/**
 * Its child (a button) as it is when the user's role allows it; otherwise disabled, with a tooltip
 * saying who may do it (on a wrapper: a disabled button gets no mouse events).
 */
export function RoleGate(props: { need: Need; children: ReactElement<{ disabled?: boolean }>; block?: boolean }) {
  const allowed = useAllowed()(props.need);
  const needs = useNeedsText()(props.need);
  if (allowed) return props.children;
  return (
    <Tooltip label={needs} withArrow>
      <span style={{ display: props.block ? 'block' : 'inline-block' }} data-role-gate={roleOf(props.need)} aria-label={needs}>
        {cloneElement(props.children, { disabled: true })}
      </span>
    </Tooltip>
  );
}
