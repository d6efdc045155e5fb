package org.slimta.system.boot.internal.reload;

import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Spring Cloud's refresh does when a configuration file no longer parses. */
@Configuration(proxyBeanMethods = false)
public class FailingRefresh {

	@Bean
	ApplicationListener<RefreshEvent> failingRefreshListener() {
		return (event) -> {
			throw new IllegalStateException("Failed to load property source from location "
					+ "'file:config/application.yml'", new IllegalStateException(
							"mapping values are not allowed here\n in 'reader', line 2, column 9:\n    greeting: a: b"));
		};
	}

}
