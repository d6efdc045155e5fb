package org.slimta.system.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds {@code slimta.system.*} before the application context exists (to decide on a relaunch),
 * with the same converters, and so the same errors, as the context's own binding, and checks it as
 * that binding does.
 */
final class SlimtaSystemPropertiesBinder {

	private SlimtaSystemPropertiesBinder() {
	}

	static SlimtaSystemProperties bind(ConfigurableEnvironment environment) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(new StringToSignalConverter());
		conversionService.addConverter(new NumberToUmaskConverter());
		Binder binder = new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversionService);
		SlimtaSystemProperties properties = binder.bind("slimta.system", SlimtaSystemProperties.class)
			.orElseGet(SlimtaSystemProperties::new);
		properties.validate();
		return properties;
	}

}
