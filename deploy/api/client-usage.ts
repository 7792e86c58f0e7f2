// Compiled (tsc --strict) against the types openapi-typescript generates from the aggregated
// document: if an operation the storefront uses loses its path or its shape, this stops compiling.
import type { paths, components } from "./shop-api";

type ProductList = paths["/api/v1/products"]["get"]["responses"][200]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];

export function firstProductName(page: ProductList): string | undefined {
  return page.items?.[0]?.name;
}

export function problemTitle(problem: Problem): string {
  return `${problem.status} ${problem.title}`;
}
