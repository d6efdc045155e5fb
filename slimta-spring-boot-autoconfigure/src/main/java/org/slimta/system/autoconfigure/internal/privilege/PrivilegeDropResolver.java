package org.slimta.system.autoconfigure.internal.privilege;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.internal.InvalidSystemPropertyFailureAnalyzer;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.SlimtaSystemPropertiesBinder;
import org.slimta.system.internal.posix.GroupEntry;
import org.slimta.system.internal.privilege.PrivilegeDrop;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Resolves {@code slimta.system.privileges.*} into a {@link PrivilegeDrop} while the bean factory
 * is post-processed, before any application bean exists and long before any port is bound. A user
 * or group that cannot be used fails startup as an invalid property (see
 * {@link InvalidSystemPropertyFailureAnalyzer}).
 */
public final class PrivilegeDropResolver implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	private static final String USER = "slimta.system.privileges.user";

	private static final String GROUP = "slimta.system.privileges.group";

	private @Nullable ConfigurableEnvironment environment;

	private @Nullable PrivilegeDrop drop;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		ConfigurableEnvironment environment = this.environment;
		Assert.state(environment != null, "No environment set");
		SlimtaSystemProperties properties = SlimtaSystemPropertiesBinder.bind(environment);
		PrivilegeDropFactory factory = new PrivilegeDropFactory(properties.getPrivileges());
		GroupEntry group = SlimtaSystemPropertiesBinder.lookUp(environment, GROUP, GroupEntry.class, factory::group)
			.orElse(null);
		this.drop = SlimtaSystemPropertiesBinder
			.lookUp(environment, USER, PrivilegeDrop.class, (user) -> factory.drop(user, group))
			.orElseGet(PrivilegeDrop::notConfigured);
	}

	/**
	 * The drop the properties ask for.
	 * @return the drop
	 */
	public PrivilegeDrop drop() {
		PrivilegeDrop drop = this.drop;
		Assert.state(drop != null, "Bean factory not post-processed yet");
		return drop;
	}

}
