package dev.prodev.shop.catalog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The cost model on the real schema, without a database: what it charges, and that it refuses before any resolver. */
class QueryCostTest {

    private final AtomicInteger resolverCalls = new AtomicInteger();

    private GraphQL graphQl(int maxCost) throws IOException {
        var sdl = new ClassPathResource("graphql/catalog.graphqls").getContentAsString(StandardCharsets.UTF_8);
        var wiring = RuntimeWiring.newRuntimeWiring()
                .type(
                        "Query",
                        type -> type.defaultDataFetcher(env -> {
                            resolverCalls.incrementAndGet();
                            return null;
                        }))
                .build();
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        return GraphQL.newGraphQL(schema)
                .instrumentation(new QueryCost(maxCost, 10))
                .build();
    }

    private String error(GraphQL graphQl, String query) {
        // the stub resolvers answer null, which non-null fields report: only the cost error matters here
        var result = graphQl.execute(
                ExecutionInput.newExecutionInput(query).variables(Map.of()).build());
        return result.getErrors().stream()
                .map(graphql.GraphQLError::getMessage)
                .filter(m -> m.contains("cost"))
                .findFirst()
                .orElse(null);
    }

    @Test
    void chargesPageSizeTimesTheFieldsOfEachItem() throws IOException {
        // 1 (products) + 100 x (1 + id + sku) = 301 and 1 + 50 x 3 = 151
        assertThat(error(graphQl(301), "{ products(size: 100) { items { id sku } } }"))
                .isNull();
        assertThat(error(graphQl(300), "{ products(size: 100) { items { id sku } } }"))
                .contains("cost) is 301");
        assertThat(error(graphQl(151), "{ products(size: 50) { items { id sku } } }"))
                .isNull();
        // the default page size is 20; with variables the resolved size counts
        assertThat(error(graphQl(60), "{ products { items { id sku } } }")).contains("cost) is 61");
        assertThat(error(graphQl(60), "query($s: Int) { products(size: $s) { items { id } } }"))
                .isNull();
    }

    @Test
    void aliasesAddUpAndNestedListsMultiply() throws IOException {
        var query = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            query.append(" s").append(i).append(": products(size: 100) { items { id sku } }");
        }
        assertThat(error(graphQl(3000), query.append(" }").toString()))
                .contains("cost) is 30100")
                .contains("limit is 3000");
        assertThat(resolverCalls).as("refused before any resolver ran").hasValue(0);
        // categories (estimate 10) x (1 + products: 20 x (1 + sku))
        assertThat(error(graphQl(1), "{ categories { products { sku } } }")).contains("cost) is 410");
    }
}
