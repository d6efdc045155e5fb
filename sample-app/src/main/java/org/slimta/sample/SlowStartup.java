package org.slimta.sample;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A bean that waits {@code sample.startup-delay} for something it needs (default nothing), as a
 * bean waiting for a database would, to watch SIGTERM end an application that is still starting
 * as promptly as the JVM's own handlers would.
 */
@Component
class SlowStartup {

	private static final Log logger = LogFactory.getLog(SlowStartup.class);

	SlowStartup(@Value("${sample.startup-delay:0s}") Duration delay) throws InterruptedException {
		if (delay.isZero()) {
			return;
		}
		logger.info("starting slowly, in " + delay);
		// An untimed wait, released from elsewhere: Spring's close interrupts a refresh that waits so.
		CountDownLatch available = new CountDownLatch(1);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sample-startup-delay");
			thread.setDaemon(true);
			return thread;
		});
		try {
			timer.schedule(available::countDown, delay.toMillis(), TimeUnit.MILLISECONDS);
			available.await();
		}
		finally {
			timer.shutdownNow();
		}
	}

}
