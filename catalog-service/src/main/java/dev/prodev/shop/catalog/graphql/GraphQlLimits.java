package dev.prodev.shop.catalog.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * A public GraphQL endpoint must bound what one request can cost: a maximum nesting depth and
 * a maximum complexity (one point per field) are checked before anything executes.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${shop.catalog.graphql.max-depth:6}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
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
                    return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(input.getMessage())
                            .build();
                }
                return null;
            }
        };
    }
}
