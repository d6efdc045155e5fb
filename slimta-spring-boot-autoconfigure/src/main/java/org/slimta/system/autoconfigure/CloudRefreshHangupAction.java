package org.slimta.system.autoconfigure;

import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The classic "HUP reloads the configuration": asks Spring Cloud Context to refresh, which
 * re-binds {@code @ConfigurationProperties} and rebuilds {@code @RefreshScope} beans.
 */
class CloudRefreshHangupAction implements HangupAction {

	private final ApplicationEventPublisher publisher;

	CloudRefreshHangupAction(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void afterHangup() {
		this.publisher.publishEvent(new RefreshEvent(this, "SIGHUP", "SIGHUP received"));
	}

}
