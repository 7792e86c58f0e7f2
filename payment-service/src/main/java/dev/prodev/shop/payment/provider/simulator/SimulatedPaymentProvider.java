package dev.prodev.shop.payment.provider.simulator;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.PaymentProvider;
import dev.prodev.shop.payment.provider.ProviderException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The default provider: no network, outcomes chosen by the amount's cents so tests and demos can
 * trigger every path on purpose.
 *
 * <table>
 * <caption>Outcome by the cents of the amount</caption>
 * <tr><th>cents</th><th>outcome</th></tr>
 * <tr><td>.13</td><td>declined ({@value #DECLINED_REASON})</td></tr>
 * <tr><td>.42</td><td>provider error (exception) -> payment FAILED, reason {@code provider-unavailable}</td></tr>
 * <tr><td>.99</td><td>slow: answers after {@code shop.payment.simulator.slow-delay} (default 10 s), longer than the
 * time limiter -> FAILED, reason {@code provider-unavailable}</td></tr>
 * <tr><td>anything else</td><td>authorized, reference {@code sim-<our reference>}</td></tr>
 * </table>
 * Refunds succeed, except that the first refund of an amount ending in .98 happens but its answer is
 * lost (a provider error after the fact): the payment becomes REFUND_PENDING, and a retry with the
 * same refund reference answers success, as an idempotent provider would (issue #14, finding 5).
 * {@link #verify} reports every reference as authorized.
 */
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String NAME = "simulator";
    public static final String DECLINED_REASON = "card declined (simulated: amount ends in .13)";

    /** Cents of an amount whose first refund happens but answers with an error. */
    public static final int LOST_REFUND_CENTS = 98;

    private final Duration slowDelay;
    // refund references this simulator has refunded: a retry with the same reference is answered, not repeated
    private final java.util.Set<String> refundsDone = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SimulatedPaymentProvider(Duration slowDelay) {
        this.slowDelay = slowDelay;
    }

    /** What the simulator does for {@code amount}. */
    public enum Behaviour {
        AUTHORIZE,
        DECLINE,
        FAIL,
        SLOW;

        public static Behaviour forAmount(BigDecimal amount) {
            var cents = amount.setScale(2, RoundingMode.HALF_EVEN)
                    .remainder(BigDecimal.ONE)
                    .abs()
                    .movePointRight(2)
                    .intValue();
            return switch (cents) {
                case 13 -> DECLINE;
                case 42 -> FAIL;
                case 99 -> SLOW;
                default -> AUTHORIZE;
            };
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthorizationResult authorize(AuthorizationRequest request) {
        return switch (Behaviour.forAmount(request.amount().amount())) {
            case DECLINE -> new Declined(DECLINED_REASON);
            case FAIL -> throw new ProviderException("simulated provider error (amount ends in .42)");
            case SLOW -> {
                sleep(slowDelay);
                yield new Authorized("sim-" + request.reference(), request.amount());
            }
            case AUTHORIZE -> new Authorized("sim-" + request.reference(), request.amount());
        };
    }

    @Override
    public AuthorizationResult verify(String reference, Money requested) {
        // the simulator charges exactly what it is asked, and only what authorize() would have taken
        return switch (Behaviour.forAmount(requested.amount())) {
            case DECLINE -> new Declined(DECLINED_REASON);
            case FAIL -> new Declined("simulated provider never took " + reference);
            case SLOW, AUTHORIZE -> new Authorized(reference, requested);
        };
    }

    @Override
    public String refund(String reference, String refundReference, Money amount, String reason) {
        var cents = amount.amount()
                .setScale(2, RoundingMode.HALF_EVEN)
                .remainder(BigDecimal.ONE)
                .abs()
                .movePointRight(2)
                .intValue();
        if (cents == LOST_REFUND_CENTS && refundsDone.add(refundReference)) {
            throw new ProviderException("simulated refund done but its answer lost (amount ends in .98)");
        }
        return "sim-" + refundReference;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException ex) {
            // the time limiter gave up on us: stop, like a cancelled HTTP call
            Thread.currentThread().interrupt();
            throw new ProviderException("simulated slow call interrupted", ex);
        }
    }
}
