package dev.prodev.shop.test;

import java.util.EnumMap;
import java.util.Map;

/**
 * The five callers every authorization-matrix test asks about: nobody, a customer who owns the
 * resource (alice), another customer (bob), an admin and an SRE. {@link #tokens} gives each a real
 * signed token from {@link TestTokens}; {@link #pick} reads a matrix row's expected status.
 */
public enum MatrixCaller {
    ANONYMOUS,
    ALICE,
    BOB,
    ADMIN,
    SRE;

    /** The callers with the admin last: for writes, so every refusal before it meets the resource unchanged. */
    public static final java.util.List<MatrixCaller> ADMIN_LAST = java.util.List.of(ANONYMOUS, ALICE, BOB, SRE, ADMIN);

    /** The {@code sub} this caller has in one test run: {@code matrix-<caller>-<run>}. */
    public String subject(String run) {
        return "matrix-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + run;
    }

    /**
     * A bearer token per caller for one run, with the realm roles the demo users have (customers
     * {@code customer}, the admin {@code admin} and {@code customer}, the SRE {@code sre}); anonymous
     * has none ({@code get} returns {@code null}).
     */
    public static Map<MatrixCaller, String> tokens(String run) {
        var tokens = new EnumMap<MatrixCaller, String>(MatrixCaller.class);
        tokens.put(ALICE, TestTokens.bearer(ALICE.subject(run), "customer"));
        tokens.put(BOB, TestTokens.bearer(BOB.subject(run), "customer"));
        tokens.put(ADMIN, TestTokens.bearer(ADMIN.subject(run), "admin", "customer"));
        tokens.put(SRE, TestTokens.bearer(SRE.subject(run), "sre"));
        return tokens;
    }

    /** This caller's entry of a row written in the order anonymous, alice, bob, admin, sre. */
    public int pick(int anonymous, int alice, int bob, int admin, int sre) {
        return switch (this) {
            case ANONYMOUS -> anonymous;
            case ALICE -> alice;
            case BOB -> bob;
            case ADMIN -> admin;
            case SRE -> sre;
        };
    }
}
