"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { changePassword } from "@/lib/auth/change-password";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { requireActionSession, requireActionUser } from "@/lib/auth/require-user";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { updateName } from "@/lib/auth/update-name";
import { errorState, field, type FormState } from "@/app/_components/form-state";

export async function updateNameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { name: field(formData, "name") };
  try {
    const user = await requireActionUser();
    const name = await updateName({ userId: user.id, name: values.name });
    // The name also shows in the app shell on every page.
    revalidatePath("/", "layout");
    return { status: "success", message: "Your name was saved.", values: { name } };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const { user, sessionId } = await requireActionSession();
    const { signedOutSessions } = await changePassword({
      userId: user.id,
      sessionId,
      currentPassword: field(formData, "currentPassword"),
      newPassword: field(formData, "newPassword"),
      clientIp: clientIpFromHeaders(await headers()),
    });
    revalidatePath("/settings");
    const others =
      signedOutSessions === 0 ? "" : ` ${signedOutSessions} other ${signedOutSessions === 1 ? "session was" : "sessions were"} signed out.`;
    return { status: "success", message: `Your password was changed.${others}` };
  } catch (error) {
    return errorState(error);
  }
}

/** Ends every session of the user, this one included, then leaves for the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const { user } = await requireActionSession();
  await revokeOtherSessions(user.id, null);
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
}
