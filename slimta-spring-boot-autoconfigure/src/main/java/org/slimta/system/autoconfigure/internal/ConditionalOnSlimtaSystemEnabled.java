package org.slimta.system.autoconfigure.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * {@link Conditional @Conditional} that matches while the master switch
 * {@value OnSlimtaSystemEnabledCondition#PROPERTY} is on, which it is unless set to {@code false}.
 * Every auto-configuration of the system helpers carries it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSlimtaSystemEnabledCondition.class)
public @interface ConditionalOnSlimtaSystemEnabled {

}
