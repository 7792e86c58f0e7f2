package dev.prodev.shop.gateway.blocklist;

import dev.prodev.shop.gateway.clientip.IpAddresses;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IPv4 or IPv6 literal in any spelling; never a host name (no DNS lookups on admin input). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpLiteral.Validator.class)
public @interface IpLiteral {

    String message() default "must be an IPv4 or IPv6 address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IpLiteral, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || IpAddresses.parse(value).isPresent();
        }
    }
}
