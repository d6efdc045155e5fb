package org.slimta.sample;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A test run once for each value of {@code slimta.system.signals.backend} that takes signals on
 * Linux ({@code auto}, which is signalfd there, and {@code jdk}), given the value as its argument.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "signals.backend={0}")
@ValueSource(strings = { "auto", "jdk" })
@interface EachSignalBackend {

}
