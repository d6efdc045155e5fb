package org.slimta.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sample.greeting}, re-bound when SIGHUP re-reads the configuration files.
 */
@ConfigurationProperties("sample")
public class GreetingProperties {

	/**
	 * What GET /greeting answers.
	 */
	private String greeting = "hello";

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

}
