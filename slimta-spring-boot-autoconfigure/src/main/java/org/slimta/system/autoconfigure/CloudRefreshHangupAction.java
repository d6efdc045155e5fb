package org.slimta.system.autoconfigure;

import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

/**
 * The classic "HUP reloads the configuration": asks Spring Cloud Context to refresh, which
 * re-binds {@code @ConfigurationProperties} and rebuilds {@code @RefreshScope} beans.
 */
class CloudRefreshHangupAction implements HangupAction, Ordered {

	private final ApplicationEventPublisher publisher;

	CloudRefreshHangupAction(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	// Before the other actions: systemd hears READY=1 only once the reload is done.
	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public void afterHangup() {
		this.publisher.publishEvent(new RefreshEvent(this, "SIGHUP", "SIGHUP received"));
	}

}
