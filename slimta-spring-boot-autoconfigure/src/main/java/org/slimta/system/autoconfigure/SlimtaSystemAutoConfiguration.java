package org.slimta.system.autoconfigure;

import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.internal.NumberToUmaskConverter;
import org.slimta.system.autoconfigure.internal.StringToSignalConverter;
import org.slimta.system.daemon.Umask;
import org.slimta.system.signal.Signal;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds and validates {@code slimta.system.*}; the feature auto-configurations build on it.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnSlimtaSystemEnabled
@EnableConfigurationProperties(SlimtaSystemProperties.class)
public final class SlimtaSystemAutoConfiguration {

	// Static: binding converters must exist before any @ConfigurationProperties bean is bound.
	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Signal> slimtaStringToSignalConverter() {
		return new StringToSignalConverter();
	}

	@Bean
	@ConfigurationPropertiesBinding
	static Converter<Integer, Umask> slimtaNumberToUmaskConverter() {
		return new NumberToUmaskConverter();
	}

}
