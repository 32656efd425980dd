"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { addToCart, emptyCart, parseQuantity, setLineQuantity } from "@/lib/checkout/cart";
import { db } from "@/lib/db/client";

export async function addToCartAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { productId: field(formData, "productId"), quantity: field(formData, "quantity") || "1" };
  try {
    const user = await requireActionUser();
    const quantity = parseQuantity(values.quantity);
    await db().$transaction((tx) => addToCart(tx, user.id, { productId: values.productId, quantity }));
    revalidatePath("/cart");
    return { status: "success", message: "Added to your cart.", values };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function setQuantityAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { lineId: field(formData, "lineId"), quantity: field(formData, "quantity") };
  try {
    const user = await requireActionUser();
    const quantity = parseQuantity(values.quantity);
    await db().$transaction((tx) => setLineQuantity(tx, user.id, { lineId: values.lineId, quantity }));
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/cart");
  return { status: "success" };
}

export async function removeLineAction(formData: FormData): Promise<void> {
  const user = await requireActionUser();
  await db().$transaction((tx) => setLineQuantity(tx, user.id, { lineId: field(formData, "lineId"), quantity: 0 }));
  revalidatePath("/cart");
  redirect("/cart");
}

export async function emptyCartAction(): Promise<void> {
  const user = await requireActionUser();
  await db().$transaction((tx) => emptyCart(tx, user.id));
  revalidatePath("/cart");
  redirect("/cart");
}
