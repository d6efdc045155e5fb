package org.slimta.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "HUP reloads": serves the text of {@code sample.message-file} at {@code GET /message}, read at
 * startup and again on each SIGHUP, so that {@code kill -HUP <pid>} shows a reload. A reload takes
 * {@code sample.reload-delay} longer (default none), to watch a slow reload hold back nothing:
 * SIGTERM still closes the application at once.
 */
@RestController
class MessageController {

	private static final Log logger = LogFactory.getLog(MessageController.class);

	private final Path file;

	private final Duration reloadDelay;

	private volatile String message;

	MessageController(@Value("${sample.message-file:message.txt}") Path file,
			@Value("${sample.reload-delay:0s}") Duration reloadDelay) {
		this.file = file.toAbsolutePath();
		this.reloadDelay = reloadDelay;
		this.message = read();
	}

	@EventListener
	void reload(SignalEvent event) throws InterruptedException {
		if (event.getSignal() == Signal.SIGHUP) {
			if (!this.reloadDelay.isZero()) {
				logger.info("reloading " + this.file + " slowly, in " + this.reloadDelay);
				Thread.sleep(this.reloadDelay.toMillis());
			}
			this.message = read();
			logger.info("reloaded " + this.file);
		}
	}

	@GetMapping(path = "/message", produces = "text/plain")
	String message() {
		return this.message;
	}

	private String read() {
		try {
			return Files.readString(this.file);
		}
		catch (IOException ex) {
			return "no message: " + this.file + " cannot be read (" + ex.getClass().getSimpleName() + ")\n";
		}
	}

}
