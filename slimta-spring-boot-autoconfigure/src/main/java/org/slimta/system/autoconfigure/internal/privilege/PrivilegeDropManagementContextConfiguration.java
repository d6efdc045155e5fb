package org.slimta.system.autoconfigure.internal.privilege;

import jakarta.servlet.Filter;
import org.slimta.system.boot.internal.privilege.PrivilegeDropGateFilter;
import org.slimta.system.internal.privilege.PrivilegeDrop;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Holds requests to a separate servlet management server ({@code management.server.port}) until
 * privileges are dropped: its context registers only its own filters, not the application's.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
@ConditionalOnProperty(prefix = "slimta.system.privileges", name = "user")
@ConditionalOnBean(PrivilegeDrop.class)
class PrivilegeDropManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<PrivilegeDropGateFilter> slimtaPrivilegeDropGateFilter(PrivilegeDrop slimtaPrivilegeDrop) {
		return PrivilegeDropGateFilter.registration(slimtaPrivilegeDrop.gate());
	}

}
