package dev.prodev.shop.catalog.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

/**
 * A public GraphQL endpoint must bound what one request can cost: a maximum nesting depth, a
 * maximum number of fields, and a maximum cost counting result sizes ({@link QueryCost}) are
 * all checked before anything executes, in that order: a query refused for several reasons
 * names the first (a deep query multiplies its cost, so depth names the real problem).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    @Order(-1)
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${shop.catalog.graphql.max-depth:6}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
    @Order(0)
    QueryCost maxQueryCost(
            @Value("${shop.catalog.graphql.max-cost:3000}") int maxCost,
            @Value("${shop.catalog.graphql.category-list-estimate:10}") int categoryListEstimate) {
        return new QueryCost(maxCost, categoryListEstimate);
    }

    @Bean
    @Order(1)
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${shop.catalog.graphql.max-complexity:200}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity);
    }

    /** Argument mistakes become BAD_REQUEST errors with a helpful message instead of INTERNAL_ERROR. */
    @Bean
    DataFetcherExceptionResolver catalogGraphQlErrors() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
                if (ex instanceof CatalogGraphQlController.GraphQlInputException input) {
                    return GraphqlErrorBuilder.newError(env)
                            .errorType(input.errorType())
                            .message(input.getMessage())
                            .build();
                }
                return null;
            }
        };
    }
}
