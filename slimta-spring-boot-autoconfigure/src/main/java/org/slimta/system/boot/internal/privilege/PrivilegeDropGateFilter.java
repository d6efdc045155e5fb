package org.slimta.system.boot.internal.privilege;

import java.io.IOException;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.slimta.system.internal.privilege.RequestGate;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * Holds a servlet request that arrives before privileges are dropped until they are, so that no
 * request is served as root; answers 503 if the drop failed. Costs one volatile read afterwards.
 */
public final class PrivilegeDropGateFilter implements Filter {

	private final RequestGate gate;

	/**
	 * Create the filter.
	 * @param gate the gate of the privilege drop
	 */
	public PrivilegeDropGateFilter(RequestGate gate) {
		this.gate = gate;
	}

	/**
	 * The filter, registered before every other filter for every dispatch.
	 * @param gate the gate of the privilege drop
	 * @return the registration
	 */
	public static FilterRegistrationBean<PrivilegeDropGateFilter> registration(RequestGate gate) {
		FilterRegistrationBean<PrivilegeDropGateFilter> registration = new FilterRegistrationBean<>(
				new PrivilegeDropGateFilter(gate));
		registration.setName("slimtaPrivilegeDropGateFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (this.gate.isOpen() || passes()) {
			chain.doFilter(request, response);
			return;
		}
		// Written here, not through sendError: an error dispatch would run application code as root.
		((HttpServletResponse) response).setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
	}

	private boolean passes() {
		try {
			return this.gate.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
