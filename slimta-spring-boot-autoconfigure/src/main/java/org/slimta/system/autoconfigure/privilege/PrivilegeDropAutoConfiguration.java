package org.slimta.system.autoconfigure.privilege;

import jakarta.servlet.Filter;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.internal.privilege.PrivilegeDropResolver;
import org.slimta.system.boot.internal.privilege.CapabilitiesStatus;
import org.slimta.system.boot.internal.privilege.PrivilegeDropGateFilter;
import org.slimta.system.boot.internal.privilege.PrivilegeDropGateWebFilter;
import org.slimta.system.boot.internal.privilege.PrivilegeDropListener;
import org.slimta.system.boot.internal.privilege.PrivilegeDropStatus;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.privilege.PrivilegeDrop;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Drops root privileges to {@code slimta.system.privileges.user} once every web server listens.
 * The user and group are resolved before any bean is created; requests that arrive before the
 * drop wait at a filter of highest precedence until it is done.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnSlimtaSystemEnabled
public final class PrivilegeDropAutoConfiguration {

	// Static: a bean factory post-processor runs before any other bean is created.
	@Bean
	static PrivilegeDropResolver slimtaPrivilegeDropResolver() {
		return new PrivilegeDropResolver();
	}

	@Bean
	PrivilegeDrop slimtaPrivilegeDrop(PrivilegeDropResolver resolver) {
		return resolver.drop();
	}

	@Bean
	FeatureStatus slimtaPrivilegeDropStatus(PrivilegeDrop slimtaPrivilegeDrop) {
		return new PrivilegeDropStatus(slimtaPrivilegeDrop);
	}

	@Bean
	FeatureStatus slimtaCapabilitiesStatus() {
		return new CapabilitiesStatus();
	}

	@Bean
	PrivilegeDropListener slimtaPrivilegeDropListener(PrivilegeDrop slimtaPrivilegeDrop) {
		return new PrivilegeDropListener(slimtaPrivilegeDrop);
	}

	// Servlet and WebFlux types only in nested classes: this class must load without them.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	@ConditionalOnProperty(prefix = "slimta.system.privileges", name = "user")
	static class ServletGateConfiguration {

		@Bean
		FilterRegistrationBean<PrivilegeDropGateFilter> slimtaPrivilegeDropGateFilter(PrivilegeDrop slimtaPrivilegeDrop) {
			return PrivilegeDropGateFilter.registration(slimtaPrivilegeDrop.gate());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	@ConditionalOnProperty(prefix = "slimta.system.privileges", name = "user")
	static class ReactiveGateConfiguration {

		// A management server of its own takes WebFilters from this context too.
		@Bean
		PrivilegeDropGateWebFilter slimtaPrivilegeDropGateWebFilter(PrivilegeDrop slimtaPrivilegeDrop) {
			return new PrivilegeDropGateWebFilter(slimtaPrivilegeDrop.gate());
		}

	}

}
