package dev.prodev.shop.payment.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.payment.*}.
 *
 * @param provider the adapter new payments are made with: {@code simulator} (default) or {@code chapa}
 */
@ConfigurationProperties("shop.payment")
public record PaymentProperties(@DefaultValue("simulator") String provider) {}
