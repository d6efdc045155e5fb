package org.slimta.sample;

import java.util.Map;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Breaks the application's liveness, as a bean that finds itself in a state it cannot leave would:
 * {@code POST /liveness/broken}. Under systemd with {@code WatchdogSec=}, the starter then stops
 * its watchdog pings and logs why, and systemd restarts the service; {@code
 * /actuator/health/liveness} answers 503.
 */
@RestController
class LivenessController {

	private final ApplicationEventPublisher publisher;

	LivenessController(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@PostMapping("/liveness/broken")
	Map<String, String> broken() {
		AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.BROKEN);
		return Map.of("liveness", LivenessState.BROKEN.name());
	}

}
