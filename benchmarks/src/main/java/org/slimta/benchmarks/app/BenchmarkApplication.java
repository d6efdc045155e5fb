package org.slimta.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The measured application: webmvc and actuator, and nothing of its own that uses the
 * starter, so that the jar with the starter and the jar without it differ only by the
 * starter and what it brings.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

}
