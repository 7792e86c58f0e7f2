package dev.prodev.shop.catalog.graphql;

import dev.prodev.shop.catalog.product.ProductQuery;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLObjectType;

/**
 * A cost limit that counts results, not fields: a field costs 1 plus what it returns, and a list
 * costs its length times its element's cost (a product page its {@code size}, a category's
 * products {@value CatalogGraphQlController#PRODUCTS_PER_CATEGORY}, a category list an estimate).
 * Aliases are separate fields, so 100 aliased searches of 100 products cost 100 times one. It is
 * computed from the parsed query before any resolver runs: a refused query runs no SQL.
 */
class QueryCost extends MaxQueryComplexityInstrumentation {

    private final int maxCost;

    QueryCost(int maxCost, int categoryListEstimate) {
        super(maxCost, calculator(categoryListEstimate));
        this.maxCost = maxCost;
    }

    int maxCost() {
        return maxCost;
    }

    static FieldComplexityCalculator calculator(int categoryListEstimate) {
        return (env, childCost) -> {
            var each = 1 + childCost;
            return switch (typeName(env) + "." + env.getField().getName()) {
                case "ProductPage.items" -> pageSize(env.getParentEnvironment()) * each;
                case "Category.products" -> CatalogGraphQlController.PRODUCTS_PER_CATEGORY * each;
                case "Query.categories", "Category.children" -> categoryListEstimate * each;
                default -> each;
            };
        };
    }

    private static String typeName(FieldComplexityEnvironment env) {
        return env.getParentType() instanceof GraphQLObjectType type ? type.getName() : "";
    }

    /** The page size the query asks for, capped at the largest allowed (a larger one is refused anyway). */
    private static int pageSize(FieldComplexityEnvironment products) {
        if (products == null || !(products.getArguments().get("size") instanceof Integer size)) {
            return 20;
        }
        return Math.max(1, Math.min(size, ProductQuery.MAX_PAGE_SIZE));
    }

    @Override
    protected AbortExecutionException mkAbortException(int cost, int max) {
        return new AbortExecutionException("Query too expensive: its complexity (cost) is " + cost
                + ", the limit is " + max + ". The cost counts every field of every result (page size × nesting, "
                + "aliases included); ask for smaller pages, fewer fields or fewer aliased queries.");
    }
}
