package dev.prodev.shop.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local PostgreSQL, with one fresh database per test run (per JVM), dropped when the JVM
 * ends. Connection settings come from the environment, defaulting to what
 * {@code deploy/local/infra up} creates: role {@code shop_test} (CREATEDB) on 127.0.0.1:5432.
 */
public final class LocalPostgres {

    private static volatile LocalPostgres instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;

    private LocalPostgres(String host, int port, String user, String password, String database) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** The database of this test run, created on first use. */
    public static LocalPostgres freshDatabase() {
        var result = instance;
        if (result == null) {
            synchronized (LocalPostgres.class) {
                result = instance;
                if (result == null) {
                    result = create();
                    instance = result;
                }
            }
        }
        return result;
    }

    private static LocalPostgres create() {
        var host = env("SHOP_TEST_PG_HOST", "127.0.0.1");
        var port = Integer.parseInt(env("SHOP_TEST_PG_PORT", "5432"));
        var user = env("SHOP_TEST_PG_USER", "shop_test");
        var password = env("SHOP_TEST_PG_PASSWORD", "shop_test");
        var database = "shop_it_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        var pg = new LocalPostgres(host, port, user, password, database);
        try (var admin = pg.connect("postgres");
                var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "No Docker engine, and the local PostgreSQL at " + host + ":" + port
                            + " did not let role '" + user + "' create a test database (" + ex.getMessage() + "). "
                            + "Run 'deploy/local/infra up' (it installs and starts PostgreSQL and Redis and creates that role), "
                            + "or start Docker, or point SHOP_TEST_PG_HOST/PORT/USER/PASSWORD at a PostgreSQL role with CREATEDB.",
                    ex);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pg::drop, "drop-" + database));
        return pg;
    }

    private void drop() {
        try (var admin = connect("postgres");
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException ex) {
            System.err.println("[shop-test] could not drop test database " + database + ": " + ex.getMessage());
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), user, password);
    }

    private String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String database() {
        return database;
    }

    public String username() {
        return user;
    }

    public String password() {
        return password;
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
