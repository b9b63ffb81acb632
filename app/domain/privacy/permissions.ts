// Who may leave: pure, shared by /me/delete (to show the form or the reason it is not offered)
// and the use case (to refuse). Browser-safe.
import type { Actor } from "../accounts/permissions";
import { msg, type Message } from "../../utils/result";

/** The name an account carries once the person has left (decision 036); pages show it translated. */
export const FORMER_MEMBER_NAME = "탈퇴한 회원";

/**
 * Staff act for the operator and answer for what they did: their account leaves only once an
 * administrator has taken their roles away (which is audited), so that no role is left held by
 * nobody and the last administrator cannot delete the site's administration by accident.
 */
export function leaveRefusal(actor: Actor, account: { deleted_at: Date | null }): { message: Message; status: 409; field?: string } | null {
  if (account.deleted_at) return { message: msg("privacy.errors.alreadyDeleted"), status: 409 };
  if (actor.grants.length > 0) return { message: msg("privacy.errors.staffMustStepDown"), status: 409 };
  return null;
}
