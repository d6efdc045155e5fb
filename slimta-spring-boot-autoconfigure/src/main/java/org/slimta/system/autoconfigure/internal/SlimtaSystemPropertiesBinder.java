package org.slimta.system.autoconfigure.internal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;

import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Binds {@code slimta.system.*} before the application context exists (to decide on a relaunch),
 * with the same converters, and so the same errors, as the context's own binding, and checks it as
 * that binding does: an unknown property or a {@code shutdown-on} signal that is not handled fails.
 * Unlike the context's binding it also refuses unknown names from system properties and
 * environment variables, where a misspelt {@code -Dslimta.system.privileges.user} is as likely.
 * The one way {@code slimta.system.*} is bound outside the context's own binding: properties that
 * name something in the system (a user, a group) are looked up through a converter of the same
 * binding, so that a failed lookup is explained as an invalid value.
 */
public final class SlimtaSystemPropertiesBinder {

	private SlimtaSystemPropertiesBinder() {
	}

	/**
	 * Bind and check {@code slimta.system.*}.
	 * @param environment the environment to bind from
	 * @return the properties, defaults where none are set
	 */
	public static SlimtaSystemProperties bind(ConfigurableEnvironment environment) {
		if (!isSet(environment)) {
			// The defaults, without the binder and its converters: what a JVM about to be relaunched would load for nothing.
			SlimtaSystemProperties defaults = new SlimtaSystemProperties();
			defaults.afterPropertiesSet();
			return defaults;
		}
		BindHandler handler = new UnknownPropertiesBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler());
		SlimtaSystemProperties properties = binder(environment, conversionService())
			.bind(SlimtaSystemPropertyNames.PREFIX, Bindable.of(SlimtaSystemProperties.class), handler)
			.orElseGet(SlimtaSystemProperties::new);
		properties.afterPropertiesSet();
		return properties;
	}

	/**
	 * Bind one property of {@code slimta.system.*} to what a lookup in the system makes of its
	 * value (a user, a group), with the converters of {@link #bind}: a value the lookup refuses
	 * with an {@link org.slimta.system.internal.InvalidValueException} fails as an invalid value of that
	 * property, named with its value and where it was set.
	 * @param <T> what the lookup gives
	 * @param environment the environment to bind from
	 * @param name the property, for example {@code slimta.system.privileges.user}
	 * @param type what the lookup gives
	 * @param lookup the lookup
	 * @return what the lookup gave, or empty where the property is not set
	 */
	public static <T> Optional<T> lookUp(ConfigurableEnvironment environment, String name, Class<T> type,
			Converter<String, T> lookup) {
		ApplicationConversionService conversionService = conversionService();
		conversionService.addConverter(String.class, type, lookup);
		BindResult<T> result = binder(environment, conversionService).bind(name, Bindable.of(type));
		return result.isBound() ? Optional.of(result.get()) : Optional.empty();
	}

	// Whether any property source may hold a property of slimta.system, by Spring Boot's relaxed names.
	private static boolean isSet(ConfigurableEnvironment environment) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of("slimta.system");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(prefix) != ConfigurationPropertyState.ABSENT) {
				return true;
			}
		}
		return false;
	}

	private static ApplicationConversionService conversionService() {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(new StringToSignalConverter());
		conversionService.addConverter(new NumberToUmaskConverter());
		return conversionService;
	}

	private static Binder binder(ConfigurableEnvironment environment, ApplicationConversionService conversionService) {
		return new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversionService);
	}

	/**
	 * Spring Boot's check for unknown properties over every property source, forgiving only an
	 * environment variable that spells a known property with underscores for its dashes.
	 */
	private static final class UnknownPropertiesBindHandler extends NoUnboundElementsBindHandler {

		UnknownPropertiesBindHandler(BindHandler parent) {
			super(parent, (source) -> true);
		}

		@Override
		public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				@Nullable Object result) throws Exception {
			try {
				super.onFinish(name, target, context, result);
			}
			catch (UnboundConfigurationPropertiesException ex) {
				Set<ConfigurationProperty> unknown = ex.getUnboundProperties()
					.stream()
					.filter((property) -> !isEnvironmentVariableSpelling(property))
					.collect(Collectors.toCollection(TreeSet::new));
				if (!unknown.isEmpty()) {
					throw new UnboundConfigurationPropertiesException(unknown);
				}
			}
		}

		private static boolean isEnvironmentVariableSpelling(ConfigurationProperty property) {
			Object source = (property.getSource() != null) ? property.getSource().getUnderlyingSource() : null;
			return source instanceof PropertySource<?> propertySource
					&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName())
					&& SlimtaSystemPropertyNames.isKnownIgnoringSeparators(property.getName());
		}

	}

}
