package org.slimta.system.internal.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * An application run as a child JVM by {@link Log4jReloadIT}: logs {@code tick 1},
 * {@code tick 2}, ... without pause until it is closed, so that a line lost anywhere shows as a
 * gap.
 */
@SpringBootApplication
public class TickingApplication {

	private static final Log logger = LogFactory.getLog(TickingApplication.class);

	@Bean
	SmartLifecycle ticker() {
		return new SmartLifecycle() {

			private volatile Thread thread;

			@Override
			public void start() {
				Thread ticker = new Thread(() -> {
					for (long tick = 1; !Thread.currentThread().isInterrupted(); tick++) {
						logger.info("tick " + tick);
						try {
							Thread.sleep(1);
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				}, "ticker");
				ticker.start();
				this.thread = ticker;
			}

			@Override
			public void stop() {
				Thread ticker = this.thread;
				ticker.interrupt();
				try {
					ticker.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.thread = null;
			}

			@Override
			public boolean isRunning() {
				return this.thread != null;
			}

		};
	}

	public static void main(String[] args) {
		SpringApplication.run(TickingApplication.class, args);
	}

}
