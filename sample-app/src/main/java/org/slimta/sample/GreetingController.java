package org.slimta.sample;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "HUP reloads the configuration": serves {@code sample.greeting} at {@code GET /greeting}. Put it
 * in an external file ({@code ./config/application.yml}, or one named by
 * {@code spring.config.additional-location}), change it, {@code kill -HUP <pid>}, and the answer
 * changes; a file that no longer parses leaves it as it was.
 */
@RestController
@EnableConfigurationProperties(GreetingProperties.class)
class GreetingController {

	private final GreetingProperties properties;

	GreetingController(GreetingProperties properties) {
		this.properties = properties;
	}

	@GetMapping(path = "/greeting", produces = "text/plain")
	String greeting() {
		return this.properties.getGreeting() + "\n";
	}

}
