package dev.prodev.shop.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The local Redis (started by {@code deploy/local/infra up}); checked once so a missing one fails clearly. */
public final class LocalRedis {

    private static volatile boolean checked;

    private LocalRedis() {}

    public static String host() {
        return LocalPostgres.env("SHOP_TEST_REDIS_HOST", "127.0.0.1");
    }

    public static int port() {
        var port = Integer.parseInt(LocalPostgres.env("SHOP_TEST_REDIS_PORT", "6379"));
        if (!checked) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(), port), 2000);
                checked = true;
            } catch (IOException ex) {
                throw new IllegalStateException(
                        "No Docker engine and no Redis at " + host() + ":" + port
                                + ". Run 'deploy/local/infra up' (it installs and starts Redis), start Docker, "
                                + "or set SHOP_TEST_REDIS_HOST/SHOP_TEST_REDIS_PORT.",
                        ex);
            }
        }
        return port;
    }
}
