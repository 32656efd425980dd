"use server";

// Thin server actions for companies: parse the form, authorize (requireActionUser + the lib
// function's own requireCompanyAccess), call lib/companies, revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { createCompany } from "@/lib/companies/create-company";
import { deleteCompany } from "@/lib/companies/delete-company";
import { setStayPrivate } from "@/lib/companies/going-public";
import { grantAccess, revokeAccess } from "@/lib/companies/members";
import { createProduct, setProductActive, updateProduct } from "@/lib/companies/products";
import { db } from "@/lib/db/client";

export async function createCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = { name: field(formData, "name"), ticker: field(formData, "ticker"), description: field(formData, "description") };
  let ticker: string;
  try {
    const user = await requireActionUser();
    ticker = (await createCompany(db(), user, values)).ticker;
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/companies");
  redirect(`/companies/${ticker}`);
}

function productValues(formData: FormData) {
  return {
    name: field(formData, "name"),
    description: field(formData, "description"),
    price: field(formData, "price"),
    active: field(formData, "active") !== "" ? "on" : "",
  };
}

export async function saveProductAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = productValues(formData);
  const companyId = field(formData, "companyId");
  const productId = field(formData, "productId");
  const ticker = field(formData, "ticker");
  try {
    const user = await requireActionUser();
    const input = { ...values, active: values.active === "on" };
    if (productId) await updateProduct(db(), user, productId, input);
    else await createProduct(db(), user, companyId, input);
    revalidatePath(`/companies/${ticker}`);
    revalidatePath(`/companies/${ticker}/products`);
    return { status: "success", message: productId ? "Product saved." : `Added ${values.name.trim()}.`, values: productId ? values : undefined };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function toggleProductAction(formData: FormData): Promise<void> {
  const user = await requireActionUser();
  await setProductActive(db(), user, field(formData, "productId"), field(formData, "active") === "true");
  revalidatePath(`/companies/${field(formData, "ticker")}/products`);
}

export async function grantAccessAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = { email: field(formData, "email"), role: field(formData, "role") };
  try {
    const user = await requireActionUser();
    const member = await grantAccess(db(), user, field(formData, "companyId"), { email: values.email, role: values.role as "owner" | "manager" });
    revalidatePath(`/companies/${field(formData, "ticker")}/members`);
    return { status: "success", message: `${member.name} is now ${member.role === "owner" ? "an owner" : "a manager"}.` };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function revokeAccessAction(_: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser();
    await revokeAccess(db(), user, field(formData, "companyId"), field(formData, "userId"));
    revalidatePath(`/companies/${field(formData, "ticker")}/members`);
    return { status: "success", message: "Access revoked." };
  } catch (error) {
    return errorState(error);
  }
}

export async function stayPrivateAction(_: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser();
    const stay = field(formData, "stayPrivate") === "true";
    await setStayPrivate(db(), user, field(formData, "companyId"), stay);
    revalidatePath(`/companies/${field(formData, "ticker")}`);
    return { status: "success", message: stay ? "The company will stay private." : "The company will list once it qualifies." };
  } catch (error) {
    return errorState(error);
  }
}

export async function deleteCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser();
    await deleteCompany(db(), user, field(formData, "companyId"));
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/companies");
  redirect("/companies");
}
