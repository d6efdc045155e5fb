package org.slimta.system.autoconfigure.privilege;

import org.slimta.system.InvalidValueException;
import org.slimta.system.autoconfigure.InvalidSystemPropertyFailureAnalyzer;
import org.slimta.system.posix.GroupEntry;
import org.slimta.system.posix.Posix;
import org.slimta.system.posix.SupplementaryGroups;
import org.slimta.system.posix.UserEntry;
import org.slimta.system.privilege.PrivilegeDrop;
import org.slimta.system.privilege.PrivilegeDropper;
import org.slimta.system.privilege.PrivilegeTarget;
import org.slimta.system.privilege.ThreadCredentials;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.Environment;

/**
 * Resolves {@code slimta.system.privileges.*} into a {@link PrivilegeDrop} while the bean factory
 * is post-processed, before any application bean exists and long before any port is bound, and
 * binds every native call the drop will need. A user or group that cannot be used fails startup
 * as an invalid property (see {@link InvalidSystemPropertyFailureAnalyzer}).
 */
final class PrivilegeDropResolver implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	private static final String PREFIX = "slimta.system.privileges.";

	private Environment environment;

	private PrivilegeDrop drop;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		this.drop = resolve();
	}

	/**
	 * The drop the properties ask for.
	 * @return the drop
	 */
	PrivilegeDrop drop() {
		return this.drop;
	}

	private PrivilegeDrop resolve() {
		Binder plain = Binder.get(this.environment);
		boolean userSet = plain.bind(PREFIX + "user", String.class).isBound();
		boolean supplementaryGroups = plain.bind(PREFIX + "supplementary-groups", Boolean.class).orElse(true);
		// The lookups run as conversions, so that a failure names the property, its value and origin.
		DefaultConversionService conversion = new DefaultConversionService();
		conversion.addConverter(String.class, GroupEntry.class, (value) -> findGroup(value, userSet));
		Binder binder = new Binder(ConfigurationPropertySources.get(this.environment),
				new PropertySourcesPlaceholdersResolver(this.environment), conversion);
		GroupEntry group = binder.bind(PREFIX + "group", GroupEntry.class).orElse(null);
		conversion.addConverter(String.class, PrivilegeDrop.class,
				(value) -> decide(value, group, supplementaryGroups));
		return binder.bind(PREFIX + "user", Bindable.of(PrivilegeDrop.class)).orElseGet(PrivilegeDrop::notConfigured);
	}

	private GroupEntry findGroup(String value, boolean userSet) {
		if (!userSet) {
			throw new InvalidValueException(value,
					"a group alone is no privilege drop: 'slimta.system.privileges.user' is not set",
					"a group name or gid together with 'slimta.system.privileges.user'");
		}
		return PrivilegeTarget.findGroup(posix(value), value);
	}

	private PrivilegeDrop decide(String value, GroupEntry group, boolean supplementaryGroups) {
		Posix posix = posix(value);
		UserEntry user = PrivilegeTarget.findUser(posix, value);
		// Bound now: after the drop, jffi may not be allowed to write its stubs to java.io.tmpdir.
		SupplementaryGroups groups = SupplementaryGroups.get();
		PrivilegeTarget target = PrivilegeTarget.of(posix, user, group, supplementaryGroups, groups);
		try {
			return PrivilegeDrop.to(target, new PrivilegeDropper(posix, groups), ThreadCredentials.ofCurrentThread());
		}
		catch (IllegalStateException ex) {
			throw new InvalidValueException(value, ex.getMessage(),
					"the user this process already runs as, or start the application as root");
		}
	}

	private static Posix posix(String value) {
		if (!Posix.availability().available()) {
			throw new InvalidValueException(value,
					"privileges cannot be dropped here: native system calls are unavailable: "
							+ Posix.availability().reason(),
					"no value on this system (dropping privileges needs Linux)");
		}
		return Posix.get();
	}

}
