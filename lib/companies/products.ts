// Products: owners and managers ("spend" on the company) create, edit and deactivate them. Prices
// are parsed exactly into minor units of the company's operating currency.
import type { Db, Tx } from "../db/client";
import { AppError, isAppError } from "../errors/app-error";
import { requireCompanyAccess, type Actor } from "../ledger/account-access";
import { parseAmount } from "../money/amount";
import { marketConfig } from "../market/config";
import { isRecordId } from "../validation/record-id";
import { parseInput, productSchema, type ProductInput } from "./company.schema";

export interface ProductView {
  id: string;
  name: string;
  description: string;
  priceMinor: bigint;
  currency: string;
  active: boolean;
  totalSales: bigint;
}

const productSelect = { id: true, name: true, description: true, priceMinor: true, currency: true, active: true, totalSales: true } as const;

export async function listProducts(tx: Tx, companyId: string): Promise<ProductView[]> {
  // GOODS kind only: tickets belong to events (checkout), not to the marketplace.
  return tx.product.findMany({ where: { companyId, kind: "GOODS" }, select: productSelect, orderBy: [{ active: "desc" }, { name: "asc" }] });
}

function parsePrice(text: string, currency: string): bigint {
  try {
    const minor = parseAmount(text, currency);
    if (minor <= 0n) throw new AppError("invalid_input", "A price must be more than zero.");
    return minor;
  } catch (error) {
    const message = error instanceof Error ? error.message : "Enter a price, e.g. 12.50.";
    throw new AppError("invalid_input", message, { fieldErrors: { price: message } });
  }
}

export async function createProduct(prisma: Db, actor: Actor, companyId: string, input: ProductInput): Promise<ProductView> {
  const data = parseInput(productSchema, input, "product");
  const currency = marketConfig().currency;
  const priceMinor = parsePrice(data.price, currency);
  return prisma.$transaction(async (tx) => {
    await requireCompanyAccess(tx, actor, { id: companyId }, "spend");
    return tx.product.create({
      data: { companyId, name: data.name, description: data.description, priceMinor, currency, active: data.active },
      select: productSelect,
    });
  });
}

export async function updateProduct(prisma: Db, actor: Actor, productId: string, input: ProductInput): Promise<ProductView> {
  const data = parseInput(productSchema, input, "product");
  return prisma.$transaction(async (tx) => {
    const product = !isRecordId(productId) ? null : await tx.product.findUnique({ where: { id: productId }, select: { companyId: true, currency: true, kind: true } });
    if (!product || product.kind !== "GOODS") throw new AppError("not_found", "Product not found.");
    await requireProductAccess(tx, actor, product.companyId);
    const priceMinor = parsePrice(data.price, product.currency);
    return tx.product.update({
      where: { id: productId },
      data: { name: data.name, description: data.description, priceMinor, active: data.active },
      select: productSelect,
    });
  });
}

export async function setProductActive(prisma: Db, actor: Actor, productId: string, active: boolean): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const product = !isRecordId(productId) ? null : await tx.product.findUnique({ where: { id: productId }, select: { companyId: true } });
    if (!product) throw new AppError("not_found", "Product not found.");
    await requireProductAccess(tx, actor, product.companyId);
    await tx.product.update({ where: { id: productId }, data: { active } });
  });
}

/**
 * The product's company, for its staff (owners and managers). Anyone else hears "Product not
 * found." — exactly what a nonexistent product answers — never "Company not found.", which would
 * tell them the product exists.
 */
async function requireProductAccess(tx: Tx, actor: Actor, companyId: string): Promise<void> {
  await requireCompanyAccess(tx, actor, { id: companyId }, "spend").catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") throw new AppError("not_found", "Product not found.");
    throw error;
  });
}
