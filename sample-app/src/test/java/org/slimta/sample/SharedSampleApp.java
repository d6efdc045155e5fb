package org.slimta.sample;

import java.io.IOException;

import org.junit.jupiter.api.Order;

/**
 * One sample application that the tests of a class share where each would otherwise start the same
 * process only to look at it: started, serving HTTP, when a test first asks for it, and again when
 * a test before ended it; closed by the class ({@code @AfterAll}). Each test leaves it as it found
 * it, or ends it and runs after the others ({@link #ENDS_IT}).
 */
final class SharedSampleApp implements AutoCloseable {

	/**
	 * The {@link Order} of a test that ends the application: after those that leave it running.
	 */
	static final int ENDS_IT = Order.DEFAULT + 1;

	private final Start start;

	private SampleAppProcess app;

	SharedSampleApp(Start start) {
		this.start = start;
	}

	/**
	 * The running application, started if there is none (any more).
	 */
	SampleAppProcess get() throws Exception {
		if (this.app != null && !this.app.isAlive()) {
			close();
		}
		if (this.app == null) {
			SampleAppProcess started = this.start.start();
			try {
				started.awaitHttp();
			}
			catch (Exception | AssertionError ex) {
				started.close();
				throw ex;
			}
			this.app = started;
		}
		return this.app;
	}

	@Override
	public void close() throws Exception {
		SampleAppProcess running = this.app;
		this.app = null;
		if (running != null) {
			running.close();
		}
	}

	/**
	 * How the application is started.
	 */
	@FunctionalInterface
	interface Start {

		SampleAppProcess start() throws IOException;

	}

}
